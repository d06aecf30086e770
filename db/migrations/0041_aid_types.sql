CREATE TABLE "aid_types" (
	"code" text PRIMARY KEY NOT NULL,
	"domain" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "aid_types_domain" CHECK ("aid_types"."domain" in ('seeing', 'hearing', 'walking', 'cognition', 'selfCare', 'communication', 'other'))
);
--> statement-breakpoint
-- Issue 13.5: technical aids become a list of kinds, named in the three languages (reference
-- data, like activity_types: no organisation column, readable by every member).
INSERT INTO "aid_types" ("code", "domain", "name_fr", "name_ar", "name_en", "sort_order") VALUES
  ('glasses', 'seeing', 'Lunettes', 'نظارات', 'Glasses', 10),
  ('magnifier', 'seeing', 'Loupe', 'عدسة مكبرة', 'Magnifier', 11),
  ('white_cane', 'seeing', 'Canne blanche', 'عصا بيضاء', 'White cane', 12),
  ('hearing_aid', 'hearing', 'Appareil auditif', 'سماعة طبية', 'Hearing aid', 20),
  ('wheelchair', 'walking', 'Fauteuil roulant', 'كرسي متحرك', 'Wheelchair', 30),
  ('tricycle', 'walking', 'Tricycle', 'دراجة ثلاثية العجلات', 'Hand tricycle', 31),
  ('crutches', 'walking', 'Béquilles', 'عكازات', 'Crutches', 32),
  ('walking_stick', 'walking', 'Canne de marche', 'عصا المشي', 'Walking stick', 33),
  ('prosthesis', 'walking', 'Prothèse', 'طرف اصطناعي', 'Prosthesis', 34),
  ('orthosis', 'walking', 'Orthèse', 'جهاز تقويمي', 'Orthosis', 35),
  ('memory_aid', 'cognition', 'Aide-mémoire illustré', 'مفكرة مصورة', 'Illustrated memory aid', 40),
  ('adapted_chair', 'selfCare', 'Chaise adaptée', 'كرسي مكيف', 'Adapted chair', 50),
  ('pictogram_board', 'communication', 'Tableau de pictogrammes', 'لوحة رسوم توضيحية', 'Pictogram board', 60),
  ('adapted_tools', 'other', 'Outils de travail adaptés', 'أدوات عمل مكيفة', 'Adapted work tools', 70),
  ('other', 'other', 'Autre aide', 'مساعدة أخرى', 'Other aid', 99);
--> statement-breakpoint
ALTER TABLE "technical_aids" ADD COLUMN "details" text;--> statement-breakpoint
-- The aids already recorded in free text take the kind their words name (in any of the three
-- languages, or its code); anything else is "other", its words kept as details. A change of
-- representation, not of what was recorded: the locked-quarter guard is lifted for it alone.
SELECT set_config('app.maintenance', 'on', true);--> statement-breakpoint
ALTER TABLE "technical_aids" DISABLE TRIGGER guard_quarter_lock;--> statement-breakpoint
UPDATE "technical_aids" ta SET "aid_type" = at.code
  FROM "aid_types" at
  WHERE lower(btrim(ta.aid_type)) IN (lower(at.code), lower(at.name_fr), lower(at.name_ar), lower(at.name_en));--> statement-breakpoint
UPDATE "technical_aids" SET "details" = left(btrim("aid_type"), 80), "aid_type" = 'other'
  WHERE "aid_type" NOT IN (SELECT code FROM "aid_types");--> statement-breakpoint
ALTER TABLE "technical_aids" ENABLE TRIGGER guard_quarter_lock;--> statement-breakpoint
ALTER TABLE "technical_aids" ADD CONSTRAINT "technical_aids_aid_type_aid_types_code_fk" FOREIGN KEY ("aid_type") REFERENCES "public"."aid_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technical_aids" ADD CONSTRAINT "technical_aids_details_length" CHECK (char_length("technical_aids"."details") <= 80);