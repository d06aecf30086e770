import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Tx } from "@/db/client";

/**
 * Every tenant read and write runs here: one transaction whose first statement sets the
 * tenant context (transaction-local, so a pooled connection never leaks it). Row-level
 * security policies on PostgreSQL key on these settings.
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
