/**
 * What the database catalogue says about row-level security: used by the catalog test to fail
 * when a table with an organisation column is left unprotected.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf, tenantTableSecurity } from "@/db/app-role";

/** Tables (in public) with a column named org_id or ending in org_id: they hold tenant data. */
export async function tenantTables(db: Queryable): Promise<string[]> {
  return (await tenantTableSecurity(db)).map((t) => t.name);
}

/** Every way the row-level security of the schema falls short; empty when it is complete. */
export async function rlsProblems(db: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const tables = await tenantTableSecurity(db);
  const policies = rowsOf<{ table: string; name: string; cmd: string; has_using: boolean; has_check: boolean }>(
    await db.execute(sql`
      select c.relname as table, p.polname as name, p.polcmd::text as cmd,
        p.polqual is not null as has_using, p.polwithcheck is not null as has_check
      from pg_policy p join pg_class c on c.oid = p.polrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`),
  );
  for (const t of tables) {
    if (!t.rls) problems.push(`${t.name}: row-level security not enabled`);
    if (!t.force) problems.push(`${t.name}: row-level security not forced`);
    const own = policies.filter((p) => p.table === t.name && !p.name.endsWith("_maintenance"));
    if (!own.some((p) => p.has_using)) problems.push(`${t.name}: no policy with USING for the application`);
    // cmd: r select, a insert, w update, d delete, * all. A write policy must check new rows.
    for (const p of own) {
      if ((p.cmd === "*" || p.cmd === "w" || p.cmd === "a") && !p.has_check) problems.push(`${t.name}.${p.name}: no WITH CHECK`);
    }
  }
  // A group manager (migration 0044) is narrowed to its group by a restrictive policy on every
  // table with a group column: a table added later needs its own `<table>_manager` policy.
  const grouped = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'group_id' and not a.attisdropped
      where c.relkind in ('r', 'p') and c.relname <> 'memberships'`),
  );
  const restrictive = rowsOf<{ table: string }>(
    await db.execute(sql`
      select c.relname as table from pg_policy p join pg_class c on c.oid = p.polrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not p.polpermissive and p.polname = c.relname || '_manager'`),
  );
  for (const g of grouped) {
    if (!restrictive.some((r) => r.table === g.name))
      problems.push(`${g.name}: no restrictive ${g.name}_manager policy (a group manager would read every group)`);
  }
  const views = rowsOf<{ name: string; kind: string; options: string[] | null }>(
    await db.execute(sql`
      select c.relname as name, c.relkind::text as kind, c.reloptions as options from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('v', 'm')`),
  );
  for (const v of views) {
    if (v.kind === "m") problems.push(`${v.name}: materialized views cannot carry row-level security; use a rollup table`);
    else if (!(v.options ?? []).some((o) => /^security_invoker=(true|on|1)$/i.test(o))) {
      problems.push(`${v.name}: view without security_invoker bypasses row-level security`);
    }
  }
  return problems;
}
