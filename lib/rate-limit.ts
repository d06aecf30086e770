import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/db/app-role";
import { env } from "@/lib/env";

/**
 * Rate limits stored in the database (issue 11.6), so that they hold across instances: one
 * counter per bucket and fixed window, counted and read in one statement
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING: concurrent requests are serialised on the row),
 * then checked. Of any number of parallel requests at most `limit` pass in a window.
 */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/** The public price board: per client address and board token. */
export const BOARD_RULE: RateRule = { limit: 120, windowSeconds: 60 };
/** Exports (downloads and the advocacy sheet): per user and organisation. */
export const EXPORT_RULE: RateRule = { limit: 60, windowSeconds: 300 };

/**
 * RATE_LIMIT_FACTOR (default 1) multiplies every limit; it can only loosen them (values below 1
 * or not numbers count as 1). For tools that send many requests as one user on purpose
 * (scripts/fuzz.mjs), not for production.
 */
export function rateLimitFactor(): number {
  return env().RATE_LIMIT_FACTOR;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** A board token never appears in a bucket: its hash does (the table has no row-level security). */
export const boardBucket = (address: string, token: string) => `board:${address}:${createHash("sha256").update(token).digest("base64url").slice(0, 22)}`;
export const exportBucket = (userId: string, orgId: string) => `export:${userId}:${orgId}`;
/** The offline outbox's sync (each request a batch of at most SYNC_BATCH_MAX entries): per user and organisation. */
export const SYNC_RULE: RateRule = { limit: 30, windowSeconds: 60 };
export const syncBucket = (userId: string, orgId: string) => `sync:${userId}:${orgId}`;

/** The read-only API (issue 14.5): per token, whoever holds it and from wherever. */
export const API_RULE: RateRule = { limit: 120, windowSeconds: 60 };
export const apiBucket = (tokenId: string) => `api:${tokenId}`;

/** Count one request in the bucket's current window and say whether it may go ahead. */
export async function hitRateLimit(db: Queryable, bucket: string, rule: RateRule, now = new Date()): Promise<RateDecision> {
  const windowMs = rule.windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = rowsOf<{ hits: number }>(
    await db.execute(sql`
      insert into rate_limits (bucket, window_start, hits) values (${bucket}, ${start.toISOString()}::timestamptz, 1)
      on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
      returning hits`),
  );
  // Now and then, sweep the windows that ended long ago (any instance may).
  if (Math.random() < 0.01) {
    await db.execute(sql`delete from rate_limits where window_start < ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz`);
  }
  const hits = Number(row.hits);
  const limit = Math.floor(rule.limit * rateLimitFactor());
  if (hits <= limit) return { allowed: true, remaining: limit - hits };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000)) };
}
