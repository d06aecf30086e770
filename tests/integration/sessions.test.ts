import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, sessions, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/demo";
import { attemptSignIn, revokeSession } from "@/lib/auth/sign-in";
import { findLiveSession } from "@/lib/auth/session-store";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/session-rules";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`sessions on ${backend}`, () => {
  let db: TestDb;
  const signIn = async (email: string) => {
    const r = await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "127.0.0.1" });
    if (!r.ok) throw new Error(`sign-in refused: ${r.reason}`);
    return r.sessionId;
  };

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
  });
  afterAll(async () => db?.destroy());

  it("issues a new session at every sign-in", async () => {
    const a = await signIn("viewer@acor.demo");
    const b = await signIn("viewer@acor.demo");
    expect(a).not.toBe(b);
    expect((await findLiveSession(db.db, a))?.email).toBe("viewer@acor.demo");
    expect((await findLiveSession(db.db, b))?.email).toBe("viewer@acor.demo");
  });

  it("ends at sign-out, on the next request, with an audit record", async () => {
    const sid = await signIn("editor@acor.demo");
    await revokeSession(db.db, sid, "req-signout-test");
    expect(await findLiveSession(db.db, sid)).toBeNull();
    const [rec] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_out"), eq(auditLog.entityId, sid)));
    expect(rec.requestId).toBe("req-signout-test");
  });

  it("ends when the user is disabled, whatever the cookie says", async () => {
    const sid = await signIn("editor@fassala.demo");
    await db.db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, "editor@fassala.demo"));
    expect(await findLiveSession(db.db, sid)).toBeNull();
  });

  it("ends after the idle lifetime without a request, and after the absolute lifetime in any case", async () => {
    const sid = await signIn("admin@acor.demo");
    const now = Date.now();
    expect(await findLiveSession(db.db, sid, new Date(now + SESSION_IDLE_MS - 60_000))).not.toBeNull();
    const idle = await signIn("admin@acor.demo");
    expect(await findLiveSession(db.db, idle, new Date(now + SESSION_IDLE_MS + 60_000))).toBeNull();
    // Busy all day: still ends at the absolute lifetime.
    const busy = await signIn("admin@acor.demo");
    const late = new Date(now + SESSION_ABSOLUTE_MS + 60_000);
    await db.db
      .update(sessions)
      .set({ lastSeenAt: new Date(late.getTime() - 60_000) })
      .where(eq(sessions.id, busy));
    expect(await findLiveSession(db.db, busy, late)).toBeNull();
    expect(SESSION_IDLE_MS).toBe(2 * 3600_000);
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 3600_000);
  });

  it("ignores a malformed or unknown session id", async () => {
    expect(await findLiveSession(db.db, "' or 1=1 --")).toBeNull();
    expect(await findLiveSession(db.db, "00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});
