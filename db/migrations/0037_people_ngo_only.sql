-- Issue 11, point 3: person-level rows only to the organisation that supports the people.
-- Before, `people`, `households` and `technical_aids` were readable by every organisation that
-- read the NGO (a consortium its members' people: `<table>_read`, app_readable_orgs()) or one of
-- the groups they belong to (a commune, a network: `people_read_group`, 0009, and the read
-- policies of households and aids following it, 0009-0010). Now only the NGO that holds them
-- (`ngo_org_id`, the NGO supporting their groups, the one organisation with `people:read` on
-- them) reads them, through its `<table>_write` policy (FOR ALL, USING ngo_org_id = the current
-- organisation); the owner in maintenance mode through `<table>_maintenance`.
--
-- The aggregates other readers legitimately see (inclusion, the comparison, cohesion from the
-- records, declared vs recorded) read counts only, through the SECURITY DEFINER functions
-- below. Each takes the caller's group scope (app_scope_ngos(), app_scope_network(),
-- app_scope_villages(), migration 0034: exactly the groups RLS lets the caller read) before it
-- switches to maintenance mode for its own statement, counts only members of those groups, and
-- restores the caller's setting; none takes SQL text from the caller. The counting rules are
-- those of the TypeScript loaders they replace (lib/inclusion/queries.ts, compare-batch.ts,
-- lib/cohesion/records.ts, lib/groups/declared.ts), so every figure is unchanged.
DROP POLICY IF EXISTS people_read ON people;
--> statement-breakpoint
DROP POLICY IF EXISTS people_read_group ON people;
--> statement-breakpoint
DROP POLICY IF EXISTS households_read ON households;
--> statement-breakpoint
DROP POLICY IF EXISTS households_read_group ON households;
--> statement-breakpoint
DROP POLICY IF EXISTS technical_aids_read ON technical_aids;
--> statement-breakpoint
DROP POLICY IF EXISTS technical_aids_read_group ON technical_aids;
--> statement-breakpoint
-- Whether the caller reads every row anyway: a superuser (the embedded database's owner), or the
-- database owner in maintenance mode (the demo seed, the tests' owner handle). Then the counting
-- functions below count every group. The caller is the role the session set (SET ROLE, as the
-- embedded database's application connection does) or else the session's user: inside a
-- SECURITY DEFINER function current_user is the owner whoever calls, so app_is_maintenance()
-- would take the application role setting app.maintenance for the owner.
CREATE OR REPLACE FUNCTION app_invoker_reads_all() RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT EXISTS (
    SELECT 1 FROM pg_catalog.pg_roles r
    WHERE r.rolname = CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END
      AND (r.rolsuper OR r.rolbypassrls
        OR (coalesce(current_setting('app.maintenance', true), '') = 'on'
          AND r.oid = (SELECT d.datdba FROM pg_catalog.pg_database d WHERE d.datname = current_database())))
  )
$$;
--> statement-breakpoint
-- The group scope of any organisation (lib/groups/scope.ts groupScopeSql): an NGO its own
-- groups, a consortium its members', a network its affiliated groups, a commune the groups of
-- the settlements of its territory. Not a definer (under the caller's row-level security).
CREATE OR REPLACE FUNCTION app_org_scope(org uuid, OUT ngos uuid[], OUT net uuid, OUT vill uuid[])
LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT
    CASE o.type WHEN 'ngo' THEN ARRAY[o.id]
      WHEN 'consortium' THEN ARRAY(SELECT cm.member_org_id FROM public.consortium_members cm WHERE cm.consortium_id = o.id)
      ELSE '{}'::uuid[] END,
    CASE WHEN o.type = 'cooperative_network' THEN o.id END,
    CASE WHEN o.type = 'commune' THEN ARRAY(SELECT s.id FROM public.places s WHERE s.parent_id = o.territory_place_id) ELSE '{}'::uuid[] END
  FROM public.organisations o WHERE o.id = org
$$;
--> statement-breakpoint
-- One row per active membership (at on_date) of a group activity in the given scope (and in the
-- reader's scope r_*; a null ngos / r_ngos means every group), with what
-- the inclusion figures need (the rotation rule of lib/groups/rotation.ts, as in
-- lib/inclusion/queries.ts). NOT a definer: called by the application role it reads under its
-- own row-level security (its NGO's people only); the definer functions below call it as the
-- owner in maintenance mode and return counts only.
CREATE OR REPLACE FUNCTION app_member_facts(on_date date, ngos uuid[], net uuid, vill uuid[], r_ngos uuid[], r_net uuid, r_vill uuid[])
RETURNS TABLE (
  membership_id uuid, group_id uuid, person_id uuid, sex text, band text, wg_applies boolean, disabled boolean,
  seeing boolean, hearing boolean, walking boolean, cognition boolean, self_care boolean, communication boolean,
  wg_missing boolean, hh_status text, in_cycle boolean, served boolean, left_out boolean, has_aid boolean
)
LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  WITH sg AS (
    SELECT g.id FROM public.groups g JOIN public.activity_types a ON a.code = g.activity_type
    WHERE a.kind = 'group' AND (ngos IS NULL OR g.ngo_org_id = ANY (ngos) OR g.network_org_id = net OR g.village_id = ANY (vill))
      AND (r_ngos IS NULL OR g.ngo_org_id = ANY (r_ngos) OR g.network_org_id = r_net OR g.village_id = ANY (r_vill))
  ),
  team_last AS (
    SELECT t.group_id, t.id AS team_id, max(mt.starts_on) AS last_start
    FROM public.manager_teams t
    LEFT JOIN public.manager_terms mt ON mt.team_id = t.id AND mt.group_id = t.group_id AND mt.starts_on <= on_date AND mt.ends_on < on_date
    WHERE t.group_id IN (SELECT sg.id FROM sg)
    GROUP BY t.group_id, t.id
  ),
  cycles AS (
    SELECT tl.group_id, min(tl.last_start) AS cycle_start FROM team_last tl GROUP BY tl.group_id HAVING count(tl.last_start) = count(*)
  )
  SELECT gm.id, sg.id, p.id, p.sex::text,
    CASE
      WHEN p.birth_year IS NULL OR extract(year FROM on_date)::int - p.birth_year < 0 OR extract(year FROM on_date)::int - p.birth_year > 120 THEN NULL
      WHEN extract(year FROM on_date)::int - p.birth_year >= 80 THEN '80+'
      WHEN extract(year FROM on_date)::int - p.birth_year >= 70 THEN '70-79'
      WHEN extract(year FROM on_date)::int - p.birth_year >= 60 THEN '60-69'
      WHEN extract(year FROM on_date)::int - p.birth_year >= 50 THEN '50-59'
      WHEN extract(year FROM on_date)::int - p.birth_year >= 18 THEN '18-49'
      WHEN extract(year FROM on_date)::int - p.birth_year >= 13 THEN '13-17'
      WHEN extract(year FROM on_date)::int - p.birth_year >= 6 THEN '6-12'
      ELSE '0-5' END,
    (extract(year FROM on_date)::int - p.birth_year) >= 5,
    (extract(year FROM on_date)::int - p.birth_year) >= 5 AND (p.wg_seeing IN ('a_lot','cannot') OR p.wg_hearing IN ('a_lot','cannot')
      OR p.wg_walking IN ('a_lot','cannot') OR p.wg_cognition IN ('a_lot','cannot') OR p.wg_self_care IN ('a_lot','cannot')
      OR p.wg_communication IN ('a_lot','cannot')),
    p.wg_seeing IN ('a_lot','cannot'), p.wg_hearing IN ('a_lot','cannot'), p.wg_walking IN ('a_lot','cannot'),
    p.wg_cognition IN ('a_lot','cannot'), p.wg_self_care IN ('a_lot','cannot'), p.wg_communication IN ('a_lot','cannot'),
    'not_asked' IN (p.wg_seeing, p.wg_hearing, p.wg_walking, p.wg_cognition, p.wg_self_care, p.wg_communication),
    h.status::text,
    c.cycle_start IS NOT NULL,
    EXISTS (
      SELECT 1 FROM public.manager_team_members tm JOIN public.manager_terms mt ON mt.team_id = tm.team_id
      WHERE tm.membership_id = gm.id AND mt.group_id = gm.group_id AND mt.starts_on >= c.cycle_start AND mt.ends_on < on_date
    ),
    NOT EXISTS (
      SELECT 1 FROM public.manager_team_members tm JOIN team_last tl ON tl.team_id = tm.team_id
      WHERE tm.membership_id = gm.id AND tl.group_id = gm.group_id AND tl.last_start IS NOT NULL
    ),
    EXISTS (SELECT 1 FROM public.technical_aids ta WHERE ta.person_id = p.id AND ta.received_on <= on_date)
  FROM sg
  JOIN public.group_memberships gm ON gm.group_id = sg.id AND gm.joined_on <= on_date AND (gm.left_on IS NULL OR gm.left_on > on_date)
  JOIN public.people p ON p.id = gm.person_id
  LEFT JOIN public.households h ON h.id = p.household_id
  LEFT JOIN cycles c ON c.group_id = sg.id
$$;
--> statement-breakpoint
-- The inclusion page's counts (lib/inclusion/queries.ts aggregateInclusion) over the group
-- activities of `org`'s scope that the caller reads (the comparison's drill-down shows a member's
-- under the consortium's rights): per breakdown value
-- (the group's activity, or its village with by_village), per sex and overall; `c` holds the
-- figures in the order of `measures` there (distinct people, or groups for the two group counts).
CREATE OR REPLACE FUNCTION app_inclusion_counts(org uuid, on_date date, by_village boolean, locale text)
RETURNS TABLE (g_dim int, g_sex int, key text, label text, sort int, sex text, c int[])
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
#variable_conflict use_column
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  v_ngos uuid[]; v_net uuid; v_vill uuid[];
BEGIN
  IF NOT app_invoker_reads_all() THEN
    PERFORM set_config('app.maintenance', '', true);
    v_ngos := app_scope_ngos(); v_net := app_scope_network(); v_vill := app_scope_villages();
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  RETURN QUERY
    WITH m AS (
      SELECT f.*,
        CASE WHEN by_village THEN g.village_id::text ELSE g.activity_type END AS dim_key,
        CASE WHEN by_village THEN v.name
          ELSE CASE locale WHEN 'ar' THEN a.name_ar WHEN 'en' THEN a.name_en ELSE a.name_fr END END AS dim_label,
        CASE WHEN by_village THEN 0 ELSE a.sort_order END AS dim_sort
      FROM app_org_scope(org) o CROSS JOIN LATERAL app_member_facts(on_date, o.ngos, o.net, o.vill, v_ngos, v_net, v_vill) f
      JOIN public.groups g ON g.id = f.group_id
      JOIN public.activity_types a ON a.code = g.activity_type
      JOIN public.places v ON v.id = g.village_id
    )
    SELECT grouping(m.dim_key)::int, grouping(m.sex)::int, m.dim_key, min(m.dim_label)::text, min(m.dim_sort)::int, m.sex,
      array[
        count(DISTINCT m.person_id),
        count(DISTINCT m.person_id) FILTER (WHERE m.sex = 'female'),
        count(DISTINCT m.person_id) FILTER (WHERE m.sex = 'male'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band = '0-5'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band = '6-12'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band = '13-17'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band = '18-49'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band = '50-59'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band = '60-69'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band = '70-79'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band = '80+'),
        count(DISTINCT m.person_id) FILTER (WHERE m.band IS NULL),
        count(DISTINCT m.person_id) FILTER (WHERE m.disabled),
        count(DISTINCT m.person_id) FILTER (WHERE m.wg_applies AND NOT m.disabled AND NOT m.wg_missing),
        count(DISTINCT m.person_id) FILTER (WHERE m.wg_applies AND NOT m.disabled AND m.wg_missing),
        count(DISTINCT m.person_id) FILTER (WHERE NOT m.wg_applies),
        count(DISTINCT m.person_id) FILTER (WHERE m.wg_applies AND m.seeing),
        count(DISTINCT m.person_id) FILTER (WHERE m.wg_applies AND m.hearing),
        count(DISTINCT m.person_id) FILTER (WHERE m.wg_applies AND m.walking),
        count(DISTINCT m.person_id) FILTER (WHERE m.wg_applies AND m.cognition),
        count(DISTINCT m.person_id) FILTER (WHERE m.wg_applies AND m.self_care),
        count(DISTINCT m.person_id) FILTER (WHERE m.wg_applies AND m.communication),
        count(DISTINCT m.person_id) FILTER (WHERE m.hh_status = 'host'),
        count(DISTINCT m.person_id) FILTER (WHERE m.hh_status = 'refugee_out_of_camp'),
        count(DISTINCT m.person_id) FILTER (WHERE m.hh_status = 'refugee_in_camp'),
        count(DISTINCT m.person_id) FILTER (WHERE m.hh_status = 'returnee'),
        count(DISTINCT m.person_id) FILTER (WHERE m.hh_status IS NULL),
        count(DISTINCT m.group_id),
        count(DISTINCT m.group_id) FILTER (WHERE m.in_cycle),
        count(DISTINCT m.person_id) FILTER (WHERE m.in_cycle),
        count(DISTINCT m.person_id) FILTER (WHERE m.in_cycle AND m.sex = 'female'),
        count(DISTINCT m.person_id) FILTER (WHERE m.in_cycle AND m.disabled),
        count(DISTINCT m.person_id) FILTER (WHERE m.in_cycle AND m.served),
        count(DISTINCT m.person_id) FILTER (WHERE m.in_cycle AND m.served AND m.sex = 'female'),
        count(DISTINCT m.person_id) FILTER (WHERE m.in_cycle AND m.served AND m.disabled),
        count(DISTINCT m.person_id) FILTER (WHERE m.left_out),
        count(DISTINCT m.person_id) FILTER (WHERE m.disabled AND m.has_aid)
      ]::int[]
    FROM m GROUP BY GROUPING SETS ((m.dim_key), (m.sex), ());
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
--> statement-breakpoint
-- Technical aids received by on_date by the active members in the caller's scope, by type and
-- overall (lib/inclusion/queries.ts countAidsByType).
CREATE OR REPLACE FUNCTION app_inclusion_aids(org uuid, on_date date)
RETURNS TABLE (type text, aids int, people int, disabled int)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
#variable_conflict use_column
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  v_ngos uuid[]; v_net uuid; v_vill uuid[];
BEGIN
  IF NOT app_invoker_reads_all() THEN
    PERFORM set_config('app.maintenance', '', true);
    v_ngos := app_scope_ngos(); v_net := app_scope_network(); v_vill := app_scope_villages();
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  RETURN QUERY
    SELECT ta.aid_type::text, count(*)::int, count(DISTINCT ta.person_id)::int,
      count(DISTINCT ta.person_id) FILTER (WHERE pm.disabled)::int
    FROM public.technical_aids ta
    JOIN (
      SELECT DISTINCT f.person_id, f.disabled FROM app_org_scope(org) o CROSS JOIN LATERAL app_member_facts(on_date, o.ngos, o.net, o.vill, v_ngos, v_net, v_vill) f
    ) pm ON pm.person_id = ta.person_id
    WHERE ta.received_on <= on_date
    GROUP BY GROUPING SETS ((ta.aid_type), ())
    ORDER BY grouping(ta.aid_type), count(*) DESC, ta.aid_type;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
--> statement-breakpoint
-- The comparison's headline inclusion counts of many organisations at once
-- (lib/inclusion/compare-batch.ts): each organisation's group activities are those of its scope
-- keys (lib/groups/compare-batch.ts), counted only where the caller reads them.
CREATE OR REPLACE FUNCTION app_inclusion_of_orgs(org_ids uuid[], org_types text[], on_date date)
RETURNS TABLE (
  id text, members int, women int, disabled int, s_unknown int, host int, refugee_out_of_camp int, refugee_in_camp int, returnee int,
  managers int, managers_disabled int
)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
#variable_conflict use_column
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  v_ngos uuid[]; v_net uuid; v_vill uuid[];
BEGIN
  IF NOT app_invoker_reads_all() THEN
    PERFORM set_config('app.maintenance', '', true);
    v_ngos := app_scope_ngos(); v_net := app_scope_network(); v_vill := app_scope_villages();
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  RETURN QUERY
    WITH m AS (SELECT DISTINCT x.id, x.type FROM unnest(org_ids, org_types) AS x(id, type)),
    ms AS (
      SELECT m.id AS member_id, 'ngo' AS kind, m.id AS key FROM m WHERE m.type = 'ngo'
      UNION ALL
      SELECT m.id, 'network', m.id FROM m WHERE m.type = 'cooperative_network'
      UNION ALL
      SELECT m.id, 'village', s.id FROM m JOIN public.organisations o ON o.id = m.id JOIN public.places s ON o.territory_place_id = s.parent_id
      WHERE m.type = 'commune'
      UNION ALL
      SELECT m.id, 'ngo', cm.member_org_id FROM m JOIN public.consortium_members cm ON cm.consortium_id = m.id WHERE m.type = 'consortium'
    ),
    mg AS (
      SELECT DISTINCT ms.member_id, g.id AS group_id
      FROM public.groups g
      CROSS JOIN LATERAL (VALUES ('ngo', g.ngo_org_id), ('network', g.network_org_id), ('village', g.village_id)) AS k(kind, key)
      JOIN ms ON ms.kind = k.kind AND ms.key = k.key
    ),
    pm AS MATERIALIZED (SELECT * FROM app_member_facts(on_date, v_ngos, v_net, v_vill, v_ngos, v_net, v_vill)),
    per AS (
      SELECT mg.member_id, pm.person_id,
        bool_or(pm.sex = 'female') AS woman, bool_or(pm.disabled) AS disabled, bool_or(pm.hh_status IS NULL) AS s_unknown,
        bool_or(pm.hh_status = 'host') AS s0, bool_or(pm.hh_status = 'refugee_out_of_camp') AS s1,
        bool_or(pm.hh_status = 'refugee_in_camp') AS s2, bool_or(pm.hh_status = 'returnee') AS s3,
        bool_or(pm.in_cycle AND pm.served) AS manager, bool_or(pm.in_cycle AND pm.served AND pm.disabled) AS manager_disabled
      FROM mg JOIN pm ON pm.group_id = mg.group_id
      GROUP BY mg.member_id, pm.person_id
    )
    SELECT per.member_id::text, count(*)::int,
      count(*) FILTER (WHERE per.woman)::int, count(*) FILTER (WHERE per.disabled)::int, count(*) FILTER (WHERE per.s_unknown)::int,
      count(*) FILTER (WHERE per.s0)::int, count(*) FILTER (WHERE per.s1)::int, count(*) FILTER (WHERE per.s2)::int, count(*) FILTER (WHERE per.s3)::int,
      count(*) FILTER (WHERE per.manager)::int, count(*) FILTER (WHERE per.manager_disabled)::int
    FROM per GROUP BY per.member_id;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
--> statement-breakpoint
-- Active members of groups on days, by community (lib/cohesion/records.ts): for each (group, day)
-- pair of the arrays whose group the caller reads, the members active that day whose household
-- is host or returnee, and those who are refugees (in or out of the camp).
CREATE OR REPLACE FUNCTION app_group_communities(group_ids uuid[], days date[])
RETURNS TABLE (group_id uuid, day date, host int, refugee int)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
#variable_conflict use_column
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  v_ngos uuid[]; v_net uuid; v_vill uuid[];
BEGIN
  IF NOT app_invoker_reads_all() THEN
    PERFORM set_config('app.maintenance', '', true);
    v_ngos := app_scope_ngos(); v_net := app_scope_network(); v_vill := app_scope_villages();
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  RETURN QUERY
    WITH pairs AS (
      SELECT DISTINCT x.gid, x.day FROM unnest(group_ids, days) AS x(gid, day)
      JOIN public.groups g ON g.id = x.gid
      WHERE v_ngos IS NULL OR g.ngo_org_id = ANY (v_ngos) OR g.network_org_id = v_net OR g.village_id = ANY (v_vill)
    )
    SELECT pairs.gid, pairs.day,
      count(h.id) FILTER (WHERE h.status IN ('host', 'returnee'))::int,
      count(h.id) FILTER (WHERE h.status IN ('refugee_out_of_camp', 'refugee_in_camp'))::int
    FROM pairs
    LEFT JOIN public.group_memberships gm ON gm.group_id = pairs.gid AND gm.joined_on <= pairs.day AND (gm.left_on IS NULL OR gm.left_on > pairs.day)
    LEFT JOIN public.people p ON p.id = gm.person_id
    LEFT JOIN public.households h ON h.id = p.household_id
    GROUP BY pairs.gid, pairs.day;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
--> statement-breakpoint
-- What the records say for the declared metrics (lib/groups/declared.ts): per NGO the caller
-- reads, its group activities' current members who are cash-transfer beneficiaries, and the
-- women of its sewing workshops.
CREATE OR REPLACE FUNCTION app_declared_people_counts(ngo_ids uuid[])
RETURNS TABLE (ngo uuid, beneficiaries int, workshop_women int)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
#variable_conflict use_column
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  v_ngos uuid[];
BEGIN
  IF app_invoker_reads_all() THEN
    v_ngos := ngo_ids;
  ELSE
    PERFORM set_config('app.maintenance', '', true);
    v_ngos := ARRAY(SELECT unnest(ngo_ids) INTERSECT SELECT unnest(app_scope_ngos()));
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  RETURN QUERY
    WITH g AS (
      SELECT g.id, g.ngo_org_id, g.activity_type FROM public.groups g JOIN public.activity_types a ON a.code = g.activity_type
      WHERE g.ngo_org_id = ANY (v_ngos) AND a.kind = 'group'
    )
    SELECT g.ngo_org_id,
      count(DISTINCT m.person_id) FILTER (WHERE h.cash_transfer_since IS NOT NULL)::int,
      count(DISTINCT m.person_id) FILTER (WHERE g.activity_type = 'sewing' AND p.sex = 'female')::int
    FROM g JOIN public.group_memberships m ON m.group_id = g.id AND m.left_on IS NULL
      AND m.group_id = ANY (array(SELECT g.id FROM g))
    JOIN public.people p ON p.id = m.person_id
    LEFT JOIN public.households h ON h.id = p.household_id
    GROUP BY g.ngo_org_id;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
