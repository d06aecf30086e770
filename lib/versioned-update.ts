import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { AppError } from "@/lib/errors";

type Versioned = PgTable & { id: AnyPgColumn; version: AnyPgColumn };

/**
 * Optimistic concurrency for a record with a `version` column: the update applies only if the
 * row still has the version the writer read, and bumps it. Of two writers that read the same
 * version exactly one wins; the other gets AppError("conflict") (shown as "someone changed
 * this meanwhile") and must reload. `scope` is the tenant condition (updates match id AND scope).
 */
export async function updateVersioned<T extends Versioned>(
  db: Queryable,
  table: T,
  target: { id: string; version: number; scope: SQL },
  set: Partial<T["$inferInsert"]>,
): Promise<{ version: number }> {
  const rows = await db
    .update(table)
    .set({ ...set, version: sql`${table.version} + 1` } as never)
    .where(and(eq(table.id, target.id), eq(table.version, target.version), target.scope))
    .returning({ version: table.version });
  if (rows.length > 0) return { version: rows[0].version as number };
  const [exists] = await db.select({ id: table.id }).from(table as PgTable).where(and(eq(table.id, target.id), target.scope));
  throw new AppError(exists ? "conflict" : "not_found");
}
