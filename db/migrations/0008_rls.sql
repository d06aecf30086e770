-- Row-level security: every table holding tenant data is ENABLEd and FORCEd, so that neither
-- the application role nor the owner sees a row outside the tenant context that the current
-- transaction set with set_config('app.org_id' / 'app.user_id', …, true). No context: no row.
-- See SECURITY.md ("adding a table") for how a new table plugs in with one line.

-- The context of the current transaction (null when unset).
CREATE OR REPLACE FUNCTION app_current_org() RETURNS uuid LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT nullif(current_setting('app.org_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_current_user() RETURNS uuid LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
--> statement-breakpoint
-- Maintenance (migrations, demo seed, backups) reads and writes across tenants only when the
-- database owner says so explicitly (app.maintenance=on); the application role is not the
-- owner, so setting it does nothing for it. An owner connection without it sees nothing.
CREATE OR REPLACE FUNCTION app_is_maintenance() RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT coalesce(current_setting('app.maintenance', true), '') = 'on'
     AND EXISTS (
       SELECT 1 FROM pg_catalog.pg_database d
       WHERE d.datname = current_database()
         AND d.datdba = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
     )
$$;
--> statement-breakpoint
-- Organisations whose data the current one may read: itself; a consortium its members; an NGO
-- or a cooperative network the communes it works in.
CREATE OR REPLACE FUNCTION app_readable_orgs() RETURNS uuid[] LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  WITH cur AS (SELECT o.id, o.type FROM public.organisations o WHERE o.id = app_current_org())
  SELECT coalesce(array_agg(DISTINCT s.id), '{}'::uuid[]) FROM (
    SELECT cur.id FROM cur
    UNION
    SELECT cm.member_org_id FROM public.consortium_members cm JOIN cur ON cur.type = 'consortium' AND cm.consortium_id = cur.id
    UNION
    SELECT oc.commune_org_id FROM public.org_communes oc
      JOIN cur ON cur.type IN ('ngo', 'cooperative_network') AND oc.org_id = cur.id
  ) s
$$;
--> statement-breakpoint
-- Places (communes and everything below them) that lie in the territories the current
-- organisation may read: a commune its own territory; an NGO or network its communes';
-- a consortium its member communes' and its members' communes'.
CREATE OR REPLACE FUNCTION app_readable_places() RETURNS uuid[] LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  WITH RECURSIVE readable AS (SELECT app_readable_orgs() AS ids),
  roots AS (
    SELECT o.territory_place_id AS id FROM public.organisations o, readable
    WHERE o.territory_place_id IS NOT NULL
      AND (o.id = ANY (readable.ids)
           OR o.id IN (SELECT oc.commune_org_id FROM public.org_communes oc WHERE oc.org_id = ANY (readable.ids)))
  ),
  tree AS (
    SELECT roots.id FROM roots
    UNION
    SELECT p.id FROM public.places p JOIN tree ON p.parent_id = tree.id
  )
  SELECT coalesce(array_agg(tree.id), '{}'::uuid[]) FROM tree
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_can_read_org(owner uuid) RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT owner = ANY (app_readable_orgs())
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_can_read_place(place uuid) RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT place = ANY (app_readable_places())
$$;
--> statement-breakpoint
-- ENABLE + FORCE row-level security on a table, with the owner's explicit maintenance policy.
-- Policies for the application are added next to the call.
CREATE OR REPLACE FUNCTION app_enable_rls(tbl regclass) RETURNS void LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  name text := (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = tbl);
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_maintenance', tbl);
  EXECUTE format(
    'CREATE POLICY %I ON %s USING ((SELECT app_is_maintenance())) WITH CHECK ((SELECT app_is_maintenance()))',
    name || '_maintenance', tbl);
END;
$$;
--> statement-breakpoint
-- The usual case in one line: a table owned by the organisation in org_column. Its rows are
-- read by every organisation that may read the owner (app_readable_orgs) and written only by
-- the owner itself.
CREATE OR REPLACE FUNCTION app_tenant_table(tbl regclass, org_column text) RETURNS void LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  name text := (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = tbl);
BEGIN
  PERFORM app_enable_rls(tbl);
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_read', tbl);
  EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (%I IN (SELECT unnest(app_readable_orgs())))',
    name || '_read', tbl, org_column);
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_write', tbl);
  EXECUTE format('CREATE POLICY %I ON %s FOR ALL USING (%I = (SELECT app_current_org())) WITH CHECK (%I = (SELECT app_current_org()))',
    name || '_write', tbl, org_column, org_column);
END;
$$;
--> statement-breakpoint
-- Tenancy structure: visible to the organisations it links; written only in maintenance.
SELECT app_enable_rls('consortium_members');
--> statement-breakpoint
CREATE POLICY consortium_members_read ON consortium_members FOR SELECT
  USING (consortium_id = (SELECT app_current_org()) OR member_org_id = (SELECT app_current_org()));
--> statement-breakpoint
SELECT app_enable_rls('org_communes');
--> statement-breakpoint
CREATE POLICY org_communes_read ON org_communes FOR SELECT USING (
  org_id = (SELECT app_current_org())
  OR commune_org_id = (SELECT app_current_org())
  OR org_id IN (SELECT cm.member_org_id FROM consortium_members cm WHERE cm.consortium_id = (SELECT app_current_org()))
);
--> statement-breakpoint
-- Memberships: an organisation's own; a user's own (the tenant resolver and the list of a
-- user's organisations set only app.user_id). Written only inside the organisation.
SELECT app_enable_rls('memberships');
--> statement-breakpoint
CREATE POLICY memberships_read ON memberships FOR SELECT
  USING (org_id = (SELECT app_current_org()) OR user_id = (SELECT app_current_user()));
--> statement-breakpoint
CREATE POLICY memberships_write ON memberships FOR ALL
  USING (org_id = (SELECT app_current_org())) WITH CHECK (org_id = (SELECT app_current_org()));
--> statement-breakpoint
-- Audit trail: an organisation reads its own records; anyone appends records of its own
-- organisation, or with no organisation (sign-in events). No update or delete policy, on top
-- of the revoked grants and the append-only trigger.
SELECT app_enable_rls('audit_log');
--> statement-breakpoint
-- Records without an organisation (sign-in, sign-out, account changes) are read by the
-- organisations of the user they concern.
CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (
  org_id = (SELECT app_current_org())
  OR (org_id IS NULL AND actor_user_id IN (SELECT m.user_id FROM memberships m WHERE m.org_id = (SELECT app_current_org())))
);
--> statement-breakpoint
CREATE POLICY audit_log_append ON audit_log FOR INSERT
  WITH CHECK (org_id IS NULL OR org_id = (SELECT app_current_org()));
--> statement-breakpoint
-- Groups: owned and written by their NGO; read by whoever may read the NGO, by their
-- cooperative network, and by the communes (and their NGOs) where the village lies.
SELECT app_tenant_table('groups', 'ngo_org_id');
--> statement-breakpoint
CREATE POLICY groups_read_network_place ON groups FOR SELECT USING (
  network_org_id = (SELECT app_current_org()) OR village_id IN (SELECT unnest(app_readable_places()))
);
