/**
 * A group manager (issue 17, point 5): an NGO editor limited to one group business. Through the
 * real server actions (tenant resolution, permission, the manager rule of lib/server-action.ts),
 * and, underneath, by the database to raw statements as the application role (the restrictive
 * policies of migration 0044): whatever path runs, the account reads and writes its group only.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { auditLog, groups, importUploads, ledgerEntries, memberships, users } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { CurrentUser } from "@/lib/auth/session-store";
import { idleState, type ActionState } from "@/lib/action-state";
import { rowsOf } from "@/db/app-role";
import type { Tx } from "@/db/client";
import { request } from "../request-scope";
import { sqlState } from "../refusals";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (original) => (await import("../request-scope")).session(await original<object>()));
vi.mock("next-intl/server", async () => (await import("../request-scope")).nextIntlServer());

describe(`a group manager on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let manager: CurrentUser;
  let own: string;
  let other: string;
  const asManager = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor, userId: manager.id }, fn);
  const count = async (tx: Tx, query: ReturnType<typeof sql>) => Number(rowsOf<{ n: string }>(await tx.execute(query))[0].n);

  async function act<T>(action: (prev: ActionState<T>, fd: FormData) => Promise<ActionState<T>>, fields: Record<string, string>) {
    const fd = new FormData();
    fd.set("org", "adicor");
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return action({ status: idleState.status }, fd);
  }
  const sale = (groupId: string, amount: string) => ({
    groupId,
    kind: "sale",
    occurredOn: new Date().toISOString().slice(0, 10),
    amount,
    currency: "MRU",
    note: "",
    reason: "",
  });

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db);
    manager = await signedIn(db, "gerante@adicor.demo", "10.91.0.77");
    request.user = manager;
    [own, other] = ids.groups.shops;
  }, 120_000);
  afterAll(() => unserve(db));

  it("is the demo's first shop's manager: an ADICOR editor limited to that group", async () => {
    const [m] = await db.db
      .select({ role: memberships.role, groupId: memberships.groupId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, "gerante@adicor.demo"));
    expect(m).toEqual({ role: "editor", groupId: own });
  });

  it("reads its own group only: one group, its ledger lines, its members; no NGO-wide figures; its own audit records", async () => {
    const seen = await asManager(async (tx) => ({
      groups: await count(tx, sql`select count(*) as n from groups`),
      ownGroup: await count(tx, sql`select count(*) as n from groups where id = ${own}`),
      otherLedger: await count(tx, sql`select count(*) as n from ledger_entries where group_id = ${other}`),
      ownLedger: await count(tx, sql`select count(*) as n from ledger_entries where group_id = ${own}`),
      rollupGroups: await count(tx, sql`select count(distinct group_id) as n from ledger_rollups`),
      cube: await count(tx, sql`select count(*) as n from ledger_cube`),
      ngoMonths: await count(tx, sql`select count(*) as n from ledger_ngo_months`),
      people: await count(tx, sql`select count(*) as n from people`),
      ownMembers: await count(tx, sql`select count(distinct person_id) as n from group_memberships where group_id = ${own}`),
      othersAudit: await count(tx, sql`select count(*) as n from audit_log where actor_user_id is distinct from ${manager.id}`),
    }));
    expect(seen.groups).toBe(1);
    expect(seen.ownGroup).toBe(1);
    expect(seen.otherLedger).toBe(0);
    expect(seen.ownLedger).toBeGreaterThan(0);
    expect(seen.rollupGroups).toBe(1);
    expect(seen.cube).toBe(0);
    expect(seen.ngoMonths).toBe(0);
    expect(seen.people).toBe(seen.ownMembers);
    expect(seen.people).toBeGreaterThan(0);
    expect(seen.othersAudit).toBe(0);
    // The same queries as the NGO's editor see the whole NGO (the limit is the manager's alone).
    const [editor] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
    const editorGroups = await db.asApp({ orgId: ids.orgs.adicor, userId: editor.id }, (tx) => count(tx, sql`select count(*) as n from groups`));
    expect(editorGroups).toBeGreaterThan(1);
  });

  it("records a sale in its group through the form's action, and it is in the group's ledger with its audit record", async () => {
    const { recordEntryAction } = await import("@/lib/groups/actions");
    const state = await act(recordEntryAction, sale(own, "1234"));
    expect(state.status).toBe("ok");
    const rows = await db.db
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.groupId, own), eq(ledgerEntries.amount, 1234), eq(ledgerEntries.createdBy, manager.id)));
    expect(rows).toHaveLength(1);
    const audited = await db.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, manager.id), eq(auditLog.action, "ledger.record"), eq(auditLog.entityId, rows[0].id)));
    expect(audited).toHaveLength(1);
  });

  it("reads its own group's credit customers' names only, and records a credit sale whose name it then reads", async () => {
    const { creditSaleAction } = await import("@/lib/groups/actions");
    const today = new Date().toISOString().slice(0, 10);
    const state = await act(creditSaleAction, {
      groupId: own,
      customerName: "Cliente de la gérante",
      community: "host",
      amount: "700",
      currency: "MRU",
      grantedOn: today,
      dueOn: today,
    });
    expect(state.status).toBe("ok");
    const ownNames = await db.db.execute(
      sql`select count(*) as n from customer_credit_names n join customer_credits c on c.id = n.credit_id where c.group_id = ${own}`,
    );
    const seen = await asManager(async (tx) => ({
      names: await count(tx, sql`select count(*) as n from customer_credit_names`),
      hers: await count(tx, sql`select count(*) as n from customer_credit_names where customer_name = 'Cliente de la gérante'`),
      otherGroups: await count(
        tx,
        sql`select count(*) as n from customer_credit_names where credit_id not in (select id from customer_credits where group_id = ${own})`,
      ),
    }));
    expect(seen.names).toBe(Number(rowsOf<{ n: string }>(ownNames)[0].n));
    expect(seen.hers).toBe(1);
    // The NGO holds other groups' customers (the demo's credits), which she does not see.
    const all = Number(rowsOf<{ n: string }>(await db.db.execute(sql`select count(*) as n from customer_credit_names`))[0].n);
    expect(all).toBeGreaterThan(seen.names);
    expect(seen.otherGroups).toBe(0);
    // Nor can she rename or remove another group's customer.
    const touched = await asManager((tx) =>
      tx.execute(
        sql`update customer_credit_names set customer_name = 'x' where credit_id in (select n.credit_id from customer_credit_names n) returning credit_id`,
      ),
    );
    expect(rowsOf(touched).length).toBe(seen.names);
  });

  it("gets 'not found' for a sale in another group of the NGO, for a new group and for a group edit; nothing is written", async () => {
    const { recordEntryAction, createGroupAction, updateGroupAction } = await import("@/lib/groups/actions");
    const before = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.groupId, other));
    const refused = await act(recordEntryAction, sale(other, "999"));
    expect(refused).toMatchObject({ status: "error", formError: { key: "not_found" } });
    const after = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.groupId, other));
    expect(after[0].n).toBe(before[0].n);

    const groupsBefore = (await db.db.select({ n: sql<number>`count(*)::int` }).from(groups))[0].n;
    const created = await act(createGroupAction, {
      name: "Boutique de la gérante",
      activityType: "shop",
      villageId: ids.places.settlements["Tenhamed"],
      startDate: "2024-01-01",
      startingCapitalAmount: "1000",
      startingCapitalCurrency: "MRU",
      profitRule: "equal",
    });
    expect(created).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect((await db.db.select({ n: sql<number>`count(*)::int` }).from(groups))[0].n).toBe(groupsBefore);

    const [g] = await db.db.select({ version: groups.version, status: groups.status }).from(groups).where(eq(groups.id, own));
    const edited = await act(updateGroupAction, { groupId: own, version: String(g.version), status: "closed", profitRule: "equal" });
    expect(edited).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect((await db.db.select({ status: groups.status }).from(groups).where(eq(groups.id, own)))[0].status).toBe(g.status);
  });

  it("gets 'not found' from the import, its template and the outbox's check for another path: nothing is staged", async () => {
    const { uploadImportAction } = await import("@/lib/imports/actions");
    const staged = async () => (await db.db.select({ n: sql<number>`count(*)::int` }).from(importUploads))[0].n;
    const before = await staged();
    const fd = new FormData();
    fd.set("org", "adicor");
    fd.set("kind", "ledger");
    fd.set("file", new File([`Groupe;Date;Type;Montant;Monnaie\r\nBoutique;2025-01-02;vente;100;MRU\r\n`], "ventes.csv", { type: "text/csv" }));
    expect(await uploadImportAction({ status: "idle" }, fd)).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect(await staged()).toBe(before);
    const { GET: template } = await import("@/app/(portal)/[org]/import/template/route");
    const res = await template(new NextRequest("http://localhost/adicor/import/template?kind=ledger&format=csv"), {
      params: Promise.resolve({ org: "adicor" }),
    });
    expect(res.status).toBe(404);
    // The outbox's own route stays hers: her offline sales go through the one write path.
    const { GET: sync } = await import("@/app/(portal)/[org]/sync/route");
    expect((await sync(new NextRequest("http://localhost/adicor/sync"), { params: Promise.resolve({ org: "adicor" }) })).status).toBe(200);
  });

  it("is refused by the database when a raw statement writes another group's ledger or reaches another group", async () => {
    const [{ ngo }] = await db.db.select({ ngo: groups.ngoOrgId }).from(groups).where(eq(groups.id, other));
    const day = new Date().toISOString().slice(0, 10);
    expect(
      await sqlState(
        asManager((tx) =>
          tx.execute(
            sql`insert into ledger_entries (group_id, ngo_org_id, kind, occurred_on, amount, currency, created_by) values (${other}, ${ngo}, 'sale', ${day}, 500, 'MRU', ${manager.id})`,
          ),
        ),
      ),
    ).toBe("42501");
    // Another group's row is not there for it: an update reaches nothing.
    const moved = await asManager((tx) => tx.execute(sql`update groups set name = name where id = ${other} returning id`));
    expect(rowsOf(moved)).toHaveLength(0);
  });

  it("is named and ended by the NGO's admin through the group page's action, audited; a viewer, another manager's move and another NGO are refused", async () => {
    const { groupManagerAction } = await import("@/lib/members/actions");
    const sessionOf = (email: string) => signedIn(db, email, "10.91.0.78");
    const membershipOf = async (email: string) =>
      (
        await db.db
          .select({ id: memberships.id, groupId: memberships.groupId })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(users.email, email), eq(memberships.orgId, ids.orgs.adicor)))
      )[0];
    const admin = await sessionOf("admin@adicor.demo");
    const editor = await membershipOf("editor@adicor.demo");
    const viewer = await membershipOf("viewer@adicor.demo");
    request.user = admin;
    try {
      expect(await act(groupManagerAction, { groupId: other, membershipId: viewer.id, intent: "assign" })).toMatchObject({
        status: "error",
        fieldErrors: { membershipId: "managerIsEditor" },
      });
      expect(await act(groupManagerAction, { groupId: other, membershipId: editor.id, intent: "assign" })).toMatchObject({
        status: "ok",
        message: { key: "managerAssigned" },
      });
      expect((await membershipOf("editor@adicor.demo")).groupId).toBe(other);
      const [audited] = await db.db
        .select({ before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.action, "member.group_manager"), eq(auditLog.entityId, editor.id)));
      expect(audited).toEqual({ before: { groupId: null }, after: { groupId: other } });
      // From then on the editor reads that group only.
      const [e] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
      expect(await db.asApp({ orgId: ids.orgs.adicor, userId: e.id }, (tx) => count(tx, sql`select count(*) as n from groups`))).toBe(1);
      // Moved to another group only once this one is ended.
      expect(await act(groupManagerAction, { groupId: own, membershipId: editor.id, intent: "assign" })).toMatchObject({
        status: "error",
        fieldErrors: { membershipId: "managesAnotherGroup" },
      });
      expect(await act(groupManagerAction, { groupId: other, membershipId: editor.id, intent: "remove" })).toMatchObject({ status: "ok" });
      expect((await membershipOf("editor@adicor.demo")).groupId).toBeNull();
      // Another NGO's admin: ADICOR's membership is not found from its own organisation, nor is ADICOR.
      request.user = await sessionOf("admin@ong-sahel.demo");
      const foreign = await act(groupManagerAction, { groupId: other, membershipId: editor.id, intent: "assign" });
      expect(foreign).toMatchObject({ status: "error", formError: { key: "not_found" } });
      const fd = new FormData();
      for (const [k, v] of Object.entries({ org: "ong-sahel", groupId: other, membershipId: editor.id, intent: "assign" })) fd.set(k, v);
      expect(await groupManagerAction({ status: "idle" }, fd)).toMatchObject({ status: "error", formError: { key: "not_found" } });
      expect((await membershipOf("editor@adicor.demo")).groupId).toBeNull();
    } finally {
      request.user = manager;
    }
  });

  it("cannot be made a manager of another NGO's group, nor as an admin", async () => {
    const [viewer] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "viewer@adicor.demo"));
    const [sahelGroup] = await db.db.select({ id: groups.id }).from(groups).where(eq(groups.ngoOrgId, ids.orgs["ong-sahel"])).limit(1);
    expect(
      await sqlState(
        db.db
          .update(memberships)
          .set({ role: "editor", groupId: sahelGroup.id })
          .where(and(eq(memberships.userId, viewer.id), eq(memberships.orgId, ids.orgs.adicor))),
      ),
    ).toBe("TK013");
    expect(
      await sqlState(
        db.db
          .update(memberships)
          .set({ role: "admin", groupId: own })
          .where(and(eq(memberships.userId, manager.id), eq(memberships.orgId, ids.orgs.adicor))),
      ),
    ).toBe("TK013");
  });
});
