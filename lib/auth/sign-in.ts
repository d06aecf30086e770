import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditLog, knownDevices, sessions, signInThrottle, users } from "@/db/schema";
import { burnPasswordTime, PASSWORD_MAX_LENGTH, verifyPassword } from "./password";
import { ACCOUNT_RULE, ADDRESS_RULE, beginAttempt, DEVICE_RULE, minutesLocked, type ThrottleRule } from "./throttle-rules";
import { SESSION_ABSOLUTE_MS } from "./session-rules";
import { DEVICE_LIFETIME_MS, signDevice, verifyDevice } from "./known-device";

export type SignInResult =
  | { ok: true; userId: string; sessionId: string; locale: "fr" | "ar" | "en"; deviceToken?: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; minutes: number };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
const deviceKey = (deviceId: string) => `device:${deviceId}`;

/**
 * Count one attempt on every key and say whether its password may be checked, atomically:
 * the rows are locked (in key order, so two attempts never deadlock) for the whole decision,
 * so of any number of parallel attempts at most each rule's limit go ahead, on every instance.
 * A refused attempt counts nothing on the keys that would have allowed it.
 */
export async function reserveAttempt(
  tx: Tx,
  entries: { key: string; rule: ThrottleRule }[],
  now: Date,
): Promise<{ allowed: true } | { allowed: false; minutes: number }> {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = sorted.map((e) => e.key);
  await tx
    .insert(signInThrottle)
    .values(sorted.map((e) => ({ key: e.key, failures: 0, windowStartedAt: now, lockedUntil: null })))
    .onConflictDoNothing();
  const rows = await tx.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).orderBy(asc(signInThrottle.key)).for("update");
  const decisions = sorted.map((e) => ({
    key: e.key,
    ...beginAttempt(
      rows.find((r) => r.key === e.key),
      e.rule,
      now,
    ),
  }));
  const allowed = decisions.every((d) => d.allowed);
  for (const d of decisions) {
    if (allowed || !d.allowed) await tx.update(signInThrottle).set(d.next).where(eq(signInThrottle.key, d.key));
  }
  if (allowed) return { allowed: true };
  return { allowed: false, minutes: Math.max(1, ...decisions.filter((d) => !d.allowed).map((d) => minutesLocked(d.next, now))) };
}

/**
 * Check a sign-in attempt: count it (refused beyond the limits), then check the password.
 * From a device that signed in to this account before (a valid known-device cookie whose id is
 * in `known_devices` for the account), attempts are counted per device only, so a locked
 * account still lets its owner in; from any other device, per account and per client
 * address. The caller only learns "invalid" or "throttled".
 */
export async function attemptSignIn(
  db: Db,
  input: { email: string; password: string; address: string; device?: string; requestId?: string; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();

  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  const deviceId = verifyDevice(input.device);
  const known =
    deviceId && user
      ? (
          await db
            .select({ d: knownDevices.deviceId })
            .from(knownDevices)
            .where(
              and(
                eq(knownDevices.deviceId, deviceId),
                eq(knownDevices.userId, user.id),
                gt(knownDevices.lastSignInAt, new Date(now.getTime() - DEVICE_LIFETIME_MS)),
              ),
            )
            .limit(1)
        ).length > 0
      : false;
  const entries = known
    ? [{ key: deviceKey(deviceId!), rule: DEVICE_RULE }]
    : [
        { key: accountKey(email), rule: ACCOUNT_RULE },
        { key: addressKey(input.address), rule: ADDRESS_RULE },
      ];

  const reserved = await db.transaction((tx) => reserveAttempt(tx, entries, now));
  if (!reserved.allowed) {
    await db.insert(auditLog).values({
      action: "auth.sign_in_throttled",
      entity: "user",
      after: { email },
      requestId: input.requestId,
    });
    return { ok: false, reason: "throttled", minutes: reserved.minutes };
  }

  const passwordOk =
    input.password.length <= PASSWORD_MAX_LENGTH &&
    (user ? await verifyPassword(input.password, user.passwordHash) : (await burnPasswordTime(input.password), false));

  if (!user || !passwordOk || user.disabledAt) {
    // The attempt was counted before the check; it stays counted as a failure.
    await db.insert(auditLog).values({
      actorUserId: user?.id ?? null,
      action: "auth.sign_in_failed",
      entity: "user",
      entityId: user?.id ?? null,
      after: { email },
      requestId: input.requestId,
    });
    return { ok: false as const, reason: "invalid" as const };
  }

  const device = deviceId ?? randomUUID();
  return db.transaction(async (tx) => {
    if (known) {
      // The owner proved the password on this device: its own counter starts again. The
      // account's counter is left alone, so guesses from elsewhere stay throttled.
      await tx.delete(signInThrottle).where(eq(signInThrottle.key, deviceKey(device)));
    } else {
      await tx.delete(signInThrottle).where(eq(signInThrottle.key, accountKey(email)));
      // The address gives back the attempt it counted: successes never lock an address.
      await tx
        .update(signInThrottle)
        .set({ failures: sql`greatest(${signInThrottle.failures} - 1, 0)` })
        .where(eq(signInThrottle.key, addressKey(input.address)));
    }
    await tx
      .insert(knownDevices)
      .values({ deviceId: device, userId: user.id, createdAt: now, lastSignInAt: now })
      .onConflictDoUpdate({ target: [knownDevices.deviceId, knownDevices.userId], set: { lastSignInAt: now } });
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
    return { ok: true as const, userId: user.id, sessionId: session.id, locale: user.locale, deviceToken: signDevice(device) };
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
