import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Queryable, Tx } from "@/db/client";
import { quarterLocks } from "@/db/schema";
import { appErrorFromDb } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { isQuarter, quarterOf } from "./quarter";

/**
 * Refuses any write dated in a quarter that the NGO has locked, early and with the same message as
 * the database. The rule itself is the database's (`app_assert_quarters_open`, migration 0013):
 * triggers on every dated table call it whatever the code path, and its shared advisory lock
 * makes a lock being taken wait for this transaction (and this one for the lock). `date` is an
 * ISO date or a quarter ("2026-Q3").
 */
export async function assertQuarterOpen(tx: Tx, ngoOrgId: string, date: string): Promise<void> {
  const quarter = isQuarter(date) ? date : quarterOf(date);
  try {
    await tx.execute(sql`select app_assert_quarters_open(${ngoOrgId}::uuid, array[${quarter}]::text[])`);
  } catch (err) {
    throw appErrorFromDb(err) ?? err;
  }
}

/** None of these quarters is locked for the NGO (one statement; the same check as the triggers). */
export async function assertQuartersOpen(tx: Tx, ngoOrgId: string, quarters: string[]): Promise<void> {
  if (quarters.length === 0) return;
  try {
    await tx.execute(sql`select app_assert_quarters_open(${ngoOrgId}::uuid, ${`{${quarters.join(",")}}`}::text[])`);
  } catch (err) {
    throw appErrorFromDb(err) ?? err;
  }
}

export async function isQuarterLocked(db: Queryable, ngoOrgId: string, quarter: string): Promise<boolean> {
  const [lock] = await db
    .select({ id: quarterLocks.id })
    .from(quarterLocks)
    .where(and(eq(quarterLocks.ngoOrgId, ngoOrgId), eq(quarterLocks.quarter, quarter), isNull(quarterLocks.unlockedAt)))
    .limit(1);
  return !!lock;
}

export async function lockQuarter(tx: Tx, ngoOrgId: string, quarter: string, userId: string) {
  // Serialise lock and unlock of one NGO, so two admins cannot both lock the same quarter.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quarter-lock:${ngoOrgId}`}))`);
  if (await isQuarterLocked(tx, ngoOrgId, quarter)) throw new AppError("conflict", "quarterAlreadyLocked", undefined, { quarter });
  const [row] = await tx.insert(quarterLocks).values({ ngoOrgId, quarter, lockedBy: userId }).returning();
  return row;
}

export async function unlockQuarter(tx: Tx, ngoOrgId: string, quarter: string, userId: string, reason: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quarter-lock:${ngoOrgId}`}))`);
  const [row] = await tx
    .update(quarterLocks)
    .set({ unlockedAt: new Date(), unlockedBy: userId, unlockReason: reason })
    .where(and(eq(quarterLocks.ngoOrgId, ngoOrgId), eq(quarterLocks.quarter, quarter), isNull(quarterLocks.unlockedAt)))
    .returning();
  if (!row) throw new AppError("conflict", "quarterNotLocked", undefined, { quarter });
  return row;
}

/** The NGO's lock history, newest first: active locks and unlocked ones with their reason. */
export async function listQuarterLocks(db: Queryable, ngoOrgId: string) {
  return db
    .select({
      id: quarterLocks.id,
      quarter: quarterLocks.quarter,
      lockedAt: quarterLocks.lockedAt,
      unlockedAt: quarterLocks.unlockedAt,
      unlockReason: quarterLocks.unlockReason,
    })
    .from(quarterLocks)
    .where(eq(quarterLocks.ngoOrgId, ngoOrgId))
    .orderBy(desc(quarterLocks.quarter), desc(quarterLocks.lockedAt));
}
