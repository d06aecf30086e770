-- Issue 11, point 2: row-level security as narrow as the application's group scope
-- (lib/groups/scope.ts groupScopeSql). Before, a group was also readable by every organisation
-- that could read a place it lies in: an NGO read every group (and, through them, the members,
-- ledger, credits, rollups…) of any commune it works in, including another NGO's; a network
-- every group of its communes; a consortium every group in its member communes' territories,
-- members or not. Now a group is read by exactly:
--   an NGO: the groups it supports (groups.ngo_org_id);
--   a cooperative network: the groups affiliated to it (groups.network_org_id);
--   a commune: the groups in the settlements of its territory (places whose parent is its
--     territory place);
--   a consortium: its member NGOs' groups.
-- Every table hanging from a group (memberships, teams, terms, credits, repayments,
-- distributions, shares, ledger entries and their history, rollups, coaching visits and
-- evaluations, members and their households and aids) reads through the groups' policy in its
-- own sub-select (0009), so it narrows with it; the ledger cube and the groups' sales per year
-- (0031) get the same three conditions on the scope keys they carry; the network months (0032)
-- are already the network's own. Writes are unchanged (only the supporting NGO).
--
-- Speed: the three sets are computed by STABLE functions called as initplans, (SELECT fn()),
-- once per statement, never per row (as 0024 does for the readable places); each is one primary
-- key lookup of the current organisation plus, for a consortium its members, for a commune the
-- settlements of its territory. In maintenance mode they return nothing (the maintenance policy
-- shows every row anyway).

-- The NGOs whose groups the current organisation reads: itself if an NGO; a consortium's members.
CREATE OR REPLACE FUNCTION app_scope_ngos() RETURNS uuid[] LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  WITH cur AS MATERIALIZED (
    SELECT o.id, o.type FROM public.organisations o WHERE o.id = app_current_org() AND NOT app_is_maintenance()
  )
  SELECT coalesce(array_agg(DISTINCT s.id), '{}'::uuid[]) FROM (
    SELECT cur.id FROM cur WHERE cur.type = 'ngo'
    UNION ALL
    SELECT cm.member_org_id FROM public.consortium_members cm JOIN cur ON cur.type = 'consortium' AND cm.consortium_id = cur.id
  ) s
$$;
--> statement-breakpoint
-- The current organisation if it is a cooperative network (its affiliated groups), else null.
CREATE OR REPLACE FUNCTION app_scope_network() RETURNS uuid LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT o.id FROM public.organisations o
  WHERE o.id = app_current_org() AND o.type = 'cooperative_network' AND NOT app_is_maintenance()
$$;
--> statement-breakpoint
-- The settlements (villages and campements) of the current organisation's territory, if it is
-- a commune; else none.
CREATE OR REPLACE FUNCTION app_scope_villages() RETURNS uuid[] LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT coalesce(array_agg(s.id), '{}'::uuid[])
  FROM public.organisations o JOIN public.places s ON s.parent_id = o.territory_place_id
  WHERE o.id = app_current_org() AND o.type = 'commune' AND NOT app_is_maintenance()
$$;
--> statement-breakpoint
-- Groups: read within the group scope above; written by their NGO only (groups_write, 0008).
DROP POLICY IF EXISTS groups_read ON groups;
--> statement-breakpoint
DROP POLICY IF EXISTS groups_read_network_place ON groups;
--> statement-breakpoint
CREATE POLICY groups_read ON groups FOR SELECT USING (
  ngo_org_id = ANY ((SELECT app_scope_ngos())::uuid[])
  OR network_org_id = (SELECT app_scope_network())
  OR village_id = ANY ((SELECT app_scope_villages())::uuid[])
);
--> statement-breakpoint
-- The cube (per NGO, network, village, activity and month) carries the three keys of the scope.
DROP POLICY IF EXISTS ledger_cube_read ON ledger_cube;
--> statement-breakpoint
CREATE POLICY ledger_cube_read ON ledger_cube FOR SELECT USING (
  ngo_org_id = ANY ((SELECT app_scope_ngos())::uuid[])
  OR network_org_id = (SELECT app_scope_network())
  OR village_id = ANY ((SELECT app_scope_villages())::uuid[])
);
--> statement-breakpoint
-- The groups' sales per year (0031) carry the same keys as the cube.
DROP POLICY IF EXISTS ledger_group_sales_years_read ON ledger_group_sales_years;
--> statement-breakpoint
CREATE POLICY ledger_group_sales_years_read ON ledger_group_sales_years FOR SELECT USING (
  ngo_org_id = ANY ((SELECT app_scope_ngos())::uuid[])
  OR network_org_id = (SELECT app_scope_network())
  OR village_id = ANY ((SELECT app_scope_villages())::uuid[])
);
--> statement-breakpoint
-- Group rollups and the NGO months: the NGO's own and a consortium's members' (by column), or
-- those of a readable group. app_readable_orgs() also held the communes an NGO works in, which
-- own no group; the scope's NGOs say the same thing exactly.
DROP POLICY IF EXISTS ledger_rollups_read ON ledger_rollups;
--> statement-breakpoint
CREATE POLICY ledger_rollups_read ON ledger_rollups FOR SELECT USING (
  ngo_org_id = ANY ((SELECT app_scope_ngos())::uuid[])
  OR group_id IN (SELECT g.id FROM groups g)
);
--> statement-breakpoint
DROP POLICY IF EXISTS ledger_ngo_months_read ON ledger_ngo_months;
--> statement-breakpoint
CREATE POLICY ledger_ngo_months_read ON ledger_ngo_months FOR SELECT USING (ngo_org_id = ANY ((SELECT app_scope_ngos())::uuid[]));
--> statement-breakpoint
-- The members' counts of a group (0028) check the same scope in the open (the embedded
-- database's owner is a superuser and bypasses row-level security).
CREATE OR REPLACE FUNCTION app_group_member_counts(gid uuid, on_date date)
RETURNS TABLE (
  members int, women int, men int,
  disabled int, no_disability int, wg_unknown int, too_young int,
  host int, refugee_out_of_camp int, refugee_in_camp int, returnee int, status_unknown int,
  with_aid int
)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_catalog
AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
BEGIN
  PERFORM set_config('app.maintenance', '', true);
  IF NOT EXISTS (
    SELECT 1 FROM public.groups g
    WHERE g.id = gid
      AND (g.ngo_org_id = ANY (app_scope_ngos()) OR g.network_org_id = app_scope_network() OR g.village_id = ANY (app_scope_villages()))
  ) THEN
    PERFORM set_config('app.maintenance', prev, true);
    RETURN;
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  RETURN QUERY
    WITH m AS (
      SELECT DISTINCT ON (p.id) p.id, p.sex,
        (extract(year from on_date)::int - p.birth_year) >= 5 AS wg_applies,
        (p.wg_seeing IN ('a_lot','cannot') OR p.wg_hearing IN ('a_lot','cannot') OR p.wg_walking IN ('a_lot','cannot')
          OR p.wg_cognition IN ('a_lot','cannot') OR p.wg_self_care IN ('a_lot','cannot') OR p.wg_communication IN ('a_lot','cannot')) AS wg_cut,
        'not_asked' IN (p.wg_seeing, p.wg_hearing, p.wg_walking, p.wg_cognition, p.wg_self_care, p.wg_communication) AS wg_missing,
        h.status AS hh,
        EXISTS (SELECT 1 FROM public.technical_aids a WHERE a.person_id = p.id AND a.received_on <= on_date) AS has_aid
      FROM public.group_memberships gm
      JOIN public.people p ON p.id = gm.person_id
      LEFT JOIN public.households h ON h.id = p.household_id
      WHERE gm.group_id = gid AND gm.joined_on <= on_date AND (gm.left_on IS NULL OR gm.left_on > on_date)
    )
    SELECT count(*)::int,
      count(*) FILTER (WHERE m.sex = 'female')::int,
      count(*) FILTER (WHERE m.sex = 'male')::int,
      count(*) FILTER (WHERE m.wg_applies AND m.wg_cut)::int,
      count(*) FILTER (WHERE m.wg_applies AND NOT m.wg_cut AND NOT m.wg_missing)::int,
      count(*) FILTER (WHERE m.wg_applies AND NOT m.wg_cut AND m.wg_missing)::int,
      count(*) FILTER (WHERE NOT m.wg_applies)::int,
      count(*) FILTER (WHERE m.hh = 'host')::int,
      count(*) FILTER (WHERE m.hh = 'refugee_out_of_camp')::int,
      count(*) FILTER (WHERE m.hh = 'refugee_in_camp')::int,
      count(*) FILTER (WHERE m.hh = 'returnee')::int,
      count(*) FILTER (WHERE m.hh IS NULL)::int,
      count(*) FILTER (WHERE m.has_aid)::int
    FROM m;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
