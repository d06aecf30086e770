-- Row-level security for the areas merged after 0008_rls (group businesses, price committee,
-- cohesion, coaching and quarter locks). Same rules as the application's scopes; see SECURITY.md.
-- Reference tables without tenant data (activity_types, cohesion_indicators) have none.

-- ---------------------------------------------------------------- group businesses (issue 6)
-- People and households: the NGO's own, read by whoever may read the NGO or a group they belong
-- to; written only by the NGO.
SELECT app_tenant_table('households', 'ngo_org_id');
--> statement-breakpoint
SELECT app_tenant_table('people', 'ngo_org_id');
--> statement-breakpoint
SELECT app_tenant_table('technical_aids', 'ngo_org_id');
--> statement-breakpoint
-- Children of a group: read by whoever may read the group (the groups policies apply inside
-- the sub-select), written only by the group's NGO.
CREATE OR REPLACE FUNCTION app_group_child(tbl regclass, parent_expr text, writable_expr text) RETURNS void LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  name text := (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = tbl);
BEGIN
  PERFORM app_enable_rls(tbl);
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_read', tbl);
  EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (%s)', name || '_read', tbl, parent_expr);
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_write', tbl);
  EXECUTE format('CREATE POLICY %I ON %s FOR ALL USING (%s) WITH CHECK (%s)', name || '_write', tbl, writable_expr, writable_expr);
END;
$$;
--> statement-breakpoint
SELECT app_group_child('group_memberships',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('manager_teams',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('manager_team_members',
  'team_id IN (SELECT t.id FROM manager_teams t)',
  'team_id IN (SELECT t.id FROM manager_teams t JOIN groups g ON g.id = t.group_id WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('manager_terms',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('customer_credits',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('credit_repayments',
  'credit_id IN (SELECT c.id FROM customer_credits c)',
  'credit_id IN (SELECT c.id FROM customer_credits c JOIN groups g ON g.id = c.group_id WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('profit_distributions',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('profit_shares',
  'distribution_id IN (SELECT d.id FROM profit_distributions d)',
  'distribution_id IN (SELECT d.id FROM profit_distributions d JOIN groups g ON g.id = d.group_id WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
-- Ledger lines carry the group's NGO (kept equal by a composite key): read with the group.
SELECT app_group_child('ledger_entries',
  'group_id IN (SELECT g.id FROM groups g)',
  'ngo_org_id = (SELECT app_current_org())');
--> statement-breakpoint
SELECT app_group_child('ledger_entry_history',
  'entry_id IN (SELECT e.id FROM ledger_entries e)',
  'entry_id IN (SELECT e.id FROM ledger_entries e WHERE e.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
-- Members of a readable group are readable (names on the group's page), with their household.
CREATE POLICY people_read_group ON people FOR SELECT
  USING (id IN (SELECT gm.person_id FROM group_memberships gm));
--> statement-breakpoint
CREATE POLICY households_read_group ON households FOR SELECT
  USING (id IN (SELECT p.household_id FROM people p));
--> statement-breakpoint
-- Declared figures: the declaring organisation's, read by whoever may read it.
SELECT app_tenant_table('declared_figures', 'org_id');
--> statement-breakpoint
-- Exchange rates are global reference data: read in any tenant context, set by a consortium.
SELECT app_enable_rls('exchange_rates');
--> statement-breakpoint
CREATE POLICY exchange_rates_read ON exchange_rates FOR SELECT USING ((SELECT app_current_org()) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY exchange_rates_write ON exchange_rates FOR ALL
  USING ((SELECT o.type FROM organisations o WHERE o.id = (SELECT app_current_org())) = 'consortium')
  WITH CHECK (set_by_org_id = (SELECT app_current_org())
    AND (SELECT o.type FROM organisations o WHERE o.id = (SELECT app_current_org())) = 'consortium');
--> statement-breakpoint
-- ---------------------------------------------------------------- price committee (issue 3)
-- Every table: read by whoever may read the commune, written by the commune.
SELECT app_tenant_table('products', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('suppliers', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('price_settings', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('price_sessions', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('session_attendees', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('negotiated_prices', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('price_notices', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('price_notice_villages', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('purchase_orders', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('purchase_order_lines', 'commune_org_id');
--> statement-breakpoint
SELECT app_tenant_table('market_observations', 'commune_org_id');
--> statement-breakpoint
-- Market observations are also recorded by an organisation in the communes it works in (NGO
-- coaches, permission prices:observe). Only new rows: changing one stays the commune's.
CREATE POLICY market_observations_observe ON market_observations FOR INSERT WITH CHECK (
  commune_org_id IN (SELECT oc.commune_org_id FROM org_communes oc WHERE oc.org_id = (SELECT app_current_org()))
);
--> statement-breakpoint
-- The public board is opened by its token before any tenant is known: this function returns
-- only the commune whose enabled board has that token (nothing else of price_settings). It runs
-- as the owner, in maintenance mode for this one lookup only (restored before returning; the
-- application role gains nothing from the setting anyway, app_is_maintenance() checks the owner).
CREATE OR REPLACE FUNCTION app_board_commune(token text) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_catalog
AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  commune uuid;
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT s.commune_org_id INTO commune FROM public.price_settings s
  WHERE s.public_board_enabled AND s.public_board_token IS NOT NULL AND s.public_board_token = token
  LIMIT 1;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN commune;
END;
$$;
--> statement-breakpoint
-- ---------------------------------------------------------------- cohesion (issue 4)
-- Surveys are entered by an NGO or a commune (org_id) for a village; read by whoever may read
-- the author or the village's territory (lib/cohesion/scope.ts), written only by the author.
SELECT app_tenant_table('cohesion_surveys', 'org_id');
--> statement-breakpoint
CREATE POLICY cohesion_surveys_read_place ON cohesion_surveys FOR SELECT
  USING (village_id IN (SELECT unnest(app_readable_places())));
--> statement-breakpoint
SELECT app_tenant_table('cohesion_answers', 'org_id');
--> statement-breakpoint
CREATE POLICY cohesion_answers_read_survey ON cohesion_answers FOR SELECT
  USING (survey_id IN (SELECT s.id FROM cohesion_surveys s));
--> statement-breakpoint
-- ---------------------------------------------------------------- coaching, quarter locks (issue 4)
-- The NGO's records about its groups: read like the groups, written only by the NGO.
SELECT app_tenant_table('coaching_visits', 'ngo_org_id');
--> statement-breakpoint
CREATE POLICY coaching_visits_read_group ON coaching_visits FOR SELECT
  USING (group_id IN (SELECT g.id FROM groups g));
--> statement-breakpoint
SELECT app_tenant_table('coaching_follow_ups', 'ngo_org_id');
--> statement-breakpoint
CREATE POLICY coaching_follow_ups_read_visit ON coaching_follow_ups FOR SELECT
  USING (visit_id IN (SELECT v.id FROM coaching_visits v));
--> statement-breakpoint
SELECT app_tenant_table('group_evaluations', 'ngo_org_id');
--> statement-breakpoint
CREATE POLICY group_evaluations_read_group ON group_evaluations FOR SELECT
  USING (group_id IN (SELECT g.id FROM groups g));
--> statement-breakpoint
SELECT app_tenant_table('quarter_locks', 'ngo_org_id');
--> statement-breakpoint
CREATE POLICY quarter_locks_read_group ON quarter_locks FOR SELECT
  USING (ngo_org_id IN (SELECT g.ngo_org_id FROM groups g));
