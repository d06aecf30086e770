CREATE TYPE "public"."distribution_status" AS ENUM('draft', 'final', 'legacy');--> statement-breakpoint
CREATE TYPE "public"."explain_method" AS ENUM('read_aloud', 'pictures', 'counted_cash', 'other');--> statement-breakpoint
CREATE TABLE "business_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"currency" "currency" NOT NULL,
	"planned_capital" bigint NOT NULL,
	"monthly_sales" bigint NOT NULL,
	"margin_pct" integer NOT NULL,
	"reorder_days" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_plans_version_positive" CHECK ("business_plans"."version" >= 1),
	CONSTRAINT "business_plans_amounts" CHECK ("business_plans"."planned_capital" >= 0 and "business_plans"."monthly_sales" >= 0),
	CONSTRAINT "business_plans_margin" CHECK ("business_plans"."margin_pct" between -100 and 100),
	CONSTRAINT "business_plans_reorder" CHECK ("business_plans"."reorder_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "group_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_rules_version_positive" CHECK ("group_rules"."version" >= 1),
	CONSTRAINT "group_rules_body" CHECK (length("group_rules"."body") between 1 and 4000)
);
--> statement-breakpoint
CREATE TABLE "meeting_settings" (
	"ngo_org_id" uuid PRIMARY KEY NOT NULL,
	"quorum_pct" integer DEFAULT 50 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_settings_quorum" CHECK ("meeting_settings"."quorum_pct" between 50 and 100)
);
--> statement-breakpoint
CREATE TABLE "profit_meeting_attendees" (
	"distribution_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	CONSTRAINT "profit_meeting_attendees_distribution_id_membership_id_pk" PRIMARY KEY("distribution_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "rule_acknowledgements" (
	"rules_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"acknowledged_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_acknowledgements_rules_id_membership_id_pk" PRIMARY KEY("rules_id","membership_id")
);
--> statement-breakpoint
-- The distributions recorded before meetings were are "legacy" (kept as they are, final); new
-- ones start as drafts. Set as the column's default at first, so no row is updated (an update
-- would meet the quarter locks of migration 0013).
ALTER TABLE "profit_distributions" ADD COLUMN "status" "distribution_status" DEFAULT 'legacy' NOT NULL;--> statement-breakpoint
ALTER TABLE "profit_distributions" ALTER COLUMN "status" SET DEFAULT 'draft';--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD COLUMN "meeting_on" date;--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD COLUMN "meeting_place" text;--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD COLUMN "explained_by" "explain_method";--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD COLUMN "explanation" text;--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD COLUMN "finalised_by" uuid;--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD COLUMN "finalised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "business_plans" ADD CONSTRAINT "business_plans_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_plans" ADD CONSTRAINT "business_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_rules" ADD CONSTRAINT "group_rules_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_rules" ADD CONSTRAINT "group_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_settings" ADD CONSTRAINT "meeting_settings_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_settings" ADD CONSTRAINT "meeting_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_meeting_attendees" ADD CONSTRAINT "profit_meeting_attendees_distribution_id_profit_distributions_id_fk" FOREIGN KEY ("distribution_id") REFERENCES "public"."profit_distributions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_meeting_attendees" ADD CONSTRAINT "profit_meeting_attendees_membership_id_group_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."group_memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_acknowledgements" ADD CONSTRAINT "rule_acknowledgements_rules_id_group_rules_id_fk" FOREIGN KEY ("rules_id") REFERENCES "public"."group_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_acknowledgements" ADD CONSTRAINT "rule_acknowledgements_membership_id_group_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."group_memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_acknowledgements" ADD CONSTRAINT "rule_acknowledgements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "business_plans_version_idx" ON "business_plans" USING btree ("group_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "group_rules_version_idx" ON "group_rules" USING btree ("group_id","version");--> statement-breakpoint
CREATE INDEX "rule_acknowledgements_membership_idx" ON "rule_acknowledgements" USING btree ("membership_id");--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD CONSTRAINT "profit_distributions_finalised_by_users_id_fk" FOREIGN KEY ("finalised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Issue 17: row-level security like the group's other records (migration 0009): read with the
-- group, written by the NGO supporting it; an NGO's meeting rule like its other settings.
SELECT app_tenant_table('meeting_settings', 'ngo_org_id');
--> statement-breakpoint
SELECT app_group_child('business_plans',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('group_rules',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('profit_meeting_attendees',
  'distribution_id IN (SELECT d.id FROM profit_distributions d)',
  'distribution_id IN (SELECT d.id FROM profit_distributions d JOIN groups g ON g.id = d.group_id WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('rule_acknowledgements',
  'rules_id IN (SELECT r.id FROM group_rules r)',
  'rules_id IN (SELECT r.id FROM group_rules r JOIN groups g ON g.id = r.group_id WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
-- Open profit meetings (issue 17, point 4). A distribution is written as a draft; it becomes final
-- only when its meeting is recorded (date, place, how the shares were explained) and more than the
-- NGO's quorum share (meeting_settings.quorum_pct, 50 by default: a majority) of the members
-- who share the profit were present, or all of them. A final or legacy distribution's meeting and
-- status no longer change. Whoever writes (the server action, a raw statement as the application
-- or as the owner): TK420 (meetingNotQuorate), TK421 (distributionFinal). Read as the definer:
-- the members' rows count whatever the writer may see.
CREATE OR REPLACE FUNCTION tamkin_distribution_meeting() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  active int;
  present int;
  pct int;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'draft' THEN
      RAISE EXCEPTION 'a distribution is recorded as a draft, then finalised at its meeting'
        USING ERRCODE = 'TK420', HINT = 'meetingNotQuorate', DETAIL = json_build_object('present', 0, 'required', 1)::text;
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status <> 'draft' THEN
    IF NEW.status IS DISTINCT FROM OLD.status OR NEW.meeting_on IS DISTINCT FROM OLD.meeting_on
       OR NEW.meeting_place IS DISTINCT FROM OLD.meeting_place OR NEW.explained_by IS DISTINCT FROM OLD.explained_by
       OR NEW.explanation IS DISTINCT FROM OLD.explanation THEN
      RAISE EXCEPTION 'the distribution is final' USING ERRCODE = 'TK421', HINT = 'distributionFinal';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'legacy' THEN
    RAISE EXCEPTION 'only distributions recorded before meetings are legacy' USING ERRCODE = 'TK421', HINT = 'distributionFinal';
  END IF;
  IF NEW.status = 'final' THEN
    SELECT count(*) INTO active FROM profit_shares s WHERE s.distribution_id = NEW.id;
    SELECT count(*) INTO present FROM profit_meeting_attendees a
      JOIN profit_shares s ON s.distribution_id = a.distribution_id AND s.membership_id = a.membership_id
      WHERE a.distribution_id = NEW.id;
    SELECT coalesce((SELECT n.quorum_pct FROM meeting_settings n JOIN groups g ON g.ngo_org_id = n.ngo_org_id WHERE g.id = NEW.group_id), 50)
      INTO pct;
    IF NEW.meeting_on IS NULL OR NEW.meeting_place IS NULL OR btrim(NEW.meeting_place) = '' OR NEW.explained_by IS NULL
       OR active = 0 OR NOT (present >= active OR present * 100 > active * pct) THEN
      RAISE EXCEPTION 'the meeting has % of % members present: below the quorum', present, active
        USING ERRCODE = 'TK420', HINT = 'meetingNotQuorate',
          DETAIL = json_build_object('present', present, 'required', least(active, (active * pct) / 100 + 1))::text;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER profit_distributions_meeting BEFORE INSERT OR UPDATE ON profit_distributions
  FOR EACH ROW EXECUTE FUNCTION tamkin_distribution_meeting();
--> statement-breakpoint
-- The members present: of the distribution's group, and fixed once the distribution is final.
CREATE OR REPLACE FUNCTION tamkin_meeting_attendees() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  st distribution_status;
BEGIN
  SELECT d.status INTO st FROM profit_distributions d WHERE d.id = r.distribution_id;
  IF st IS NOT NULL AND st <> 'draft' THEN
    RAISE EXCEPTION 'the distribution is final' USING ERRCODE = 'TK421', HINT = 'distributionFinal';
  END IF;
  IF TG_OP <> 'DELETE' AND NOT EXISTS (
    SELECT 1 FROM group_memberships m JOIN profit_distributions d ON d.group_id = m.group_id
    WHERE m.id = r.membership_id AND d.id = r.distribution_id) THEN
    RAISE EXCEPTION 'not a member of the group' USING ERRCODE = 'TK421', HINT = 'notGroupMember';
  END IF;
  RETURN r;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER profit_meeting_attendees_guard BEFORE INSERT OR UPDATE OR DELETE ON profit_meeting_attendees
  FOR EACH ROW EXECUTE FUNCTION tamkin_meeting_attendees();
--> statement-breakpoint
-- A member acknowledges a version of their own group's rules.
CREATE OR REPLACE FUNCTION tamkin_rule_acknowledgement() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM group_memberships m JOIN group_rules r ON r.group_id = m.group_id
    WHERE m.id = NEW.membership_id AND r.id = NEW.rules_id) THEN
    RAISE EXCEPTION 'not a member of the group' USING ERRCODE = 'TK421', HINT = 'notGroupMember';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER rule_acknowledgements_member BEFORE INSERT OR UPDATE ON rule_acknowledgements
  FOR EACH ROW EXECUTE FUNCTION tamkin_rule_acknowledgement();
