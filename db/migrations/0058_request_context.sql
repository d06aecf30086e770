-- Hand-written (issue 10.6): a request's session check and its user's memberships in one
-- statement. app_user_organisations(user) reads the user's memberships under row-level security
-- with the user context it sets for its own query, then gives the caller's context back, so it
-- can run outside a transaction (and inside one without changing it). It replaces, on every
-- request, a transaction of its own: begin, set the context, read, commit.
CREATE OR REPLACE FUNCTION app_user_organisations(p_user uuid) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_catalog AS $$
DECLARE
  prev_org text := coalesce(current_setting('app.org_id', true), '');
  prev_user text := coalesce(current_setting('app.user_id', true), '');
  result jsonb;
BEGIN
  PERFORM set_config('app.org_id', '', true), set_config('app.user_id', coalesce(p_user::text, ''), true);
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'type', o.type, 'role', m.role, 'groupId', m.group_id)
                            ORDER BY o.name, o.id), '[]'::jsonb)
    INTO result
    FROM memberships m JOIN organisations o ON o.id = m.org_id
   WHERE m.user_id = p_user;
  PERFORM set_config('app.org_id', prev_org, true), set_config('app.user_id', prev_user, true);
  RETURN result;
END $$;
