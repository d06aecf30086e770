-- Issue 11, point 3: a group's members as counts for readers who may not see the people
-- (consortium, commune, network: no `people:read`). The function returns only counts, for a group
-- the caller may read under its own row-level security; the people themselves are read in
-- maintenance mode for this one aggregate (restored before returning), as app_board_commune does.
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
  -- Checked under the caller's tenant context, never in maintenance: inside this function the
  -- owner's switch would otherwise be honoured for whoever set it.
  PERFORM set_config('app.maintenance', '', true);
  -- The group must be readable by the caller. Its row-level security decides where the owner is
  -- subject to it (PostgreSQL, FORCE); the embedded database's owner is a superuser, which
  -- bypasses it, so the read rule of groups (0008: the NGO's readers; its network; the
  -- readable places) is also checked in the open. Both must hold.
  IF NOT EXISTS (
    SELECT 1 FROM public.groups g
    WHERE g.id = gid
      AND (g.ngo_org_id = ANY (app_readable_orgs()) OR g.network_org_id = app_current_org() OR g.village_id = ANY (app_readable_places()))
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
