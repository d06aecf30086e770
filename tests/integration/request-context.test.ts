/**
 * Issue 10.6, per-request costs: the session check and the user's memberships (the tenant
 * resolver's and the organisation switcher's) are read by one statement, as the application role,
 * instead of the session's statement and a transaction of four. Row-level security still decides
 * what is read: the user's own memberships alone, and a caller's tenant context is left as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { memberships, organisations, users } from "@/db/schema";
import { DEMO_PASSWORD, demoIds, type DemoIds } from "@/db/seed/demo";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/app-role";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { readLiveSession, readUserOrganisations } from "@/lib/auth/session-store";
import { backend, createTestDb, type TestDb } from "../test-db";

let statements: string[] = [];

describe(`the request's session and memberships on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  /** As the application role: on PostgreSQL its own connection, outside any transaction (as a request); on PGlite in a transaction that takes the role. */
  let asApp: <T>(fn: (q: Db) => Promise<T>) => Promise<T>;
  let sid: string;
  let editor: string;

  beforeAll(async () => {
    db = await createTestDb({ demo: true, onQuery: (q) => void statements.push(q) });
    ids = await demoIds(db.db);
    const appDb = db.appHandle ? (await db.appHandle()).db : null;
    asApp = (fn) => (appDb ? fn(appDb) : db.asApp({}, (tx) => fn(tx as unknown as Db)));
    const r = await attemptSignIn(db.db, { email: "editor@adicor.demo", password: DEMO_PASSWORD, address: "10.91.0.12" });
    if (!r.ok) throw new Error("sign-in refused");
    sid = r.sessionId;
    [{ id: editor }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
  }, 120_000);
  afterAll(async () => db?.destroy());

  const expected = async (userId: string) =>
    db.db
      .select({
        id: organisations.id,
        slug: organisations.slug,
        name: organisations.name,
        type: organisations.type,
        role: memberships.role,
        groupId: memberships.groupId,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organisations.name), asc(organisations.id));

  it("one statement reads the live session and the user's own memberships", async () => {
    const s = await asApp((q) => ((statements = []), readLiveSession(q, sid, { organisations: true })));
    // The session touch (at most once a minute) may follow; the read itself is one statement.
    expect(statements.filter((q) => !/^update "sessions"/i.test(q))).toHaveLength(1);
    expect(s?.user).toMatchObject({ id: editor, email: "editor@adicor.demo" });
    expect(s?.organisations).toEqual(await expected(editor));
    expect(s?.organisations?.map((o) => o.slug)).toContain("adicor");
    // Without memberships asked: no join to them.
    expect((await asApp((q) => ((statements = []), readLiveSession(q, sid))))?.organisations).toBeNull();
    expect(statements.join(" ")).not.toMatch(/app_user_organisations/);
  });

  it("reads the memberships of that user only, and leaves the caller's tenant context as it was", async () => {
    const admin = (await db.db.select({ id: users.id }).from(users).where(eq(users.email, "admin@acor.demo")))[0].id;
    const seen = await db.asApp({ orgId: ids.orgs.adicor, userId: editor }, async (tx) => {
      const before = rowsOf<{ org: string; user: string }>(
        await tx.execute(sql`select current_setting('app.org_id') as org, current_setting('app.user_id') as user`),
      )[0];
      const orgs = await readUserOrganisations(tx, admin);
      const after = rowsOf<{ org: string; user: string }>(
        await tx.execute(sql`select current_setting('app.org_id') as org, current_setting('app.user_id') as user`),
      )[0];
      return { before, orgs, after };
    });
    expect(seen.after).toEqual(seen.before);
    expect(seen.before).toEqual({ org: ids.orgs.adicor, user: editor });
    expect(seen.orgs).toEqual(await expected(admin));
    expect(seen.orgs.length).toBeGreaterThan(0);
    // Outside any context, as the application role, no membership is readable directly.
    const direct = await db.asApp({}, async (tx) => (await tx.select({ n: sql<number>`count(*)::int` }).from(memberships))[0].n);
    expect(direct).toBe(0);
  });

  it("a disabled user or a revoked session reads nothing at all", async () => {
    await db.db.execute(sql`update sessions set revoked_at = now() where id = ${sid}`);
    expect(await asApp((q) => readLiveSession(q, sid, { organisations: true }))).toBeNull();
  });
});
