CREATE TYPE "public"."cohesion_indicator_kind" AS ENUM('perception', 'count');--> statement-breakpoint
CREATE TABLE "cohesion_answers" (
	"survey_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"community" "settlement_community" NOT NULL,
	"level1" integer DEFAULT 0 NOT NULL,
	"level2" integer DEFAULT 0 NOT NULL,
	"level3" integer DEFAULT 0 NOT NULL,
	"level4" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cohesion_answers_nonnegative" CHECK ("cohesion_answers"."level1" >= 0 and "cohesion_answers"."level2" >= 0 and "cohesion_answers"."level3" >= 0 and "cohesion_answers"."level4" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cohesion_indicators" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" "cohesion_indicator_kind" NOT NULL,
	"question_fr" text NOT NULL,
	"question_ar" text NOT NULL,
	"question_en" text NOT NULL,
	"scale_fr" text NOT NULL,
	"scale_ar" text NOT NULL,
	"scale_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"surveyed_on" date NOT NULL,
	"host_women" integer NOT NULL,
	"host_men" integer NOT NULL,
	"refugee_women" integer NOT NULL,
	"refugee_men" integer NOT NULL,
	"disputes_referred" integer DEFAULT 0 NOT NULL,
	"disputes_resolved" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cohesion_surveys_quarter_format" CHECK ("cohesion_surveys"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "cohesion_surveys_counts_nonnegative" CHECK ("cohesion_surveys"."host_women" >= 0 and "cohesion_surveys"."host_men" >= 0 and "cohesion_surveys"."refugee_women" >= 0 and "cohesion_surveys"."refugee_men" >= 0 and "cohesion_surveys"."disputes_referred" >= 0 and "cohesion_surveys"."disputes_resolved" >= 0),
	CONSTRAINT "cohesion_surveys_resolved_le_referred" CHECK ("cohesion_surveys"."disputes_resolved" <= "cohesion_surveys"."disputes_referred")
);
--> statement-breakpoint
CREATE TABLE "coaching_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"action" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "coaching_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"coach_user_id" uuid,
	"coach_name" text NOT NULL,
	"topics" text NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "coaching_visits_void_reason" CHECK (("coaching_visits"."voided_at" is null) = ("coaching_visits"."void_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "group_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"rules_respected" boolean NOT NULL,
	"books_kept" boolean NOT NULL,
	"stock_checked" boolean NOT NULL,
	"score" integer NOT NULL,
	"comments" text DEFAULT '' NOT NULL,
	"evaluator_user_id" uuid,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "group_evaluations_quarter_format" CHECK ("group_evaluations"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "group_evaluations_score_scale" CHECK ("group_evaluations"."score" between 0 and 10),
	CONSTRAINT "group_evaluations_void_reason" CHECK (("group_evaluations"."voided_at" is null) = ("group_evaluations"."void_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "quarter_locks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" uuid,
	"unlocked_at" timestamp with time zone,
	"unlocked_by" uuid,
	"unlock_reason" text,
	CONSTRAINT "quarter_locks_quarter_format" CHECK ("quarter_locks"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "quarter_locks_unlock_reason" CHECK (("quarter_locks"."unlocked_at" is null) = ("quarter_locks"."unlock_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "cohesion_answers" ADD CONSTRAINT "cohesion_answers_survey_id_cohesion_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."cohesion_surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_answers" ADD CONSTRAINT "cohesion_answers_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_answers" ADD CONSTRAINT "cohesion_answers_indicator_code_cohesion_indicators_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."cohesion_indicators"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_surveys" ADD CONSTRAINT "cohesion_surveys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_surveys" ADD CONSTRAINT "cohesion_surveys_village_id_places_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_surveys" ADD CONSTRAINT "cohesion_surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_follow_ups" ADD CONSTRAINT "coaching_follow_ups_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_follow_ups" ADD CONSTRAINT "coaching_follow_ups_visit_id_coaching_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."coaching_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_visits" ADD CONSTRAINT "coaching_visits_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_visits" ADD CONSTRAINT "coaching_visits_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_visits" ADD CONSTRAINT "coaching_visits_coach_user_id_users_id_fk" FOREIGN KEY ("coach_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_evaluations" ADD CONSTRAINT "group_evaluations_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_evaluations" ADD CONSTRAINT "group_evaluations_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_evaluations" ADD CONSTRAINT "group_evaluations_evaluator_user_id_users_id_fk" FOREIGN KEY ("evaluator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarter_locks" ADD CONSTRAINT "quarter_locks_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarter_locks" ADD CONSTRAINT "quarter_locks_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarter_locks" ADD CONSTRAINT "quarter_locks_unlocked_by_users_id_fk" FOREIGN KEY ("unlocked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cohesion_answers_pk" ON "cohesion_answers" USING btree ("survey_id","indicator_code","community");--> statement-breakpoint
CREATE INDEX "cohesion_answers_org_idx" ON "cohesion_answers" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cohesion_surveys_village_quarter_key" ON "cohesion_surveys" USING btree ("village_id","quarter");--> statement-breakpoint
CREATE INDEX "cohesion_surveys_org_idx" ON "cohesion_surveys" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "coaching_follow_ups_ngo_due_idx" ON "coaching_follow_ups" USING btree ("ngo_org_id","due_on");--> statement-breakpoint
CREATE INDEX "coaching_follow_ups_visit_idx" ON "coaching_follow_ups" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "coaching_visits_ngo_date_idx" ON "coaching_visits" USING btree ("ngo_org_id","visited_on");--> statement-breakpoint
CREATE INDEX "coaching_visits_group_idx" ON "coaching_visits" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_evaluations_group_quarter_key" ON "group_evaluations" USING btree ("group_id","quarter") WHERE "group_evaluations"."voided_at" is null;--> statement-breakpoint
CREATE INDEX "group_evaluations_ngo_quarter_idx" ON "group_evaluations" USING btree ("ngo_org_id","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "quarter_locks_active_key" ON "quarter_locks" USING btree ("ngo_org_id","quarter") WHERE "quarter_locks"."unlocked_at" is null;--> statement-breakpoint
-- Reference data: the cohesion indicators, their exact questions and scales (fr/ar/en).
INSERT INTO "cohesion_indicators" ("code", "kind", "question_fr", "question_ar", "question_en", "scale_fr", "scale_ar", "scale_en", "sort_order") VALUES
  ('trust', 'perception',
   'Dans quelle mesure faites-vous confiance aux membres de l''autre communauté (les réfugiés pour les hôtes, les hôtes pour les réfugiés) ?',
   'إلى أي حد تثق في أفراد المجتمع الآخر (اللاجئين بالنسبة للمضيفين، والمضيفين بالنسبة للاجئين)؟',
   'How much do you trust members of the other community (refugees for hosts, hosts for refugees)?',
   '1 Pas du tout · 2 Un peu · 3 Plutôt · 4 Tout à fait', '1 إطلاقا · 2 قليلا · 3 إلى حد ما · 4 تماما', '1 Not at all · 2 A little · 3 Mostly · 4 Completely', 1),
  ('trade', 'perception',
   'Êtes-vous disposé(e) à acheter et à vendre avec des membres de l''autre communauté ?',
   'هل أنت مستعد(ة) للبيع والشراء مع أفراد المجتمع الآخر؟',
   'How willing are you to buy from and sell to members of the other community?',
   '1 Pas du tout · 2 Un peu · 3 Plutôt · 4 Tout à fait', '1 إطلاقا · 2 قليلا · 3 إلى حد ما · 4 تماما', '1 Not at all · 2 A little · 3 Mostly · 4 Completely', 2),
  ('lend', 'perception',
   'Êtes-vous disposé(e) à prêter de l''argent ou des biens à un membre de l''autre communauté ?',
   'هل أنت مستعد(ة) لإقراض المال أو السلع لفرد من المجتمع الآخر؟',
   'How willing are you to lend money or goods to a member of the other community?',
   '1 Pas du tout · 2 Un peu · 3 Plutôt · 4 Tout à fait', '1 إطلاقا · 2 قليلا · 3 إلى حد ما · 4 تماما', '1 Not at all · 2 A little · 3 Mostly · 4 Completely', 3),
  ('joint_meetings', 'perception',
   'Au cours des trois derniers mois, avez-vous participé à des réunions rassemblant les deux communautés ?',
   'خلال الأشهر الثلاثة الماضية، هل شاركت في اجتماعات تجمع المجتمعين؟',
   'In the last three months, did you take part in meetings bringing both communities together?',
   '1 Jamais · 2 Une fois · 3 Deux ou trois fois · 4 Plus de trois fois', '1 أبدا · 2 مرة واحدة · 3 مرتين أو ثلاث مرات · 4 أكثر من ثلاث مرات', '1 Never · 2 Once · 3 Two or three times · 4 More than three times', 4),
  ('security', 'perception',
   'Vous sentez-vous en sécurité lorsque vous vous déplacez dans le village et vers le marché ?',
   'هل تشعر(ين) بالأمان عند التنقل داخل القرية وإلى السوق؟',
   'Do you feel safe moving around the village and going to the market?',
   '1 Pas du tout · 2 Un peu · 3 Plutôt · 4 Tout à fait', '1 إطلاقا · 2 قليلا · 3 إلى حد ما · 4 تماما', '1 Not at all · 2 A little · 3 Mostly · 4 Completely', 5),
  ('disputes_referred', 'count',
   'Combien de différends entre les deux communautés ont été soumis ce trimestre au mécanisme communautaire de prévention et de gestion des conflits (MCPGC) ?',
   'كم عدد النزاعات بين المجتمعين التي أحيلت خلال هذا الفصل إلى الآلية المجتمعية للوقاية من النزاعات وتسييرها؟',
   'How many disputes between the two communities were referred this quarter to the community conflict prevention and management mechanism (MCPGC)?',
   'Nombre (0 ou plus)', 'عدد (0 أو أكثر)', 'Number (0 or more)', 6),
  ('disputes_resolved', 'count',
   'Combien de ces différends ont été résolus ?',
   'كم من هذه النزاعات تمت تسويتها؟',
   'How many of these disputes were resolved?',
   'Nombre (0 ou plus, au plus le nombre de différends soumis)', 'عدد (0 أو أكثر، ولا يتجاوز عدد النزاعات المحالة)', 'Number (0 or more, at most the disputes referred)', 7)
ON CONFLICT DO NOTHING;
