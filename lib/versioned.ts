import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { auditLog, ledgerEntries, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { localStamp } from "@/lib/dates";

/**
 * Optimistic locking, the one primitive of every versioned write (groups, ledger entries, price
 * sessions, purchase orders, cohesion surveys, coaching visits and evaluations).
 *
 * A record with a `version` column is updated only where its id, the tenant scope and (when the
 * writer says which one it loaded) its version match; the version goes up by one. When nothing
 * matched, the primitive reads the record again and throws the one refusal:
 *  - no such record in this scope: AppError("not_found") (another tenant's record too);
 *  - another version: AppError("conflict", "changedBy", …, { name, time }), "changed by NAME at
 *    TIME, reload": who changed it last and when, from the record's `updated_by`/`updated_at`
 *    where it has them, else from the last audit record of that entity in this organisation
 *    (every write through `orgAction` leaves one in the same transaction); plain "conflict" when
 *    nobody is on record;
 *  - the version matched but `when` did not (e.g. the session is no longer a draft): `otherwise`.
 *
 * Without `expectedVersion` the version is only bumped (a change to what the record holds that
 * the client did not load a version for, e.g. an attendee added to a session): anyone who loaded
 * the record before then gets the conflict on their next versioned save.
 */

/** Tables whose version a database trigger bumps on every UPDATE (migration 0013): never set it here. */
const versionBumpedByTrigger = new Set<PgTable>([ledgerEntries]);

/** A version the client sends that no row can hold (the column is a PostgreSQL integer). */
const isStorableVersion = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= 2_147_483_647;

type VersionedTable = PgTable & { id: AnyPgColumn; version: AnyPgColumn };

export interface VersionedTarget {
  id: string;
  /** The tenant condition (e.g. `eq(groups.ngoOrgId, org.id)`): another tenant's row is "not found". */
  scope: SQL;
  /** The version the writer loaded; omitted: the version is bumped without being checked. */
  expectedVersion?: number;
  /** A state the row must be in as well (e.g. `eq(priceSessions.status, "draft")`). */
  when?: SQL;
  /** Thrown when the version matched but `when` did not. */
  otherwise?: () => AppError;
  /** Who writes: stamped in `updated_by` / `updated_at` where the table has them. */
  by?: string | null;
}

export async function updateVersioned<T extends VersionedTable>(
  tx: Queryable,
  table: T,
  target: VersionedTarget,
  values: Partial<T["$inferInsert"]>,
): Promise<T["$inferSelect"]> {
  const cols = table as unknown as Record<string, AnyPgColumn | undefined>;
  const set: Record<string, unknown> = { ...values };
  if (!versionBumpedByTrigger.has(table)) set.version = sql`${table.version} + 1`;
  if (target.by !== undefined && cols.updatedBy && cols.updatedAt) {
    set.updatedBy = target.by;
    set.updatedAt = sql`now()`;
  }
  const expected = target.expectedVersion;
  const checkable = expected === undefined || isStorableVersion(expected);
  if (checkable) {
    const rows = (await tx
      .update(table)
      .set(set as never)
      .where(and(eq(table.id, target.id), target.scope, expected === undefined ? undefined : eq(table.version, expected), target.when))
      .returning()) as T["$inferSelect"][];
    if (rows.length > 0) return rows[0];
  }
  const [current] = (await tx
    .select()
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- drizzle's from() needs the plain table type here (tsc refuses T)
    .from(table as PgTable)
    .where(and(eq(table.id, target.id), target.scope))) as Record<string, unknown>[];
  if (!current) throw new AppError("not_found");
  if (expected !== undefined && current.version !== expected) throw await changedBy(tx, cols, current);
  throw target.otherwise?.() ?? new AppError("conflict");
}

/** "Changed by NAME at TIME, reload": the last change of the record, as far as it is on record. */
async function changedBy(tx: Queryable, cols: Record<string, AnyPgColumn | undefined>, row: Record<string, unknown>): Promise<AppError> {
  let last: { userId: string | null; at: Date } | undefined;
  if (cols.updatedBy && cols.updatedAt) {
    last = { userId: (row.updatedBy as string | null) ?? null, at: row.updatedAt as Date };
  } else {
    // The current organisation's trail, newest first (index on org and time): the write that
    // took the version away committed its audit record with it.
    [last] = await tx
      .select({ userId: auditLog.actorUserId, at: auditLog.at })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, sql`app_current_org()`), eq(auditLog.entityId, String(row.id))))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(1);
  }
  if (!last?.userId) return new AppError("conflict");
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, last.userId));
  return new AppError("conflict", "changedBy", undefined, { name: u?.name ?? "?", time: localStamp(last.at) });
}
