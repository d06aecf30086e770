import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, memberships, organisations, users } from "@/db/schema";
import { demoIds, seedDemo, type DemoIds } from "@/db/seed/demo";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { changeRole, removeMember } from "@/lib/members/service";
import { AppError } from "@/lib/errors";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`foundation on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;

  beforeAll(async () => {
    db = await createTestDb({ onDisk: true });
    ids = await seedDemo(db.db);
  });
  afterAll(async () => db?.destroy());

  it("migrations create every table on an empty database", async () => {
    const rows = await db.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = (rows as { rows?: { table_name: string }[] }).rows ?? (rows as { table_name: string }[]);
    expect(names.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["organisations", "users", "memberships", "places", "sessions", "sign_in_throttle", "audit_log"]),
    );
  });

  it("seeds the demo organisations with three accounts each, and the first shop's manager", async () => {
    const orgs = await db.db.select().from(organisations);
    expect(orgs.map((o) => o.slug).sort()).toEqual(["acor", "adicor", "bassikounou", "fassala", "femmes-fassala", "ong-sahel", "tadamoun"]);
    const [{ n }] = await db.db.select({ n: sql<number>`count(*)::int` }).from(memberships);
    expect(n).toBe(22);
  });

  it("reads back the ids the seed returned (the tests' seeded template is read so: tests/global-setup.ts)", async () => {
    expect(await demoIds(db.db)).toEqual(ids);
  });

  it("refuses a second membership of the same user in the same organisation", async () => {
    const [u] = await db.db.select().from(users).where(eq(users.email, "viewer@adicor.demo"));
    await expect(db.db.insert(memberships).values({ userId: u.id, orgId: ids.orgs.adicor, role: "editor" })).rejects.toThrow();
    // ...but the same user may hold another role elsewhere.
    await db.db.insert(memberships).values({ userId: u.id, orgId: ids.orgs.fassala, role: "editor" });
  });

  it("refuses two users with the same email, whatever the case", async () => {
    await expect(db.db.insert(users).values({ email: "ADMIN@acor.demo", name: "x", passwordHash: "x" })).rejects.toThrow();
  });

  it("keeps the last admin: neither demoted nor removed, by the service or by SQL", async () => {
    const [adminM] = await db.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, ids.orgs["ong-sahel"]), eq(memberships.role, "admin")));
    await expect(db.db.transaction((tx) => changeRole(tx, ids.orgs["ong-sahel"], adminM.id, "viewer"))).rejects.toBeInstanceOf(AppError);
    await expect(db.db.transaction((tx) => removeMember(tx, ids.orgs["ong-sahel"], adminM.id))).rejects.toBeInstanceOf(AppError);
    await expect(db.db.update(memberships).set({ role: "viewer" }).where(eq(memberships.id, adminM.id))).rejects.toThrow();
    await expect(db.db.delete(memberships).where(eq(memberships.id, adminM.id))).rejects.toThrow();

    // With a second admin, the first may step down.
    const [editorM] = await db.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, ids.orgs["ong-sahel"]), eq(memberships.role, "editor")));
    await db.db.transaction((tx) => changeRole(tx, ids.orgs["ong-sahel"], editorM.id, "admin"));
    const { after } = await db.db.transaction((tx) => changeRole(tx, ids.orgs["ong-sahel"], adminM.id, "viewer"));
    expect(after.role).toBe("viewer");
  });

  it("does not act on a membership of another organisation", async () => {
    const [m] = await db.db.select().from(memberships).where(eq(memberships.orgId, ids.orgs.adicor)).limit(1);
    await expect(db.db.transaction((tx) => removeMember(tx, ids.orgs.fassala, m.id))).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses to update or delete the audit trail", async () => {
    await db.db.insert(auditLog).values({ action: "test", entity: "test" });
    // eslint-disable-next-line drizzle/enforce-update-with-where -- every row on purpose: the database must refuse it
    await expect(db.db.update(auditLog).set({ action: "changed" })).rejects.toThrow();
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- every row on purpose: the database must refuse it
    await expect(db.db.delete(auditLog)).rejects.toThrow();
    await expect(db.db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });

  it("signs in with the right password and audits it; a wrong one gets the generic answer", async () => {
    const ok = await attemptSignIn(db.db, { email: "Editor@Adicor.demo", password: "tamkin-demo", address: "10.0.0.1" });
    expect(ok.ok).toBe(true);
    const bad = await attemptSignIn(db.db, { email: "editor@adicor.demo", password: "wrong-password", address: "10.0.0.1" });
    expect(bad).toEqual({ ok: false, reason: "invalid" });
    const unknown = await attemptSignIn(db.db, { email: "nobody@adicor.demo", password: "wrong-password", address: "10.0.0.1" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    const actions = (await db.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.sign_in", "auth.sign_in_failed"]));
  });

  it("refuses a disabled user even with the right password", async () => {
    await db.db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, "viewer@femmes-fassala.demo"));
    const r = await attemptSignIn(db.db, { email: "viewer@femmes-fassala.demo", password: "tamkin-demo", address: "10.0.0.9" });
    expect(r).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an account after five failures, and still does after a restart", async () => {
    const email = "admin@fassala.demo";
    for (let i = 0; i < 5; i++) {
      const r = await attemptSignIn(db.db, { email, password: `wrong-${i}-password`, address: `10.1.0.${i}` });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    db = await db.reopen();
    const r = await attemptSignIn(db.db, { email, password: "tamkin-demo", address: "10.1.0.99" });
    expect(r).toEqual({ ok: false, reason: "throttled", minutes: 15 });
    // Another account from another address is not affected.
    expect((await attemptSignIn(db.db, { email: "editor@fassala.demo", password: "tamkin-demo", address: "10.2.0.1" })).ok).toBe(true);
  });

  it("throttles a client address after thirty failures across accounts", async () => {
    for (let i = 0; i < 30; i++) {
      await attemptSignIn(db.db, { email: `probe-${i}@example.org`, password: "wrong-password", address: "10.3.0.1" });
    }
    const r = await attemptSignIn(db.db, { email: "editor@acor.demo", password: "tamkin-demo", address: "10.3.0.1" });
    expect(r).toMatchObject({ ok: false, reason: "throttled" });
    // 31 scrypt hashes: minutes on a loaded two-core machine, not a hang.
  }, 240_000);
});
