import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import {
  activityTypes,
  creditRepayments,
  customerCredits,
  groupMemberships,
  groups,
  ledgerEntries,
  ledgerEntryHistory,
  managerTerms,
  people,
  profitShares,
} from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { loadDashboard } from "@/lib/groups/dashboard";
import { listDeclaredVsRecorded } from "@/lib/groups/declared";
import { listLedger } from "@/lib/groups/ledger-queries";
import { profitSums } from "@/lib/groups/profit-sums";
import { findVisibleGroup, listGroupMembers, listGroups } from "@/lib/groups/queries";
import {
  addAid,
  addDeclaredFigure,
  addMember,
  addTerm,
  correctEntry,
  createGroup,
  recordDistribution,
  recordEntry,
  recordRepayment,
  updateGroup,
  voidEntry,
} from "@/lib/groups/service";
import { answersOf, isWgDisabled } from "@/lib/wgss";
import { lockQuarter, unlockQuarter } from "@/lib/quarters/locks";
import { users } from "@/db/schema";
import { aidSchema } from "@/lib/groups/schema";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`group businesses on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const org = (slug: keyof DemoIds["orgs"], type: "ngo" | "commune" | "consortium" | "cooperative_network") => ({ id: ids.orgs[slug], type });

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
  });
  afterAll(async () => db?.destroy());

  it("reproduces the field report: 960,861 MRU = 16,014,035 XOF over 33 group activities", async () => {
    const d = await loadDashboard(db.db, org("adicor", "ngo"), {}, "fr");
    expect(d.groupCount).toBe(33);
    expect(d.total).toEqual({ mru: 960_861, xof: 16_014_035 });
    expect(d.average).toEqual({ mru: 29_117, xof: 485_274 });
    expect(d.byGroup).toHaveLength(33);
    expect(d.byActivity.map((a) => a.key).sort()).toEqual(["butchery", "sewing", "shop"]);
    expect(d.byMonth.reduce((s, m) => s + m.mru, 0)).toBe(960_861);
    // The 91 individual activities have ledgers of their own, never mixed in.
    const ind = await loadDashboard(db.db, org("adicor", "ngo"), { kind: "individual" }, "fr");
    expect(ind.groupCount).toBe(91);
    expect(ind.total.mru).toBeGreaterThan(0);
  });

  it("records the members of the report, with disability from WG-SS answers", async () => {
    const rows = await db.db
      .select({ kind: groups.activityType, sex: people.sex, p: people })
      .from(groupMemberships)
      .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
      .innerJoin(people, eq(people.id, groupMemberships.personId))
      .where(eq(groups.ngoOrgId, ids.orgs.adicor));
    const of = (k: string) => rows.filter((r) => r.kind === k);
    expect(of("shop")).toHaveLength(100);
    expect(of("butchery")).toHaveLength(48);
    expect(of("butchery").filter((r) => r.sex === "female")).toHaveLength(44);
    expect(of("butchery").filter((r) => isWgDisabled(answersOf(r.p)))).toHaveLength(8);
    expect(of("sewing")).toHaveLength(75);
    expect(of("sewing").filter((r) => r.sex === "male")).toHaveLength(1);
    expect(of("fattening").length + of("laundry").length).toBe(91);
  });

  it("lists declared figures beside the records, with their differences", async () => {
    const rows = await listDeclaredVsRecorded(db.db, org("adicor", "ngo"));
    const by = Object.fromEntries(rows.map((r) => [r.metric, r]));
    expect(by.group_beneficiaries).toMatchObject({ declared: 210, recorded: 215, difference: 5 });
    expect(by.workshop_women).toMatchObject({ declared: 75, recorded: 74, difference: -1 });
    expect(by.avg_revenue_per_group_xof).toMatchObject({ declared: 485_283, recorded: 485_274, difference: -9 });
    expect(by.group_revenue_mru).toMatchObject({ difference: 0 });
  });

  it("shows each tenant type exactly its groups", async () => {
    const n = async (o: { id: string; type: "ngo" | "commune" | "consortium" | "cooperative_network" }) => (await listGroups(db.db, o)).length;
    expect(await n(org("adicor", "ngo"))).toBe(124);
    expect(await n(org("ong-sahel", "ngo"))).toBe(3);
    expect(await n(org("tadamoun", "ngo"))).toBe(3);
    // The commune reads every group of its territory: ADICOR's 124 and ONG Tadamoun's 3.
    expect(await n(org("fassala", "commune"))).toBe(127);
    expect(await n(org("bassikounou", "commune"))).toBe(3);
    expect(await n(org("femmes-fassala", "cooperative_network"))).toBe(16);
    expect(await n(org("acor", "consortium"))).toBe(127); // ADICOR and ONG Sahel; ONG Tadamoun is no member
    const shop = ids.groups.shops[0];
    expect(await findVisibleGroup(db.db, org("ong-sahel", "ngo"), shop)).toBeNull();
    expect(await findVisibleGroup(db.db, org("bassikounou", "commune"), shop)).toBeNull();
    expect(await findVisibleGroup(db.db, org("fassala", "commune"), shop)).not.toBeNull();
    expect(await findVisibleGroup(db.db, org("acor", "consortium"), shop)).not.toBeNull();
    // The ledger list follows the same scope.
    expect((await listLedger(db.db, org("ong-sahel", "ngo"), { group: shop })).count).toBe(0);
    // Only the supporting NGO writes; the others get "not found".
    for (const o of [org("ong-sahel", "ngo"), org("fassala", "commune"), org("acor", "consortium")]) {
      await expect(
        db.db.transaction((tx) => recordEntry(tx, o, "", { groupId: shop, kind: "sale", occurredOn: "2025-01-01", amount: 5, currency: "MRU", note: "" })),
      ).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("sums the ledger and keeps the history of corrections and voidings", async () => {
    const adicor = org("adicor", "ngo");
    const shop = ids.groups.shops[1];
    const before = await listLedger(db.db, adicor, { group: shop, kind: "sale" }, { limit: 1 });
    const e = await db.db.transaction((tx) =>
      recordEntry(tx, adicor, null as never, { groupId: shop, kind: "sale", occurredOn: "2025-02-01", amount: 1234, currency: "MRU", note: "test" }),
    );
    const after = await listLedger(db.db, adicor, { group: shop, kind: "sale" }, { limit: 1 });
    expect(after.sums.MRU - before.sums.MRU).toBe(1234);

    await db.db.transaction((tx) =>
      correctEntry(tx, adicor, null as never, {
        entryId: e.id,
        version: 1,
        kind: "sale",
        occurredOn: "2025-02-02",
        amount: 1300,
        currency: "MRU",
        note: "corrigé",
      }),
    );
    await expect(
      db.db.transaction((tx) =>
        correctEntry(tx, adicor, null as never, { entryId: e.id, version: 1, kind: "sale", occurredOn: "2025-02-02", amount: 1, currency: "MRU", note: "" }),
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    await db.db.transaction((tx) => voidEntry(tx, adicor, null as never, { entryId: e.id, reason: "doublon" }));
    const hist = await db.db.select().from(ledgerEntryHistory).where(eq(ledgerEntryHistory.entryId, e.id)).orderBy(ledgerEntryHistory.changedAt);
    expect(hist.map((h) => h.action)).toEqual(["correct", "void"]);
    expect(hist[0].before).toMatchObject({ amount: 1234 });
    expect(hist[0].after).toMatchObject({ amount: 1300 });
    expect(hist[1].after).toMatchObject({ voidReason: "doublon" });
    expect((await listLedger(db.db, adicor, { group: shop, kind: "sale" })).sums.MRU).toBe(before.sums.MRU);
    await expect(db.db.delete(ledgerEntries).where(eq(ledgerEntries.id, e.id))).rejects.toThrow();
  });

  it("refuses ledger writes dated in a quarter the NGO has locked, and accepts them once unlocked", async () => {
    const adicor = org("adicor", "ngo");
    const shop = ids.groups.shops[2];
    const [u] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "admin@adicor.demo"));
    const e = await db.db.transaction((tx) =>
      recordEntry(tx, adicor, u.id, { groupId: shop, kind: "sale", occurredOn: "2024-08-10", amount: 500, currency: "MRU", note: "" }),
    );
    await db.db.transaction((tx) => lockQuarter(tx, ids.orgs.adicor, "2024-Q3", u.id));
    const locked = { code: "conflict", messageKey: "quarterLocked" };
    await expect(
      db.db.transaction((tx) =>
        recordEntry(tx, adicor, u.id, { groupId: shop, kind: "sale", occurredOn: "2024-09-30", amount: 700, currency: "MRU", note: "" }),
      ),
    ).rejects.toMatchObject(locked);
    await expect(
      db.db.transaction((tx) =>
        correctEntry(tx, adicor, u.id, { entryId: e.id, version: 1, kind: "sale", occurredOn: "2024-10-01", amount: 500, currency: "MRU", note: "" }),
      ),
    ).rejects.toMatchObject(locked);
    await expect(db.db.transaction((tx) => voidEntry(tx, adicor, u.id, { entryId: e.id, reason: "erreur" }))).rejects.toMatchObject(locked);
    const [row] = await db.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, e.id));
    expect(row.voidedAt).toBeNull();
    expect(row.version).toBe(1);
    await db.db.transaction((tx) => unlockQuarter(tx, ids.orgs.adicor, "2024-Q3", u.id, "correction demandée"));
    await db.db.transaction((tx) => voidEntry(tx, adicor, u.id, { entryId: e.id, reason: "erreur" }));
  });

  it("refuses a person active twice in a group, in the service and in the database", async () => {
    const shop = ids.groups.shops[2];
    const [m] = await listGroupMembers(db.db, shop);
    const input = { groupId: shop, mode: "existing" as const, personId: m.personId, joinedOn: "2025-01-01" };
    await expect(db.db.transaction((tx) => addMember(tx, org("adicor", "ngo"), input as never))).rejects.toMatchObject({
      fieldErrors: { personId: "personAlreadyActive" },
    });
    await expect(db.db.insert(groupMemberships).values({ groupId: shop, personId: m.personId, joinedOn: "2025-01-01" })).rejects.toThrow();
  });

  it("refuses overlapping terms, in the service and in the database", async () => {
    const shop = ids.groups.shops[3];
    const [t] = await db.db.select().from(managerTerms).where(eq(managerTerms.groupId, shop)).limit(1);
    await expect(
      db.db.transaction((tx) => addTerm(tx, org("adicor", "ngo"), { groupId: shop, teamId: t.teamId, startsOn: t.endsOn, endsOn: "2031-01-01" })),
    ).rejects.toMatchObject({ fieldErrors: { startsOn: "termsOverlap" } });
    await expect(db.db.insert(managerTerms).values({ groupId: shop, teamId: t.teamId, startsOn: t.startsOn, endsOn: t.startsOn })).rejects.toThrow();
    const ok = await db.db.transaction((tx) =>
      addTerm(tx, org("adicor", "ngo"), { groupId: shop, teamId: t.teamId, startsOn: "2030-01-01", endsOn: "2030-06-30" }),
    );
    expect(ok.id).toBeTruthy();
  });

  it("refuses a repayment above the outstanding credit, and saves nothing", async () => {
    const [c] = await db.db
      .select({ id: customerCredits.id, amount: customerCredits.amount, repaid: sql<string>`coalesce(sum(${creditRepayments.amount}),0)::text` })
      .from(customerCredits)
      .leftJoin(creditRepayments, eq(creditRepayments.creditId, customerCredits.id))
      .groupBy(customerCredits.id)
      .having(sql`coalesce(sum(${creditRepayments.amount}),0) < ${customerCredits.amount}`)
      .limit(1);
    const outstanding = c.amount - Number(c.repaid);
    await expect(
      db.db.transaction((tx) => recordRepayment(tx, org("adicor", "ngo"), { creditId: c.id, paidOn: "2025-03-01", amount: outstanding + 1 })),
    ).rejects.toMatchObject({ fieldErrors: { amount: "repaymentAboveOutstanding" } });
    const r = await db.db.transaction((tx) => recordRepayment(tx, org("adicor", "ngo"), { creditId: c.id, paidOn: "2025-03-01", amount: outstanding }));
    expect(r.outstanding).toBe(0);
    await expect(
      db.db.transaction((tx) => recordRepayment(tx, org("ong-sahel", "ngo"), { creditId: c.id, paidOn: "2025-03-01", amount: 1 })),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("records a profit distribution whose shares sum exactly to the profit", async () => {
    const shop = ids.groups.shops[6];
    const { sums } = await profitSums(db.db, shop, "MRU", "2024-01-01", "2024-12-31");
    const { distribution, shares } = await db.db.transaction((tx) =>
      recordDistribution(tx, org("adicor", "ngo"), null as never, { groupId: shop, periodFrom: "2024-01-01", periodTo: "2024-12-31", currency: "MRU" }),
    );
    expect(distribution.profit).toBe(sums.sale - sums.stock_purchase - sums.other_expense);
    expect(shares.reduce((s, x) => s + x.amount, 0)).toBe(distribution.profit);
    const stored = await db.db.select().from(profitShares).where(eq(profitShares.distributionId, distribution.id));
    expect(stored.reduce((s, x) => s + x.amount, 0)).toBe(distribution.profit);
    // Team-weighted here (the seed's rule for this shop): the first team's members get more.
    expect(new Set(stored.map((x) => x.amount)).size).toBeGreaterThan(1);
  });

  it("creates a group only in the NGO's own communes", async () => {
    const adicor = org("adicor", "ngo");
    const input = {
      name: "Boutique test",
      activityType: "shop",
      villageId: ids.places.settlements["Tenhamed"],
      startDate: "2025-01-01",
      startingCapitalAmount: 0,
      startingCapitalCurrency: "MRU" as const,
      profitRule: "equal" as const,
    };
    const g = await db.db.transaction((tx) => createGroup(tx, adicor, input));
    expect(g.ngoOrgId).toBe(ids.orgs.adicor);
    await expect(db.db.transaction((tx) => createGroup(tx, adicor, { ...input, villageId: ids.places.settlements["Dar Naim"] }))).rejects.toMatchObject({
      fieldErrors: { villageId: "invalid" },
    });
    await expect(db.db.transaction((tx) => createGroup(tx, org("fassala", "commune"), input))).rejects.toMatchObject({ code: "not_found" });
  });

  it("records technical aids and declared figures only for the NGO's own records", async () => {
    const [m] = await listGroupMembers(db.db, ids.groups.shops[4]);
    // Aids are kinds from the list, named in the reader's language; "other" says what it is.
    await expect(
      db.db.transaction((tx) => addAid(tx, org("adicor", "ngo"), { personId: m.personId, aidType: "jetpack", details: "", receivedOn: "2024-05-01" })),
    ).rejects.toMatchObject({ code: "validation", fieldErrors: { aidType: "aidTypeUnknown" } });
    expect(aidSchema.safeParse({ personId: m.personId, aidType: "other", receivedOn: "2024-05-01" }).error?.issues[0]).toMatchObject({
      path: ["details"],
      message: "aidDetailsRequired",
    });
    await db.db.transaction((tx) =>
      addAid(tx, org("adicor", "ngo"), { personId: m.personId, aidType: "other", details: "Rampe d'accès", receivedOn: "2024-04-01" }),
    );
    const aid = await db.db.transaction((tx) =>
      addAid(tx, org("adicor", "ngo"), { personId: m.personId, aidType: "tricycle", details: "", receivedOn: "2024-05-01" }),
    );
    expect(aid.ngoOrgId).toBe(ids.orgs.adicor);
    const named = async (locale: string) => (await listGroupMembers(db.db, ids.groups.shops[4], locale)).find((x) => x.personId === m.personId)?.aids;
    expect(await named("fr")).toBe("Autre aide (Rampe d'accès), Tricycle");
    expect(await named("ar")).toBe("مساعدة أخرى (Rampe d'accès), دراجة ثلاثية العجلات");
    await expect(
      db.db.transaction((tx) => addAid(tx, org("ong-sahel", "ngo"), { personId: m.personId, aidType: "tricycle", details: "", receivedOn: "2024-05-01" })),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await db.db.transaction((tx) =>
      addDeclaredFigure(tx, org("ong-sahel", "ngo"), { metric: "group_revenue_mru", label: "x", declaredValue: 10, source: "test" }),
    );
    const sahel = await listDeclaredVsRecorded(db.db, org("ong-sahel", "ngo"));
    expect(sahel).toHaveLength(1);
    expect(sahel[0].recorded).toBeGreaterThan(0);
    // ADICOR's panel does not show ONG Sahel's figure; the consortium sees each member's once it
    // chooses that member (the dashboard's NGO filter), and nothing for a non-member.
    expect((await listDeclaredVsRecorded(db.db, org("adicor", "ngo"))).map((r) => r.source)).not.toContain("test");
    const acor = org("acor", "consortium");
    expect((await listDeclaredVsRecorded(db.db, acor, { ngo: ids.orgs["ong-sahel"] })).map((r) => r.source)).toContain("test");
    expect((await listDeclaredVsRecorded(db.db, acor, { ngo: ids.orgs.adicor })).map((r) => r.source)).not.toContain("test");
    // Counts of people follow the disclosure policy: ONG Sahel's 4 workshop women are its own to
    // see; the consortium reads "<5", and no difference that would give the count back.
    await db.db.transaction((tx) =>
      addDeclaredFigure(tx, org("ong-sahel", "ngo"), { metric: "workshop_women", label: "femmes", declaredValue: 6, source: "small" }),
    );
    const small = (rows: Awaited<ReturnType<typeof listDeclaredVsRecorded>>) => rows.find((r) => r.source === "small");
    expect(small(await listDeclaredVsRecorded(db.db, org("ong-sahel", "ngo"), {}, { orgType: "ngo", canSeePeople: true }))).toMatchObject({
      recorded: 4,
      difference: -2,
    });
    expect(small(await listDeclaredVsRecorded(db.db, acor, { ngo: ids.orgs["ong-sahel"] }, { orgType: "consortium", canSeePeople: false }))).toMatchObject({
      declared: 6,
      recorded: "<5",
      difference: "<5",
    });
    expect(await listDeclaredVsRecorded(db.db, acor)).toEqual([]);
  });

  it("changes a group's status with its version, and only by its NGO", async () => {
    const shop = ids.groups.shops[8];
    const [g] = await db.db.select().from(groups).where(eq(groups.id, shop));
    const input = { groupId: shop, status: "paused" as const, profitRule: "equal" as const, version: g.version };
    const r = await db.db.transaction((tx) => updateGroup(tx, org("adicor", "ngo"), input));
    expect(r.after).toMatchObject({ status: "paused", version: g.version + 1 });
    await expect(db.db.transaction((tx) => updateGroup(tx, org("adicor", "ngo"), input))).rejects.toMatchObject({ code: "conflict" });
    await expect(db.db.transaction((tx) => updateGroup(tx, org("ong-sahel", "ngo"), { ...input, version: g.version + 1 }))).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("has the activity types as reference data", async () => {
    expect(
      (
        await db.db
          .select()
          .from(activityTypes)
          .where(and(eq(activityTypes.kind, "individual")))
      )
        .map((a) => a.code)
        .sort(),
    ).toEqual(["fattening", "laundry"]);
  });
});
