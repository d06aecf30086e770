import "server-only";
import { sql } from "drizzle-orm";
import { getDb, getReadDb } from "@/db";
import { DB_TIMEOUTS, type Tx } from "@/db/client";
import { env } from "@/lib/env";

const DB_WORK_MEM = env().DATABASE_WORK_MEM;

/**
 * Every tenant read and write runs here: one transaction whose first statement sets the
 * tenant context (transaction-local, so a pooled connection never leaks it). Row-level
 * security policies (db/migrations/0008_rls.sql) key on these settings: without them a query
 * sees no tenant row.
 */
export async function withTenant<T>(ctx: { org: { id: string }; user: { id: string } | null }, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select ${contextSql(ctx.org.id, ctx.user?.id ?? "")}`);
    return fn(tx);
  });
}

/**
 * The same for pages that only read (dashboards, exports): a READ ONLY transaction on the read
 * replica when DATABASE_READ_URL is set (figures may then lag writes by the replication delay).
 */
export async function withTenantRead<T>(ctx: { org: { id: string }; user: { id: string } | null }, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getReadDb();
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`select ${contextSql(ctx.org.id, ctx.user?.id ?? "")}`);
      return fn(tx);
    },
    { accessMode: "read only" },
  );
}

/**
 * The tenant context and the bounds of the transaction, all transaction-local: behind a pooler
 * in transaction mode the connection's startup timeouts are not set, so they are set here (and
 * JIT compilation is off: see db/client.ts). Dashboards sort and aggregate tens of thousands of
 * summary rows at national scale: 16 MB of work memory keeps that off the disk.
 */
function contextSql(orgId: string, userId: string) {
  return sql`set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${userId}, true),
    set_config('statement_timeout', ${String(DB_TIMEOUTS.statementMs)}, true), set_config('lock_timeout', ${String(DB_TIMEOUTS.lockMs)}, true), set_config('jit', 'off', true),
    set_config('work_mem', ${DB_WORK_MEM}, true)`;
}

/**
 * Before any organisation is known (the tenant resolver, the list of a user's organisations):
 * a transaction with only the user context, so that the user's own memberships are visible.
 */
export async function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', '', true), set_config('app.user_id', ${userId}, true)`);
    return fn(tx);
  });
}
