import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditLog, sessions, signInThrottle, users } from "@/db/schema";
import { burnPasswordTime, PASSWORD_MAX_LENGTH, verifyPassword } from "./password";
import { ACCOUNT_RULE, ADDRESS_RULE, afterFailure, minutesLocked, type ThrottleRule } from "./throttle-rules";
import { SESSION_ABSOLUTE_MS } from "./session-rules";

export type SignInResult =
  | { ok: true; userId: string; sessionId: string; locale: "fr" | "ar" | "en" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; minutes: number };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

async function lockedMinutes(tx: Tx, keys: string[], now: Date): Promise<number> {
  const rows = await tx
    .select()
    .from(signInThrottle)
    .where(sql`${signInThrottle.key} in ${keys}`);
  return Math.max(0, ...rows.map((r) => minutesLocked(r, now)));
}

async function recordFailure(tx: Tx, key: string, rule: ThrottleRule, now: Date): Promise<void> {
  // Serialise concurrent failures on the same key across instances.
  await tx.insert(signInThrottle).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
  const [current] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for("update");
  const next = afterFailure(current, rule, now);
  await tx.update(signInThrottle).set(next).where(eq(signInThrottle.key, key));
}

/**
 * Check a sign-in attempt: throttle first, then the password. Failures are counted per
 * account and per client address; the caller only learns "invalid" or "throttled".
 */
export async function attemptSignIn(
  db: Db,
  input: { email: string; password: string; address: string; requestId?: string; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const keys = [accountKey(email), addressKey(input.address)];

  const locked = await db.transaction((tx) => lockedMinutes(tx, keys, now));
  if (locked > 0) {
    await db.insert(auditLog).values({
      action: "auth.sign_in_throttled",
      entity: "user",
      after: { email },
      requestId: input.requestId,
    });
    return { ok: false, reason: "throttled", minutes: locked };
  }

  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  const passwordOk =
    input.password.length <= PASSWORD_MAX_LENGTH &&
    (user ? await verifyPassword(input.password, user.passwordHash) : (await burnPasswordTime(input.password), false));

  if (!user || !passwordOk || user.disabledAt) {
    return db.transaction(async (tx) => {
      await recordFailure(tx, keys[0], ACCOUNT_RULE, now);
      await recordFailure(tx, keys[1], ADDRESS_RULE, now);
      await tx.insert(auditLog).values({
        actorUserId: user?.id ?? null,
        action: "auth.sign_in_failed",
        entity: "user",
        entityId: user?.id ?? null,
        after: { email },
        requestId: input.requestId,
      });
      return { ok: false as const, reason: "invalid" as const };
    });
  }

  return db.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, keys[0]));
    const [session] = await tx
      .insert(sessions)
      .values({ userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) })
      .returning({ id: sessions.id });
    await tx.insert(auditLog).values({
      actorUserId: user.id,
      action: "auth.sign_in",
      entity: "session",
      entityId: session.id,
      requestId: input.requestId,
    });
    return { ok: true as const, userId: user.id, sessionId: session.id, locale: user.locale };
  });
}

/** End a session (sign-out). */
export async function revokeSession(db: Db, sessionId: string, requestId?: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [s] = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), sql`${sessions.revokedAt} is null`))
      .returning({ userId: sessions.userId });
    if (s) {
      await tx.insert(auditLog).values({
        actorUserId: s.userId,
        action: "auth.sign_out",
        entity: "session",
        entityId: sessionId,
        requestId,
      });
    }
  });
}
