/**
 * Sessions and throttling (issue 11.5), through the real paths: the sign-in service on the
 * database (PGlite, or PostgreSQL with DATABASE_OWNER_URL/DATABASE_URL), next-auth's own route
 * handlers (/api/auth/callback/credentials, /api/auth/session, /api/auth/signout) with this
 * database as the application's, and the proxy's handling of X-Forwarded-For.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { auditLog, knownDevices, organisations, sessions, signInThrottle } from "@/db/schema";
import { DEMO_PASSWORD, demoIds } from "@/db/seed/demo";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { ACCOUNT_RULE, ADDRESS_RULE } from "@/lib/auth/throttle-rules";
import { signDevice, verifyDevice } from "@/lib/auth/known-device";
import { clientAddress } from "@/lib/request";
import { findMemberOrg } from "@/lib/compare/members";
import { listLedger } from "@/lib/groups/ledger-queries";
import { listGroupPage } from "@/lib/groups/queries";
import { loadDashboard } from "@/lib/groups/dashboard";
import { readPageRequest } from "@/lib/pagination";
import { searchParam } from "@/lib/search-params";
import { param } from "@/components/groups/ui";
import { backend, createTestDb, type TestDb } from "../test-db";

process.env.AUTH_SECRET ??= "test-secret-for-auth-hardening-0123456789abcdef";

const count = async (db: TestDb, action: string, email: string) => {
  const rows = await db.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), sql`${auditLog.after}->>'email' = ${email}`));
  return rows[0].n;
};

describe(`sessions and throttling on ${backend}`, () => {
  let db: TestDb;
  let orgIds: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    orgIds = (await demoIds(db.db)).orgs;
    // The application's database handle (db/index.ts) is this test database.
    (globalThis as { __tamkinDb?: Promise<unknown> }).__tamkinDb = Promise.resolve(db);
  });
  afterAll(async () => {
    delete (globalThis as { __tamkinDb?: unknown }).__tamkinDb;
    await db?.destroy();
  });

  it("of 40 parallel wrong passwords for one account, at most the limit are checked", async () => {
    const email = "viewer@adicor.demo";
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attemptSignIn(db.db, { email, password: `wrong-password-${i}`, address: `10.40.${i >> 8}.${i & 255}` })),
    );
    // Every password checked and refused leaves one "failed" record; throttled attempts check none.
    expect(await count(db, "auth.sign_in_failed", email)).toBe(ACCOUNT_RULE.maxFailures);
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(ACCOUNT_RULE.maxFailures);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(40 - ACCOUNT_RULE.maxFailures);
    expect(await count(db, "auth.sign_in_throttled", email)).toBe(40 - ACCOUNT_RULE.maxFailures);
    const [row] = await db.db
      .select()
      .from(signInThrottle)
      .where(eq(signInThrottle.key, `account:${email}`));
    expect(row.failures).toBe(ACCOUNT_RULE.maxFailures);
    expect(row.lockedUntil).not.toBeNull();
  }, 240_000);

  it("lets the owner in past a lockout from a known device; a stranger's correct password from a new device is refused", async () => {
    const email = "editor@ong-sahel.demo";
    const first = await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.50.0.1" });
    if (!first.ok) throw new Error("first sign-in refused");
    expect(first.deviceToken).toBeTruthy();
    const deviceId = verifyDevice(first.deviceToken)!;
    expect(await db.db.select().from(knownDevices).where(eq(knownDevices.deviceId, deviceId))).toHaveLength(1);

    // An attacker locks the account from elsewhere.
    for (let i = 0; i < ACCOUNT_RULE.maxFailures + 1; i++) {
      await attemptSignIn(db.db, { email, password: `guess-${i}-password`, address: `10.51.0.${i}` });
    }
    expect(await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.52.0.1" })).toMatchObject({ ok: false, reason: "throttled" });
    // A stranger with the right password on a new device, or a forged device cookie: refused.
    expect(await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.52.0.2", device: `${deviceId}.AAAA` })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    const otherDevice = signDevice("6a2b1c3d-0000-4000-8000-000000000001");
    expect(await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.52.0.3", device: otherDevice })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    // A device known for another account is not known for this one.
    const other = await attemptSignIn(db.db, { email: "viewer@ong-sahel.demo", password: DEMO_PASSWORD, address: "10.52.0.4" });
    if (!other.ok) throw new Error("other sign-in refused");
    expect(await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.52.0.4", device: other.deviceToken })).toMatchObject({
      ok: false,
      reason: "throttled",
    });

    // The owner, from the device that signed in before, gets in during the lockout.
    const owner = await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.52.0.5", device: first.deviceToken });
    expect(owner.ok).toBe(true);
    // ...and the attacker is still throttled afterwards.
    expect(await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.52.0.6" })).toMatchObject({ ok: false, reason: "throttled" });
  }, 240_000);

  it("still throttles guesses from a known device, per device", async () => {
    const email = "admin@bassikounou.demo";
    const first = await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.60.0.1" });
    if (!first.ok) throw new Error("first sign-in refused");
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        attemptSignIn(db.db, { email, password: `stolen-cookie-guess-${i}`, address: `10.61.0.${i}`, device: first.deviceToken }),
      ),
    );
    expect(guesses.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.61.1.1", device: first.deviceToken })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  }, 240_000);

  it("successful sign-ins never lock a client address", async () => {
    for (let i = 0; i <= ADDRESS_RULE.maxFailures; i++) {
      const email = ["viewer@acor.demo", "editor@acor.demo", "admin@acor.demo"][i % 3];
      const r = await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.70.0.1", now: new Date(Date.now() + i) });
      expect(r.ok).toBe(true);
    }
  }, 240_000);

  it("remembers the organisation last opened on the session (after the membership check), not in a cookie", async () => {
    const { findLiveSession, rememberOrganisation, lastOrganisationOf } = await import("@/lib/auth/session-store");
    const a = await attemptSignIn(db.db, { email: "admin@fassala.demo", password: DEMO_PASSWORD, address: "10.80.0.1" });
    if (!a.ok) throw new Error("sign-in refused");
    const user = (await findLiveSession(db.db, a.sessionId))!;
    expect(await lastOrganisationOf(db.db, user)).toBeNull();
    await rememberOrganisation(db.db, user, orgIds.fassala);
    expect(user.lastOrganisationId).toBe(orgIds.fassala);
    // The next sign-in lands there.
    const b = await attemptSignIn(db.db, { email: "admin@fassala.demo", password: DEMO_PASSWORD, address: "10.80.0.1" });
    if (!b.ok) throw new Error("sign-in refused");
    expect(await lastOrganisationOf(db.db, (await findLiveSession(db.db, b.sessionId))!)).toBe(orgIds.fassala);
    // The proxy sets no organisation cookie any more, and drops an old one.
    const { proxy } = await import("@/proxy");
    const res = proxy(new NextRequest("http://localhost:3000/not-a-member-org/dashboard", { headers: { cookie: "authjs.session-token=x; tamkin_org=evil" } }));
    const setCookies = res.headers.getSetCookie().join("\n");
    expect(setCookies).not.toMatch(/tamkin_org=[^;]/);
    expect(setCookies).toMatch(/tamkin_org=;/);
  }, 120_000);

  it("ignores X-Forwarded-For without TRUST_PROXY, and honours it with TRUST_PROXY hops", async () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientAddress(h, 1)).toBe("203.0.113.7");
    expect(clientAddress(h, 2)).toBe("6.6.6.6");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7" }), 3)).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-real-ip": "6.6.6.6" }), 0)).toBe("unknown");

    const { proxy } = await import("@/proxy");
    const forwardedTo = (res: Response) => {
      const overridden = (res.headers.get("x-middleware-override-headers") ?? "").split(",");
      return overridden.includes("x-forwarded-for") ? res.headers.get("x-middleware-request-x-forwarded-for") : null;
    };
    const req = () => new NextRequest("http://localhost:3000/login", { headers: { "x-forwarded-for": "6.6.6.6" } });
    const saved = process.env.TRUST_PROXY;
    try {
      delete process.env.TRUST_PROXY;
      // The client's header is dropped; Next.js then sets it to the socket's address.
      expect(forwardedTo(proxy(req()))).toBeNull();
      process.env.TRUST_PROXY = "false";
      expect(forwardedTo(proxy(req()))).toBeNull();
      process.env.TRUST_PROXY = "1";
      expect(forwardedTo(proxy(req()))).toBe("6.6.6.6");
    } finally {
      if (saved === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = saved;
    }
  });

  describe("next-auth's own endpoints", () => {
    let route: typeof import("@/app/api/auth/[...nextauth]/route");
    const base = "http://localhost:3000/api/auth";
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const i = pair.indexOf("=");
        const value = pair.slice(i + 1);
        if (value === "" || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(pair.slice(0, i));
        else jar.set(pair.slice(0, i), value);
      }
      return res;
    };
    const get = async (path: string, headers: Record<string, string> = {}) =>
      keep(await route.GET(new NextRequest(`${base}${path}`, { headers: { cookie: cookieHeader(), ...headers } })));
    const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      keep(
        await route.POST(
          new NextRequest(`${base}${path}`, {
            method: "POST",
            body: new URLSearchParams(form),
            headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded", ...headers },
          }),
        ),
      );
    const csrf = async () => ((await (await get("/csrf")).json()) as { csrfToken: string }).csrfToken;

    beforeAll(async () => {
      route = await import("@/app/api/auth/[...nextauth]/route");
    });

    it("counts the address next-auth's sign-in sees: X-Forwarded-For only with TRUST_PROXY", async () => {
      const saved = process.env.TRUST_PROXY;
      try {
        delete process.env.TRUST_PROXY;
        await post(
          "/callback/credentials",
          { email: "nobody-1@example.org", password: "wrong-password", csrfToken: await csrf() },
          { "x-forwarded-for": "198.51.100.9" },
        );
        process.env.TRUST_PROXY = "1";
        await post(
          "/callback/credentials",
          { email: "nobody-2@example.org", password: "wrong-password", csrfToken: await csrf() },
          { "x-forwarded-for": "6.6.6.6, 198.51.100.10" },
        );
      } finally {
        if (saved === undefined) delete process.env.TRUST_PROXY;
        else process.env.TRUST_PROXY = saved;
      }
      const keys = (await db.db.select({ key: signInThrottle.key }).from(signInThrottle)).map((r) => r.key);
      // Without TRUST_PROXY the header is the socket's (proxy.ts drops the client's): one entry, the last.
      expect(keys).toContain("address:198.51.100.9");
      expect(keys).toContain("address:198.51.100.10");
      expect(keys).not.toContain("address:6.6.6.6");
    }, 120_000);

    it("/api/auth/session never shows the session id; /api/auth/signout revokes the session row", async () => {
      jar.clear();
      const res = await post("/callback/credentials", { email: "admin@ong-sahel.demo", password: DEMO_PASSWORD, csrfToken: await csrf() });
      expect(res.status).toBe(302);
      expect([...jar.keys()].some((k) => k.endsWith("authjs.session-token"))).toBe(true);
      const [session] = await db.db
        .select()
        .from(sessions)
        .where(sql`${sessions.userId} = (select id from users where email = 'admin@ong-sahel.demo')`)
        .orderBy(sql`${sessions.createdAt} desc`)
        .limit(1);
      expect(session.revokedAt).toBeNull();

      const body = await (await get("/session")).text();
      expect(body).not.toContain(session.id);
      expect(body).not.toContain("sid");
      expect(JSON.parse(body)).toHaveProperty("expires");

      // A copy of the cookie, kept before signing out.
      const copy = cookieHeader();
      const out = await post("/signout", { csrfToken: await csrf() });
      expect(out.status).toBe(302);
      const [after] = await db.db.select().from(sessions).where(eq(sessions.id, session.id));
      expect(after.revokedAt).not.toBeNull();
      const [audit] = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "auth.sign_out"), eq(auditLog.entityId, session.id)));
      expect(audit).toBeTruthy();
      // The copy names a revoked session: the server reads it as signed out.
      const { sessionIdFrom } = await import("@/lib/auth/session");
      const { findLiveSession } = await import("@/lib/auth/session-store");
      const sid = await sessionIdFrom(new Headers({ cookie: copy }));
      expect(sid).toBe(session.id);
      expect(await findLiveSession(db.db, sid!)).toBeNull();
    }, 120_000);
  });

  it("reads hostile page parameters as none: NUL, lone surrogates, overlong", async () => {
    const hostile = ["\u0000", "a\u0000b", "\ud800", "x\udfffy", "a".repeat(5000), "\u001b[31m"];
    for (const v of hostile) {
      expect(searchParam({ activity: v }, "activity")).toBeUndefined();
      // URLSearchParams already turns a lone surrogate into U+FFFD, which is harmless.
      if (v.isWellFormed()) expect(searchParam(new URLSearchParams({ activity: v }), "activity")).toBeUndefined();
      expect(param({ village: [v, "x"] }, "village")).toBeUndefined();
    }
    expect(searchParam({ activity: ["boutique", "\u0000"] }, "activity")).toBe("boutique");

    // The pages' loaders with what the helper lets through, on the real database: never an error.
    const org = { id: orgIds.acor, type: "consortium" as const };
    const ngo = { id: orgIds.adicor, type: "ngo" as const };
    for (const v of hostile) {
      const sp = { activity: v, village: v, ngo: v, kind: v, status: v, month: v, from: v, to: v, after: v, size: v };
      const f = { activity: param(sp, "activity"), village: param(sp, "village"), ngo: param(sp, "ngo"), from: param(sp, "from"), to: param(sp, "to") };
      await db.asApp({ orgId: org.id }, (tx) => loadDashboard(tx, org, f, "fr"));
      await db.asApp({ orgId: ngo.id }, (tx) =>
        listLedger(tx, ngo, { ...f, kind: param(sp, "kind"), month: param(sp, "month") }, { page: readPageRequest(sp) }),
      );
      await db.asApp({ orgId: ngo.id }, (tx) => listGroupPage(tx, ngo, { ...f, status: param(sp, "status") }, readPageRequest(sp)));
      // A member slug from the URL (/acor/compare/<member>, ?member= on the exports): not found.
      expect(await db.asApp({ orgId: org.id }, (tx) => findMemberOrg(tx, org.id, v))).toBeNull();
    }
    expect((await db.asApp({ orgId: org.id }, (tx) => findMemberOrg(tx, org.id, "adicor")))?.slug).toBe("adicor");
    expect((await db.db.select().from(organisations)).length).toBeGreaterThan(0);
  }, 120_000);
});
