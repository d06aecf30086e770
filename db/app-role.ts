import { sql } from "drizzle-orm";
import type { Queryable } from "./client";

/** The role the embedded database's application connection switches to (it is created at boot). */
export const PGLITE_APP_ROLE = "tamkin_app";

export function assertRoleName(role: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`unsafe role name: ${role}`);
  return role;
}

/**
 * Privileges of the application role: data manipulation on every table, sequences, and only
 * appending to the audit trail. It owns nothing, so row-level security always applies to it.
 */
export function appGrantStatements(role: string): string[] {
  const r = assertRoleName(role);
  return [
    `grant usage on schema public to ${r}`,
    `grant select, insert, update, delete on all tables in schema public to ${r}`,
    `revoke update, delete, truncate on audit_log from ${r}`,
    // Rollups are written by the ledger's triggers only (as the owner); history is append-only.
    `revoke insert, update, delete, truncate on ledger_rollups, ledger_cube, ledger_ngo_months, ledger_network_months, ledger_group_sales_years, group_counts from ${r}`,
    `revoke update, delete, truncate on ledger_entry_history from ${r}`,
    // Reference data (named in the three languages) changes by migration only.
    `revoke insert, update, delete, truncate on activity_types, aid_types, cohesion_indicators from ${r}`,
    // A public board's token is revoked for good, never deleted (migration 0023).
    `revoke delete, truncate on public_boards from ${r}`,
    // An API token is revoked for good, never deleted (issue 14.5).
    `revoke delete, truncate on api_tokens from ${r}`,
    `grant usage, select on all sequences in schema public to ${r}`,
    `grant execute on all functions in schema public to ${r}`,
  ];
}

export interface RoleFacts {
  name: string;
  isSuperuser: boolean;
  bypassesRls: boolean;
  ownsDatabase: boolean;
  ownsTables: boolean;
  inheritsPrivilegedRole: boolean;
  unforcedTenantTables: string[];
}

/** Why this role must not serve the application; empty when it may. */
export function roleProblems(f: RoleFacts): string[] {
  const out: string[] = [];
  if (f.isSuperuser) out.push(`role ${f.name} is a superuser`);
  if (f.bypassesRls) out.push(`role ${f.name} has BYPASSRLS`);
  if (f.ownsDatabase) out.push(`role ${f.name} owns the database`);
  if (f.ownsTables) out.push(`role ${f.name} owns tables (row-level security does not apply to an owner without FORCE)`);
  if (f.inheritsPrivilegedRole) out.push(`role ${f.name} is a member of a superuser, BYPASSRLS or owner role`);
  if (f.unforcedTenantTables.length > 0) {
    out.push(`tables with tenant data lack ENABLE/FORCE row-level security: ${f.unforcedTenantTables.join(", ")}`);
  }
  return out;
}

/** Rows of a raw execute(), whichever driver ran it. */
export function rowsOf<T>(r: unknown): T[] {
  return (r as { rows?: T[] }).rows ?? (r as T[]);
}

/** Tables (in public) with a column named org_id or ending in org_id: they hold tenant data. */
export async function tenantTableSecurity(db: Queryable): Promise<{ name: string; rls: boolean; force: boolean }[]> {
  return rowsOf(
    await db.execute(sql`
      select distinct c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as force from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attname like '%org\\_id'
      order by 1`),
  );
}

/** Facts about the role the connection runs as (current_user, after any SET ROLE). */
export async function readRoleFacts(db: Queryable): Promise<RoleFacts> {
  const [f] = rowsOf<{
    name: string;
    is_superuser: boolean;
    bypasses_rls: boolean;
    owns_database: boolean;
    owns_tables: boolean;
    inherits_privileged: boolean;
  }>(
    await db.execute(sql`
      with me as (select oid, rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user),
      owners as (
        select c.relowner as oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
        union select d.datdba from pg_database d where d.datname = current_database()
      )
      select me.rolname as name, me.rolsuper as is_superuser, me.rolbypassrls as bypasses_rls,
        exists (select 1 from pg_database d where d.datname = current_database() and d.datdba = me.oid) as owns_database,
        exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relowner = me.oid) as owns_tables,
        exists (select 1 from pg_roles r where r.oid <> me.oid and pg_has_role(me.oid, r.oid, 'member')
                and (r.rolsuper or r.rolbypassrls or r.oid in (select oid from owners))) as inherits_privileged
      from me`),
  );
  const unforced = (await tenantTableSecurity(db)).filter((t) => !(t.rls && t.force)).map((t) => t.name);
  return {
    name: f.name,
    isSuperuser: f.is_superuser,
    bypassesRls: f.bypasses_rls,
    ownsDatabase: f.owns_database,
    ownsTables: f.owns_tables,
    inheritsPrivilegedRole: f.inherits_privileged,
    unforcedTenantTables: unforced,
  };
}

/** Refuse to serve as a role that row-level security would not restrain. */
export async function assertAppRole(db: Queryable): Promise<void> {
  const problems = roleProblems(await readRoleFacts(db));
  if (problems.length > 0) {
    throw new Error(`The application's database role is unsafe; refusing to serve:\n  - ${problems.join("\n  - ")}`);
  }
}
