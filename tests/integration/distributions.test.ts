/**
 * Profit distributions (issue 12, point 3): the profit converts both currencies at the dated
 * rate of each month, and a group's distributions may not overlap, whoever writes them (the
 * service, a raw INSERT as the owner or as the application, two writers at the same moment).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { exchangeRates, groupMemberships, ngoSettings, people, profitDistributions, users } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { createGroup, recordDistribution, recordEntry } from "@/lib/groups/service";
import { appErrorFromDb } from "@/lib/db-errors";
import { convertAmount } from "@/lib/money";
import type { Tx } from "@/db/client";
import { failure, shown } from "../refusals";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`profit distributions on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: string;
  let group: string;
  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const asAdicor = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor, userId: editor }, fn);
  const entry = (kind: "sale" | "stock_purchase" | "other_expense", occurredOn: string, amount: number, currency: "MRU" | "XOF") =>
    asAdicor((tx) => recordEntry(tx, adicor(), editor, { groupId: group, kind, occurredOn, amount, currency, note: "", confirm: undefined }));
  const distribute = (periodFrom: string, periodTo: string, currency: "MRU" | "XOF") =>
    asAdicor((tx) => recordDistribution(tx, adicor(), editor, { groupId: group, periodFrom, periodTo, currency }));

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    [{ id: editor }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
    // The NGO records its groups' history from 2015, before the first rate (2018-01-01).
    await db.db.insert(ngoSettings).values({ ngoOrgId: ids.orgs.adicor, dateFloor: "2015-01-01" });
    // A group of its own, with two members, so that the figures below are the only ones.
    const g = await asAdicor((tx) =>
      createGroup(tx, adicor(), {
        name: "Atelier de teinture (test des répartitions)",
        activityType: "shop",
        villageId: ids.places.settlements["Tenhamed"],
        startDate: "2015-01-01",
        startingCapitalAmount: 0,
        startingCapitalCurrency: "MRU",
        profitRule: "equal",
      }),
    );
    group = g.id;
    // Two of the NGO's people (memberships may overlap across groups in the data model).
    const members = await db.db.select({ id: people.id }).from(people).where(eq(people.ngoOrgId, ids.orgs.adicor)).limit(2);
    await db.db.insert(groupMemberships).values(members.map((p) => ({ groupId: group, personId: p.id, joinedOn: "2015-01-01" })));
  });
  afterAll(async () => db?.destroy());

  it("converts both currencies at each month's rate: an XOF purchase reduces an MRU profit", async () => {
    await entry("sale", "2023-03-10", 20_000, "MRU");
    await entry("sale", "2023-08-10", 1_000, "MRU");
    await entry("stock_purchase", "2023-03-12", 82_000, "XOF");
    await entry("other_expense", "2023-08-12", 16_400, "XOF");
    await entry("sale", "2023-05-20", 49_200, "XOF");
    const rates = await db.db.select().from(exchangeRates);
    const rateOf = (d: string) => rates.filter((r) => r.validFrom <= d).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0].xofPerMru;
    // Per kind, converted then summed as the dashboard does (rounded once per kind).
    const expectedMru =
      21_000 +
      convertAmount(49_200, "XOF", "MRU", rateOf("2023-05-20")) -
      convertAmount(82_000, "XOF", "MRU", rateOf("2023-03-12")) -
      convertAmount(16_400, "XOF", "MRU", rateOf("2023-08-12"));
    const { distribution, shares } = await distribute("2023-01-01", "2023-12-31", "MRU");
    expect(distribution.profit).toBe(expectedMru);
    expect(distribution.profit).toBeLessThan(21_000 + 3_000); // not the MRU lines alone
    expect(shares.reduce((s, x) => s + x.amount, 0)).toBe(distribution.profit);
  });

  it("refuses a distribution that overlaps another of the group, whatever its currency, and accepts the next period", async () => {
    const e = await shown(distribute("2023-12-01", "2024-02-29", "XOF"));
    expect(e.fieldErrors).toMatchObject({ periodFrom: "distributionsOverlap" });
    expect(e.values).toMatchObject({ from: "2023-01-01", to: "2023-12-31" });
    await entry("sale", "2024-01-15", 5_000, "MRU");
    const next = await distribute("2024-01-01", "2024-01-31", "MRU");
    expect(next.distribution.profit).toBe(5_000);
    const count = await db.db.select({ id: profitDistributions.id }).from(profitDistributions).where(eq(profitDistributions.groupId, group));
    expect(count).toHaveLength(2);
  });

  it("refuses the overlap written by hand, as the owner and as the application", async () => {
    const raw = { groupId: group, periodFrom: "2023-06-01", periodTo: "2023-06-30", currency: "XOF" as const, profit: 100, rule: "equal" as const };
    const asOwner = await failure(db.db.insert(profitDistributions).values(raw));
    expect(appErrorFromDb(asOwner)?.fieldErrors).toMatchObject({ periodFrom: "distributionsOverlap" });
    const asApp = await failure(asAdicor((tx) => tx.insert(profitDistributions).values({ ...raw, periodFrom: "2024-01-31", periodTo: "2024-02-10" })));
    expect(appErrorFromDb(asApp)?.fieldErrors).toMatchObject({ periodFrom: "distributionsOverlap" });
    // Moving a distribution onto another's period is refused too.
    const [last] = await db.db
      .select()
      .from(profitDistributions)
      .where(and(eq(profitDistributions.groupId, group), eq(profitDistributions.periodFrom, "2024-01-01")));
    const moved = await failure(db.db.update(profitDistributions).set({ periodFrom: "2023-12-31" }).where(eq(profitDistributions.id, last.id)));
    expect(appErrorFromDb(moved)?.fieldErrors).toMatchObject({ periodFrom: "distributionsOverlap" });
  });

  it("refuses a distribution when amounts in the other currency have no rate on their date", async () => {
    await entry("stock_purchase", "2017-03-05", 3_000, "XOF");
    await entry("sale", "2017-03-20", 4_000, "MRU");
    const e = await shown(distribute("2017-03-01", "2017-03-31", "MRU"));
    expect(e.fieldErrors).toMatchObject({ periodFrom: "profitNeedsRate" });
    expect(e.values).toMatchObject({ count: 1, currency: "XOF" });
    // In XOF, the MRU sale is the one without a rate.
    const x = await shown(distribute("2017-03-01", "2017-03-31", "XOF"));
    expect(x.values).toMatchObject({ count: 1, currency: "MRU" });
    // Amounts of the distribution's own currency need no rate.
    await entry("sale", "2016-05-20", 4_500, "MRU");
    const ok = await distribute("2016-05-01", "2016-05-31", "MRU");
    expect(ok.distribution.profit).toBe(4_500);
  });

  it.runIf(backend === "postgres")("lets one of two overlapping distributions written at the same moment through", async () => {
    const url = db.ownerUrl as string;
    const open = () => postgres(url, { max: 1, onnotice: () => {}, connection: { "app.maintenance": "on" } });
    const a = open();
    const b = open();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      const insert = (c: postgres.Sql, from: string, to: string) =>
        c.begin(async (t) => {
          await t`insert into profit_distributions (group_id, period_from, period_to, currency, profit, rule) values (${group}, ${from}, ${to}, 'MRU', 10, 'equal')`;
          await sleep(400);
        });
      const outcomes = await Promise.all([
        insert(a, "2025-01-01", "2025-01-31").then(
          () => "ok",
          (e: { code?: string }) => e.code,
        ),
        sleep(100).then(() =>
          insert(b, "2025-01-15", "2025-02-15").then(
            () => "ok",
            (e: { code?: string }) => e.code,
          ),
        ),
      ]);
      expect(outcomes).toEqual(["ok", "TK009"]);
      const rows = await a`select count(*)::int as n from profit_distributions where group_id = ${group} and period_to >= '2025-01-01'`;
      expect(rows[0].n).toBe(1);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
