-- Issue 17, point 5: a group manager, an editor limited to one group business of the NGO (a
-- shop's or a butchery's manager on a shared phone). The limit is in the database: restrictive
-- policies, added to every permissive one, narrow whatever such an account reads or writes to its
-- group, whatever code path runs the statement. Every other member (group_id null) is unchanged.
ALTER TABLE "memberships" ADD COLUMN "group_id" uuid;
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "memberships_group_idx" ON "memberships" USING btree ("group_id") WHERE "group_id" IS NOT NULL;
--> statement-breakpoint
-- A manager is an editor of the NGO that supports the group (checked as the owner: the group may
-- be one the inviting admin's transaction reads, but the rule must not depend on it).
CREATE OR REPLACE FUNCTION tamkin_membership_group_guard() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  IF NEW.group_id IS NULL THEN
    RETURN NEW;
  END IF;
  IF NEW.role <> 'editor' THEN
    RAISE EXCEPTION 'a group manager is an editor' USING ERRCODE = 'TK013', HINT = 'managerIsEditor';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.group_id AND g.ngo_org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'a group manager manages a group of its own NGO' USING ERRCODE = 'TK013', HINT = 'managerIsEditor';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_group_guard BEFORE INSERT OR UPDATE OF group_id, role, org_id ON memberships
  FOR EACH ROW EXECUTE FUNCTION tamkin_membership_group_guard();
--> statement-breakpoint
-- The group the current member manages, or null (not a manager, no context, or maintenance).
CREATE OR REPLACE FUNCTION app_current_group() RETURNS uuid LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT m.group_id FROM public.memberships m
  WHERE m.user_id = app_current_user() AND m.org_id = app_current_org() AND NOT app_is_maintenance()
$$;
--> statement-breakpoint
-- The groups themselves.
CREATE POLICY groups_manager ON groups AS RESTRICTIVE FOR ALL
  USING ((SELECT app_current_group()) IS NULL OR id = (SELECT app_current_group()))
  WITH CHECK ((SELECT app_current_group()) IS NULL OR id = (SELECT app_current_group()));
--> statement-breakpoint
-- Every table with a group column (members, teams, terms, ledger and rollups, credits,
-- distributions, plans, rules, visits, evaluations, grouped purchases' lines, and any table added
-- before this migration): its own group's rows only. Children without the column (history,
-- repayments, shares, attendees, acknowledgements) read and write through these parents in their
-- own policies' sub-selects, so they narrow with them.
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'group_id' AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND c.relname <> 'memberships'
    ORDER BY c.relname
  LOOP
    EXECUTE format(
      'CREATE POLICY %I ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_current_group()) IS NULL OR group_id = (SELECT app_current_group())) WITH CHECK ((SELECT app_current_group()) IS NULL OR group_id = (SELECT app_current_group()))',
      t || '_manager', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- People, their households and aids: a manager reads its group's members only, and writes none
-- (the NGO's staff record people).
CREATE POLICY people_manager ON people AS RESTRICTIVE FOR ALL
  USING ((SELECT app_current_group()) IS NULL OR id IN (SELECT gm.person_id FROM group_memberships gm))
  WITH CHECK ((SELECT app_current_group()) IS NULL);
--> statement-breakpoint
CREATE POLICY households_manager ON households AS RESTRICTIVE FOR ALL
  USING ((SELECT app_current_group()) IS NULL OR id IN (SELECT p.household_id FROM people p))
  WITH CHECK ((SELECT app_current_group()) IS NULL);
--> statement-breakpoint
CREATE POLICY technical_aids_manager ON technical_aids AS RESTRICTIVE FOR ALL
  USING ((SELECT app_current_group()) IS NULL OR person_id IN (SELECT p.id FROM people p))
  WITH CHECK ((SELECT app_current_group()) IS NULL);
--> statement-breakpoint
-- The organisation's whole-scope figures and settings, its survey answers, invitations and API
-- tokens: nothing for a manager (the rollup triggers write them as the owner, in maintenance).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ledger_cube', 'ledger_ngo_months', 'ledger_network_months', 'group_counts', 'declared_figures', 'cohesion_answers', 'invitations', 'api_tokens']
  LOOP
    EXECUTE format('CREATE POLICY %I ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_current_group()) IS NULL) WITH CHECK ((SELECT app_current_group()) IS NULL)', t || '_manager', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- The audit trail: a manager reads its own actions only (and appends as anyone does).
CREATE POLICY audit_log_manager ON audit_log AS RESTRICTIVE FOR SELECT
  USING ((SELECT app_current_group()) IS NULL OR actor_user_id = (SELECT app_current_user()));
