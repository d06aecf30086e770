/**
 * Business plans against results, and internal rules (issue 17, points 3 and 4): each change of a
 * plan or of the rules is a new version and the old ones are kept; a quarter's sales and margin come
 * from the ledger (its rollups) in the plan's currency, and a gap beyond the threshold is flagged;
 * members acknowledge the version in force.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { businessPlans, groupMemberships, people, quarterLocks, ruleAcknowledgements, users } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { createGroup, recordEntry } from "@/lib/groups/service";
import { acknowledgeRules, loadRules, savePlan, saveRules } from "@/lib/plans/service";
import { loadPlanPage } from "@/lib/plans/load";
import { planAgainstResults } from "@/lib/plans/results";
import { quarterOf, previousQuarter, quarterBounds } from "@/lib/quarters/quarter";
import { addDays, today } from "@/lib/dates";
import type { Tx } from "@/db/client";
import { shown, sqlState } from "../refusals";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`business plans and internal rules on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: string;
  let group: string;
  let members: string[];
  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const asAdicor = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor, userId: editor }, fn);
  // The last complete quarter: its figures are compared and flagged.
  const last = quarterBounds(previousQuarter(quarterOf(today())));
  const entry = (kind: "sale" | "stock_purchase", occurredOn: string, amount: number) =>
    asAdicor((tx) => recordEntry(tx, adicor(), editor, { groupId: group, kind, occurredOn, amount, currency: "MRU", note: "", confirm: "ok" }));

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    [{ id: editor }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
    const g = await asAdicor((tx) =>
      createGroup(tx, adicor(), {
        name: "Boutique (test du plan)",
        activityType: "shop",
        villageId: ids.places.settlements["Tenhamed"],
        startDate: "2024-01-01",
        startingCapitalAmount: 50_000,
        startingCapitalCurrency: "MRU",
        profitRule: "equal",
      }),
    );
    group = g.id;
    const ps = await db.db.select({ id: people.id }).from(people).where(eq(people.ngoOrgId, ids.orgs.adicor)).limit(3);
    const ms = await db.db
      .insert(groupMemberships)
      .values(ps.map((p) => ({ groupId: group, personId: p.id, joinedOn: "2024-01-01" })))
      .returning({ id: groupMemberships.id });
    members = ms.map((m) => m.id);
    // The demo locks its past quarters: this test records last quarter's figures.
    await db.db
      .update(quarterLocks)
      .set({ unlockedAt: new Date(), unlockedBy: editor, unlockReason: "plan test" })
      .where(and(eq(quarterLocks.ngoOrgId, ids.orgs.adicor), isNull(quarterLocks.unlockedAt)));
  }, 120_000);
  afterAll(async () => db?.destroy());

  it("keeps every version of the plan, and refuses a change made on an outdated version", async () => {
    const v1 = await asAdicor((tx) =>
      savePlan(tx, adicor(), editor, {
        groupId: group,
        loadedVersion: 0,
        currency: "MRU",
        plannedCapital: 50_000,
        monthlySales: 20_000,
        marginPct: 30,
        reorderDays: 10,
        note: "",
      }),
    );
    const v2 = await asAdicor((tx) =>
      savePlan(tx, adicor(), editor, {
        groupId: group,
        loadedVersion: 1,
        currency: "MRU",
        plannedCapital: 50_000,
        monthlySales: 10_000,
        marginPct: 25,
        reorderDays: 14,
        note: "Revu avec les membres",
      }),
    );
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const stale = await shown(
      asAdicor((tx) =>
        savePlan(tx, adicor(), editor, {
          groupId: group,
          loadedVersion: 1,
          currency: "MRU",
          plannedCapital: 1,
          monthlySales: 1,
          marginPct: 1,
          reorderDays: 1,
          note: "",
        }),
      ),
    );
    expect(stale.code).toBe("conflict");
    const rows = await db.db.select().from(businessPlans).where(eq(businessPlans.groupId, group));
    expect(rows.map((r) => [r.version, r.monthlySales]).sort()).toEqual([
      [1, 20_000],
      [2, 10_000],
    ]);
    const page = await asAdicor((tx) => loadPlanPage(tx, group));
    expect(page.current?.plan.version).toBe(2);
    // Who wrote each version, and when.
    expect(page.versions.every((v) => v.plan.createdBy === editor && v.by)).toBe(true);
  });

  it("computes the last quarter's sales and margin from the ledger against the plan then in force, and flags sales 65 % below it", async () => {
    // Both versions were written today: last quarter is compared with the first (20 000 a month,
    // 30 %, every 10 days). 21 000 sold against 60 000 planned; 15 750 of stock: a 25 % margin.
    await entry("sale", addDays(last.start, 5), 12_000);
    await entry("sale", addDays(last.start, 40), 9_000);
    await entry("stock_purchase", addDays(last.start, 2), 5_250);
    await entry("stock_purchase", addDays(last.start, 16), 5_250);
    await entry("stock_purchase", addDays(last.start, 30), 5_250);
    const page = await asAdicor((tx) => loadPlanPage(tx, group));
    const q = page.results.find((r) => r.quarter === quarterOf(last.start))!;
    expect(q).toMatchObject({ planVersion: 1, sales: 21_000, plannedSales: 60_000, margin: 25, plannedMargin: 30, restocks: 3, rhythm: 14, inProgress: false });
    expect(q.flags).toEqual(["salesBelow"]);
    // The quarter in progress is shown against the version in force now, and not flagged yet.
    expect(page.results.at(-1)).toMatchObject({ inProgress: true, planVersion: 2, flags: [] });
    // 30 000 more sold (51 000: 15 % below) with 20 000 more stock (a 30 % margin): no gap left.
    await entry("sale", addDays(last.start, 50), 30_000);
    await entry("stock_purchase", addDays(last.start, 44), 20_000);
    const versions = (await asAdicor((tx) => loadPlanPage(tx, group))).versions.map((v) => v.plan);
    const again = (await asAdicor((tx) => planAgainstResults(tx, group, versions))).find((r) => r.quarter === quarterOf(last.start))!;
    expect(again).toMatchObject({ sales: 51_000, margin: 30, rhythm: 14 });
    expect(again.flags).toEqual([]);
  });

  it("keeps the rules' versions and shows who acknowledged the version in force", async () => {
    const r1 = await asAdicor((tx) =>
      saveRules(tx, adicor(), editor, { groupId: group, loadedVersion: 0, body: "Chaque membre paie sa cotisation le premier du mois." }),
    );
    await asAdicor((tx) =>
      acknowledgeRules(tx, adicor(), editor, { groupId: group, rulesId: r1.id, acknowledgedOn: "2025-02-01", membershipIds: [members[0], members[1]] }),
    );
    const r2 = await asAdicor((tx) =>
      saveRules(tx, adicor(), editor, { groupId: group, loadedVersion: 1, body: "Cotisation le premier du mois ; crédit limité à 500 MRU." }),
    );
    // The new version has no acknowledgement yet; one for the old version is refused.
    const old = await shown(
      asAdicor((tx) => acknowledgeRules(tx, adicor(), editor, { groupId: group, rulesId: r1.id, acknowledgedOn: "2025-03-01", membershipIds: [members[2]] })),
    );
    expect(old.code).toBe("conflict");
    await asAdicor((tx) =>
      acknowledgeRules(tx, adicor(), editor, { groupId: group, rulesId: r2.id, acknowledgedOn: "2025-03-02", membershipIds: [members[2]] }),
    );
    const rules = await asAdicor((tx) => loadRules(tx, group));
    expect(rules.versions.map((v) => v.rules.version)).toEqual([2, 1]);
    expect(rules.current?.id).toBe(r2.id);
    expect(rules.acks.map((a) => [a.membershipId, a.on])).toEqual([[members[2], "2025-03-02"]]);
    expect(rules.acks[0].by).toBeTruthy();
    const firstAcks = await db.db.select().from(ruleAcknowledgements).where(eq(ruleAcknowledgements.rulesId, r1.id));
    expect(firstAcks).toHaveLength(2);
  });

  it("refuses, in the database, an acknowledgement by someone outside the group and a plan written for another NGO's group", async () => {
    const { rules } = await asAdicor(async (tx) => ({ rules: (await loadRules(tx, group)).current }));
    const [stranger] = await db.db.select({ id: groupMemberships.id }).from(groupMemberships).where(eq(groupMemberships.groupId, ids.groups.shops[0])).limit(1);
    const e = await shown(
      asAdicor((tx) => tx.insert(ruleAcknowledgements).values({ rulesId: rules.id, membershipId: stranger.id, acknowledgedOn: "2025-03-03" })),
    );
    expect(e.messageKey).toBe("notGroupMember");
    // Row-level security: another NGO cannot write this group's plan.
    const other = await sqlState(
      db.asApp({ orgId: ids.orgs.tadamoun, userId: null }, (tx) =>
        tx.insert(businessPlans).values({ groupId: group, version: 9, currency: "MRU", plannedCapital: 1, monthlySales: 1, marginPct: 1, reorderDays: 1 }),
      ),
    );
    expect(other).toBe("42501");
  });
});
