/**
 * Editing and archiving (issue 14, point 3), through the real server actions (lib/server-action.ts)
 * and tenant resolution on a test database; Next's request scope and the session lookup are stood in for.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, groupMemberships, groups, households, ledgerEntries, marketObservations, people, priceSessions, products, suppliers } from "@/db/schema";
import { listBoard, listProducts, listSuppliers } from "@/lib/prices/queries";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { CurrentUser } from "@/lib/auth/session-store";
import { idleState, type ActionState } from "@/lib/action-state";
import { loadDashboard } from "@/lib/groups/dashboard";
import { listCommuneGroups } from "@/lib/prices/records";
import { listCandidatePeople } from "@/lib/groups/queries";
import { rowsOf } from "@/lib/groups/scope";
import { answersOf, isWgDisabled } from "@/lib/wgss";
import { today } from "@/lib/dates";
import { listRecordHistory } from "@/lib/records/history";
import { verifyRollups } from "@/lib/rollups/verify";
import { lockQuarter, unlockQuarter } from "@/lib/quarters/locks";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";

const request = { headers: new Headers({ "x-request-id": "req-editing" }), user: null as CurrentUser | null };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => request.user,
}));

type Action<T> = (prev: ActionState<T>, fd: FormData) => Promise<ActionState<T>>;

describe(`editing and archiving on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const sessions: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    // The actions run as the application role, as in the portal (on PostgreSQL `db` is the owner in
    // maintenance mode, which the locked-quarter guards exempt for seeding and restores).
    await serve(db);
    for (const email of [
      "editor@adicor.demo",
      "admin@adicor.demo",
      "editor@ong-sahel.demo",
      "editor@fassala.demo",
      "admin@fassala.demo",
      "editor@bassikounou.demo",
    ]) {
      sessions[email] = await signedIn(db, email, "10.91.0.2");
    }
  }, 120_000);
  afterAll(() => unserve(db));

  /** Posts the form as this user, as the browser would (every value a string). */
  const post = async <T>(email: string, action: Action<T>, fields: Record<string, string | number>) => {
    request.user = sessions[email];
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, String(v));
    const idle: ActionState<T> = { status: idleState.status };
    return action(idle, fd);
  };
  const group = async (id: string) => (await db.db.select().from(groups).where(eq(groups.id, id)))[0];
  const groupActions = () => import("@/lib/groups/actions");
  const editFields = (g: typeof groups.$inferSelect, change: Record<string, string | number>) => ({
    org: "adicor",
    groupId: g.id,
    version: g.version,
    name: g.name,
    villageId: g.villageId,
    networkOrgId: g.networkOrgId ?? "",
    startingCapitalAmount: g.startingCapitalAmount,
    startingCapitalCurrency: g.startingCapitalCurrency,
    ...change,
  });
  /** Another settlement of the NGO's communes than the group's. */
  const otherVillage = async (g: typeof groups.$inferSelect) => {
    const r = await db.db.execute(sql`select p.id from places p join organisations c on c.territory_place_id = p.parent_id
      join org_communes oc on oc.commune_org_id = c.id where oc.org_id = ${g.ngoOrgId} and p.id <> ${g.villageId} order by p.name limit 1`);
    return rowsOf<{ id: string }>(r)[0].id;
  };

  it("edits a group's name, village and capital, keeps what changed in the history, and leaves the rollups exact", async () => {
    const { editGroupAction } = await groupActions();
    const g = await group(ids.groups.shops[0]);
    const village = await otherVillage(g);
    const before = await loadDashboard(db.db, { id: ids.orgs.adicor, type: "ngo" }, {}, "fr");
    const state = await post(
      "editor@adicor.demo",
      editGroupAction,
      editFields(g, { name: "Boutique renommée", villageId: village, startingCapitalAmount: g.startingCapitalAmount + 1000 }),
    );
    expect(state).toMatchObject({ status: "ok", message: { key: "recordSaved" } });
    const after = await group(g.id);
    expect(after).toMatchObject({
      name: "Boutique renommée",
      villageId: village,
      startingCapitalAmount: g.startingCapitalAmount + 1000,
      version: g.version + 1,
    });
    // The figures moved with the group, exactly: nothing differs from a recomputation.
    expect(await verifyRollups(db.db)).toEqual([]);
    const now = await loadDashboard(db.db, { id: ids.orgs.adicor, type: "ngo" }, {}, "fr");
    expect(now.total).toEqual(before.total);
    // The history: what changed, before and after, by whom.
    const [h] = await listRecordHistory(db.db, ids.orgs.adicor, [g.id]);
    expect(h).toMatchObject({ action: "group.edit", userName: "Editor adicor" });
    expect(h.before).toMatchObject({ name: g.name, startingCapitalAmount: g.startingCapitalAmount });
    expect(h.after).toMatchObject({ name: "Boutique renommée", startingCapitalAmount: g.startingCapitalAmount + 1000 });
    expect(Object.keys(h.after!)).not.toContain("startingCapitalCurrency");
  });

  it("of two editors of the same version, the second is told who changed it, and nothing of theirs is saved", async () => {
    const { editGroupAction } = await groupActions();
    const g = await group(ids.groups.shops[1]);
    const first = await post("admin@adicor.demo", editGroupAction, editFields(g, { name: "Nom de l'admin" }));
    expect(first.status).toBe("ok");
    const second = await post("editor@adicor.demo", editGroupAction, editFields(g, { name: "Nom de l'éditeur" }));
    expect(second).toMatchObject({ status: "error", formError: { key: "changedBy", values: { name: "Admin adicor" } } });
    expect((await group(g.id)).name).toBe("Nom de l'admin");
  });

  it("refuses a move or a change of capital that would alter a locked quarter, and accepts it once unlocked", async () => {
    const { editGroupAction } = await groupActions();
    const g = await group(ids.groups.shops[2]);
    const r = await db.db.execute(sql`select min(occurred_on)::text as month from ledger_entries where group_id = ${g.id}`);
    const [{ month }] = rowsOf<{ month: string }>(r);
    const q = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
    const admin = sessions["admin@adicor.demo"].id;
    await db.db.transaction((tx) => lockQuarter(tx, ids.orgs.adicor, q, admin));
    const village = await otherVillage(g);
    const moved = await post("editor@adicor.demo", editGroupAction, editFields(g, { villageId: village }));
    expect(moved).toMatchObject({ status: "error", formError: { key: "quarterLocked", values: { quarter: q } } });
    expect((await group(g.id)).villageId).toBe(g.villageId);
    // A name is no figure: it may change.
    expect((await post("editor@adicor.demo", editGroupAction, editFields(g, { name: "Renommée pendant le verrou" }))).status).toBe("ok");
    await db.db.transaction((tx) => unlockQuarter(tx, ids.orgs.adicor, q, admin, "correction du village"));
    const g2 = await group(g.id);
    expect((await post("editor@adicor.demo", editGroupAction, editFields(g2, { villageId: village }))).status).toBe("ok");
    expect(await verifyRollups(db.db)).toEqual([]);
    // The capital is dated by the group's start: refused while that quarter is locked.
    const start = g2.startDate;
    const sq = `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
    await db.db.transaction((tx) => lockQuarter(tx, ids.orgs.adicor, sq, admin));
    const g3 = await group(g.id);
    const capital = await post("editor@adicor.demo", editGroupAction, editFields(g3, { startingCapitalAmount: g3.startingCapitalAmount + 1 }));
    expect(capital).toMatchObject({ status: "error", formError: { key: "quarterLocked", values: { quarter: sq } } });
    expect((await group(g.id)).startingCapitalAmount).toBe(g3.startingCapitalAmount);
    await db.db.transaction((tx) => unlockQuarter(tx, ids.orgs.adicor, sq, admin, "fin du test"));
  });

  it("archives a group: out of pickers and new entries, its figures kept; restored, it takes entries again", async () => {
    const { archiveGroupAction, restoreGroupAction, recordEntryAction } = await groupActions();
    const g = await group(ids.groups.shops[3]);
    const before = await loadDashboard(db.db, { id: ids.orgs.adicor, type: "ngo" }, {}, "fr");
    expect((await post("editor@adicor.demo", archiveGroupAction, { org: "adicor", id: g.id, version: g.version })).status).toBe("ok");
    const archived = await group(g.id);
    expect(archived.archivedAt).not.toBeNull();
    // Same figures on the dashboard, the group included.
    const after = await loadDashboard(db.db, { id: ids.orgs.adicor, type: "ngo" }, {}, "fr");
    expect(after.total).toEqual(before.total);
    expect(after.groupCount).toBe(before.groupCount);
    // Out of the commune's order-line picker.
    const communeGroups = await db.asApp({ orgId: ids.orgs.fassala }, (tx) => listCommuneGroups(tx, ids.orgs.fassala));
    expect(communeGroups.map((x) => x.id)).not.toContain(g.id);
    // No new ledger line, whatever writes it: the action, or the database for any other path.
    const entry = { org: "adicor", groupId: g.id, kind: "sale", occurredOn: "2025-03-03", amount: 700, currency: "MRU", note: "" };
    expect(await post("editor@adicor.demo", recordEntryAction, entry)).toMatchObject({ status: "error", formError: { key: "recordArchived" } });
    await expect(
      db.asApp({ orgId: ids.orgs.adicor }, (tx) =>
        tx.insert(ledgerEntries).values({ groupId: g.id, ngoOrgId: ids.orgs.adicor, kind: "sale", occurredOn: "2025-03-03", amount: 700, currency: "MRU" }),
      ),
    ).rejects.toMatchObject({ cause: { code: "TK011" } });
    expect((await post("editor@adicor.demo", restoreGroupAction, { org: "adicor", id: g.id, version: archived.version })).status).toBe("ok");
    expect((await group(g.id)).archivedAt).toBeNull();
    expect((await post("editor@adicor.demo", recordEntryAction, entry)).status).toBe("ok");
    const trail = await db.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, g.id), sql`${auditLog.action} like 'group.%'`));
    expect(trail.map((x) => x.action).sort()).toEqual(["group.archive", "group.restore"]);
  });

  it("answers not found for another tenant's group, and never deletes a group", async () => {
    const { editGroupAction, archiveGroupAction } = await groupActions();
    const g = await group(ids.groups.shops[4]);
    for (const email of ["editor@ong-sahel.demo"]) {
      const r = await post(email, editGroupAction, { ...editFields(g, { name: "Pris" }), org: "ong-sahel" });
      expect(r).toMatchObject({ status: "error", formError: { key: "not_found" } });
      const a = await post(email, archiveGroupAction, { org: "ong-sahel", id: g.id, version: g.version });
      expect(a).toMatchObject({ status: "error", formError: { key: "not_found" } });
    }
    expect(await group(g.id)).toMatchObject({ name: g.name, archivedAt: null, version: g.version });
    // A group without a single entry is kept too: deletion is refused by the database.
    const [bare] = await db.db
      .insert(groups)
      .values({ ngoOrgId: ids.orgs.adicor, activityType: "shop", villageId: g.villageId, name: "Sans écriture", startDate: "2025-01-01" })
      .returning();
    await expect(db.asApp({ orgId: ids.orgs.adicor }, (tx) => tx.delete(groups).where(eq(groups.id, bare.id)))).rejects.toMatchObject({
      cause: { code: "TK012" },
    });
  });

  /** A member of one of the NGO's shops, with the first day of their membership. */
  const memberOf = async (groupId: string) => {
    const [row] = await db.db
      .select({ person: people, joinedOn: groupMemberships.joinedOn })
      .from(groupMemberships)
      .innerJoin(people, eq(people.id, groupMemberships.personId))
      .where(eq(groupMemberships.groupId, groupId))
      .limit(1);
    return row;
  };
  const personFields = (p: typeof people.$inferSelect, change: Record<string, string | number>) => ({
    org: "adicor",
    personId: p.id,
    version: p.version,
    name: p.name,
    sex: p.sex,
    birthYear: p.birthYear,
    wgSeeing: p.wgSeeing,
    wgHearing: p.wgHearing,
    wgWalking: p.wgWalking,
    wgCognition: p.wgCognition,
    wgSelfCare: p.wgSelfCare,
    wgCommunication: p.wgCommunication,
    ...change,
  });
  const person = async (id: string) => (await db.db.select().from(people).where(eq(people.id, id)))[0];

  it("edits a person's answers (the disability follows them) and household, with the history of both", async () => {
    const { editPersonAction, editHouseholdAction } = await import("@/lib/people/actions");
    const { addMemberAction } = await groupActions();
    // A new member, joined today: no locked quarter counts them yet (the demo locks the last one).
    const [settlement] = await db.db.select({ id: households.settlementId }).from(households).where(eq(households.ngoOrgId, ids.orgs.adicor)).limit(1);
    const added = await post("editor@adicor.demo", addMemberAction, {
      org: "adicor",
      groupId: ids.groups.shops[5],
      mode: "new",
      name: "Aïcha Test",
      sex: "female",
      birthYear: 1995,
      settlementId: settlement.id,
      householdSize: 4,
      householdStatus: "host",
      joinedOn: today(),
      wgSeeing: "none",
      wgHearing: "none",
      wgWalking: "none",
      wgCognition: "none",
      wgSelfCare: "none",
      wgCommunication: "none",
    });
    expect(added.status).toBe("ok");
    const [p] = await db.db.select().from(people).where(eq(people.name, "Aïcha Test"));
    expect(isWgDisabled(answersOf(p))).toBe(false);
    const r = await post("editor@adicor.demo", editPersonAction, personFields(p, { wgWalking: "cannot", name: "Nom corrigé" }));
    expect(r, JSON.stringify(r)).toMatchObject({ status: "ok", message: { key: "recordSaved" } });
    const after = await person(p.id);
    expect(after).toMatchObject({ wgWalking: "cannot", name: "Nom corrigé", version: p.version + 1 });
    expect(isWgDisabled(answersOf(after))).toBe(true);
    // A stale form: nothing saved, the conflict named.
    const stale = await post("admin@adicor.demo", editPersonAction, personFields(p, { name: "Autre nom" }));
    expect(stale).toMatchObject({ status: "error", formError: { key: "changedBy", values: { name: "Editor adicor" } } });
    expect((await person(p.id)).name).toBe("Nom corrigé");

    const [h] = await db.db.select().from(households).where(eq(households.id, p.householdId!));
    const hr = await post("editor@adicor.demo", editHouseholdAction, {
      org: "adicor",
      householdId: h.id,
      version: h.version,
      settlementId: h.settlementId,
      size: h.size + 1,
      status: h.status,
      cashTransferSince: h.cashTransferSince ?? "",
    });
    expect(hr.status).toBe("ok");
    const history = await listRecordHistory(db.db, ids.orgs.adicor, [p.id, h.id]);
    expect(history.map((x) => x.action)).toEqual(["household.edit", "person.edit"]);
    expect(history[0]).toMatchObject({ before: { size: h.size }, after: { size: h.size + 1 } });
    expect(history[1]).toMatchObject({ before: { wgWalking: p.wgWalking, name: p.name }, after: { wgWalking: "cannot", name: "Nom corrigé" } });
    // Another NGO's editor: not found, nothing saved.
    const foreign = await post("editor@ong-sahel.demo", editHouseholdAction, {
      org: "ong-sahel",
      householdId: h.id,
      version: h.version + 1,
      settlementId: h.settlementId,
      size: 9,
      status: h.status,
      cashTransferSince: "",
    });
    expect(foreign).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect((await db.db.select().from(households).where(eq(households.id, h.id)))[0].size).toBe(h.size + 1);
  });

  it("refuses a change to a person's counted answers in a locked quarter of their membership; the name stays free", async () => {
    const { editPersonAction } = await import("@/lib/people/actions");
    const { person: p, joinedOn } = await memberOf(ids.groups.shops[6]);
    const q = `${joinedOn.slice(0, 4)}-Q${Math.floor((Number(joinedOn.slice(5, 7)) - 1) / 3) + 1}`;
    const admin = sessions["admin@adicor.demo"].id;
    await db.db.transaction((tx) => lockQuarter(tx, ids.orgs.adicor, q, admin));
    try {
      const r = await post("editor@adicor.demo", editPersonAction, personFields(p, { sex: p.sex === "female" ? "male" : "female" }));
      expect(r).toMatchObject({ status: "error", formError: { key: "quarterLocked", values: { quarter: q } } });
      expect((await person(p.id)).sex).toBe(p.sex);
      expect((await post("editor@adicor.demo", editPersonAction, personFields(p, { name: "Seul le nom" }))).status).toBe("ok");
    } finally {
      await db.db.transaction((tx) => unlockQuarter(tx, ids.orgs.adicor, q, admin, "fin du test"));
    }
  });

  it("archives a person: out of the picker, no new membership; another NGO's editor gets not found", async () => {
    const { archivePersonAction, restorePersonAction, editPersonAction } = await import("@/lib/people/actions");
    const { addMemberAction } = await groupActions();
    const { person: p } = await memberOf(ids.groups.shops[7]);
    const target = ids.groups.shops[8];
    const inPicker = async () => (await listCandidatePeople(db.db, ids.orgs.adicor, target)).some((c) => c.id === p.id);
    expect(await inPicker()).toBe(true);
    expect((await post("editor@adicor.demo", archivePersonAction, { org: "adicor", id: p.id, version: p.version })).status).toBe("ok");
    expect(await inPicker()).toBe(false);
    const add = { org: "adicor", groupId: target, mode: "existing", personId: p.id, joinedOn: "2025-01-15" };
    expect(await post("editor@adicor.demo", addMemberAction, add)).toMatchObject({ status: "error", formError: { key: "recordArchived" } });
    // Their past membership stays.
    expect(await db.db.select().from(groupMemberships).where(eq(groupMemberships.personId, p.id))).not.toHaveLength(0);
    const other = await post("editor@ong-sahel.demo", editPersonAction, { ...personFields(await person(p.id), { name: "Pris" }), org: "ong-sahel" });
    expect(other).toMatchObject({ status: "error", formError: { key: "not_found" } });
    const archived = await person(p.id);
    expect((await post("editor@adicor.demo", restorePersonAction, { org: "adicor", id: p.id, version: archived.version })).status).toBe("ok");
    expect(await inPicker()).toBe(true);
    await expect(db.asApp({ orgId: ids.orgs.adicor }, (tx) => tx.delete(people).where(eq(people.id, p.id)))).rejects.toMatchObject({
      cause: { code: "TK012" },
    });
  });

  const priceActions = () => import("@/lib/prices/actions");
  const productFields = (p: typeof products.$inferSelect, change: Record<string, string | number>) => ({
    org: "fassala",
    productId: p.id,
    version: p.version,
    nameFr: p.nameFr,
    nameAr: p.nameAr,
    nameEn: p.nameEn,
    unit: p.unit,
    unitAr: p.unitAr ?? "",
    unitEn: p.unitEn ?? "",
    category: p.category,
    pictogram: p.pictogram,
    ...change,
  });
  const fassalaProducts = () => db.db.select().from(products).where(eq(products.communeOrgId, ids.orgs.fassala)).orderBy(products.sortOrder);

  it("edits a commune's product with its history; a stale form and another commune are refused", async () => {
    const { editProductAction } = await priceActions();
    const [p] = await fassalaProducts();
    const ok = await post("editor@fassala.demo", editProductAction, productFields(p, { nameEn: "Rice (edited)" }));
    expect(ok).toMatchObject({ status: "ok", message: { key: "recordSaved" } });
    const stale = await post("admin@fassala.demo", editProductAction, productFields(p, { nameEn: "Other" }));
    expect(stale).toMatchObject({ status: "error", formError: { key: "changedBy", values: { name: "Editor fassala" } } });
    const other = await post("editor@bassikounou.demo", editProductAction, { ...productFields(p, { nameEn: "Taken" }), org: "bassikounou" });
    expect(other).toMatchObject({ status: "error", formError: { key: "not_found" } });
    const [h] = await listRecordHistory(db.db, ids.orgs.fassala, [p.id]);
    expect(h).toMatchObject({ action: "prices.product.edit", before: { nameEn: p.nameEn }, after: { nameEn: "Rice (edited)" } });
    expect((await db.db.select().from(products).where(eq(products.id, p.id)))[0].nameEn).toBe("Rice (edited)");
  });

  it("archives a product and a supplier: out of the pickers and new entries, the board keeps their prices; restored, back", async () => {
    const { archiveProductAction, restoreProductAction, archiveSupplierAction, recordObservationAction } = await priceActions();
    const [, p] = await fassalaProducts();
    const boardBefore = await listBoard(db.db, ids.orgs.fassala, today());
    expect((await post("editor@fassala.demo", archiveProductAction, { org: "fassala", id: p.id, version: p.version })).status).toBe("ok");
    expect((await listProducts(db.db, ids.orgs.fassala, { active: true })).map((x) => x.id)).not.toContain(p.id);
    // The board still shows the archived product with its prices in force.
    const boardAfter = await listBoard(db.db, ids.orgs.fassala, today());
    expect(boardAfter.map((b) => [b.product.id, b.current?.id ?? null])).toEqual(boardBefore.map((b) => [b.product.id, b.current?.id ?? null]));
    const [place] = await db.db
      .select({ placeId: marketObservations.placeId })
      .from(marketObservations)
      .where(eq(marketObservations.communeOrgId, ids.orgs.fassala))
      .limit(1);
    const observation = { org: "fassala", commune: "fassala", productId: p.id, placeId: place.placeId, observedOn: today(), price: 300, currency: "MRU" };
    expect(await post("editor@fassala.demo", recordObservationAction, observation)).toMatchObject({ status: "error", formError: { key: "recordArchived" } });
    const archived = (await db.db.select().from(products).where(eq(products.id, p.id)))[0];
    expect((await post("editor@fassala.demo", restoreProductAction, { org: "fassala", id: p.id, version: archived.version })).status).toBe("ok");
    expect((await post("editor@fassala.demo", recordObservationAction, observation)).status).toBe("ok");

    const [sup] = await db.db.select().from(suppliers).where(eq(suppliers.communeOrgId, ids.orgs.fassala)).limit(1);
    expect((await post("editor@fassala.demo", archiveSupplierAction, { org: "fassala", id: sup.id, version: sup.version })).status).toBe("ok");
    expect((await listSuppliers(db.db, ids.orgs.fassala, { active: true })).map((x) => x.id)).not.toContain(sup.id);
    expect((await listSuppliers(db.db, ids.orgs.fassala)).map((x) => x.id)).toContain(sup.id);
    await expect(db.asApp({ orgId: ids.orgs.fassala }, (tx) => tx.delete(suppliers).where(eq(suppliers.id, sup.id)))).rejects.toMatchObject({
      cause: { code: "TK012" },
    });
  });

  it("refuses any change to a session once it is closed, in the action and in the database", async () => {
    const { updateSessionAction } = await priceActions();
    const [closed] = await db.db
      .select()
      .from(priceSessions)
      .where(and(eq(priceSessions.communeOrgId, ids.orgs.fassala), eq(priceSessions.status, "closed")))
      .limit(1);
    const r = await post("editor@fassala.demo", updateSessionAction, {
      org: "fassala",
      sessionId: closed.id,
      version: closed.version,
      heldOn: closed.heldOn,
      place: "Ailleurs",
      minutes: closed.minutes,
      status: "closed",
    });
    expect(r).toMatchObject({ status: "error", formError: { key: "sessionClosed" } });
    await expect(
      db.asApp({ orgId: ids.orgs.fassala }, (tx) => tx.update(priceSessions).set({ place: "Ailleurs" }).where(eq(priceSessions.id, closed.id))),
    ).rejects.toMatchObject({
      cause: { code: "TK101" },
    });
    expect((await db.db.select().from(priceSessions).where(eq(priceSessions.id, closed.id)))[0].place).toBe(closed.place);
  });
});
