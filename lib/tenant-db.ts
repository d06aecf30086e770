import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Tx } from "@/db/client";

/**
 * Every tenant read and write runs here: one transaction whose first statement sets the
 * tenant context (transaction-local, so a pooled connection never leaks it). Row-level
 * security policies (db/migrations/0003_rls.sql) key on these settings: without them a query
 * sees no tenant row.
 */
export async function withTenant<T>(
  ctx: { org: { id: string }; user: { id: string } | null },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.org_id', ${ctx.org.id}, true), set_config('app.user_id', ${ctx.user?.id ?? ""}, true)`,
    );
    return fn(tx as Tx);
  });
}

/**
 * Before any organisation is known (the tenant resolver, the list of a user's organisations):
 * a transaction with only the user context, so that the user's own memberships are visible.
 */
export async function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', '', true), set_config('app.user_id', ${userId}, true)`);
    return fn(tx as Tx);
  });
}
