-- The number of portal accounts of an organisation, for the consortium's comparison: a
-- consortium may not read its members' memberships (names, e-mails, roles), only how many there
-- are. SECURITY DEFINER, run as the owner in maintenance mode for this one count, and only for an
-- organisation the caller's context may read (app_readable_orgs(), evaluated before the switch).
CREATE OR REPLACE FUNCTION app_org_account_count(member uuid) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_catalog
AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  n integer;
BEGIN
  IF NOT (member = ANY (app_readable_orgs())) THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT count(*)::int INTO n FROM public.memberships m WHERE m.org_id = member;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN n;
END;
$$;
