CREATE TYPE "public"."activity_kind" AS ENUM('group', 'individual');--> statement-breakpoint
CREATE TYPE "public"."currency" AS ENUM('XOF', 'MRU');--> statement-breakpoint
CREATE TYPE "public"."group_status" AS ENUM('active', 'paused', 'closed');--> statement-breakpoint
CREATE TABLE "activity_types" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" "activity_kind" NOT NULL,
	"name_fr" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"network_org_id" uuid,
	"activity_type" text NOT NULL,
	"village_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"starting_capital_amount" bigint DEFAULT 0 NOT NULL,
	"starting_capital_currency" "currency" DEFAULT 'MRU' NOT NULL,
	"status" "group_status" DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_capital_nonnegative" CHECK ("groups"."starting_capital_amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_network_org_id_organisations_id_fk" FOREIGN KEY ("network_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_activity_type_activity_types_code_fk" FOREIGN KEY ("activity_type") REFERENCES "public"."activity_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_village_id_places_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "groups_ngo_idx" ON "groups" USING btree ("ngo_org_id");--> statement-breakpoint
CREATE INDEX "groups_network_idx" ON "groups" USING btree ("network_org_id");--> statement-breakpoint
CREATE INDEX "groups_village_idx" ON "groups" USING btree ("village_id");--> statement-breakpoint
-- Reference data: the activity types of the grouped support measures.
INSERT INTO "activity_types" ("code", "kind", "name_fr", "name_ar", "name_en", "sort_order") VALUES
  ('shop', 'group', 'Boutique communautaire', 'دكان مجتمعي', 'Community shop', 1),
  ('butchery', 'group', 'Boucherie villageoise', 'ملحمة قروية', 'Village butchery', 2),
  ('sewing', 'group', 'Couture, broderie et teinture des voiles', 'خياطة وتطريز وصباغة الملاحف', 'Sewing, embroidery and veil dyeing', 3),
  ('fattening', 'individual', 'Embouche', 'تسمين المواشي', 'Livestock fattening', 4),
  ('laundry', 'individual', 'Blanchisserie', 'مصبنة', 'Laundry', 5)
ON CONFLICT DO NOTHING;
