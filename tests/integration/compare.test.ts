/**
 * The consortium's comparison (issue 10): every column set loads all members at once, and gives
 * exactly the cells of the per-member loaders (the dashboards' own: revenueBy, aggregateInclusion,
 * aggregateSurveys, countMembers), so the page, its export and the drill-down agree. Both are
 * computed under the consortium's tenant context, as the page runs them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { groupMemberships, managerTeams, managerTerms, organisations, people } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { Tx } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { compareColumnSets, type CompareColumnSet, type CompareContext } from "@/lib/compare/columns";
import type { CompareParams } from "@/lib/compare/params";
import { loadCompareCells, loadCompareContext, loadCompareTable } from "@/lib/compare/table";
import type { CellValue } from "@/lib/exports/table";
import { listSurveyQuarters } from "@/lib/cohesion/queries";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import { rowsOf } from "@/lib/groups/scope";
import type { Reader } from "@/lib/privacy/suppress";
import { backend, createTestDb, type TestDb } from "../test-db";

const readers: Reader[] = [
  { orgType: "consortium", canSeePeople: false },
  { orgType: "consortium", canSeePeople: true },
];
// Ends fall on days with sales (the demo's sales are dated the 10th and the 20th to the 27th).
const periods: Omit<CompareParams, "currency">[] = [
  {},
  { from: "2024-01-25", to: "2024-11-20" }, // both ends cut a month
  { from: "2023-03-01", to: "2024-06-30" }, // whole months only
  { from: "2024-02-10" }, // open end
  { to: "2023-05-25" }, // open start
  { from: "2024-03-10", to: "2024-03-25" }, // inside one month
  { from: "2021-07-10", to: "2022-02-10" }, // from before the first rate
  { from: "2024-06-01", to: "2024-05-31" }, // empty
];

/** The reference: each member's cells from the per-member loaders, one member after the other. */
async function cellsOneByOne(tx: Tx, sets: readonly CompareColumnSet[], members: readonly TenantOrg[], ctx: CompareContext): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  for (const m of members) {
    const cells: CellValue[] = [];
    for (const set of sets) cells.push(...(await set.load(tx, m, ctx)));
    rows.push(cells);
  }
  return rows;
}

const revenueSets = compareColumnSets.filter((s) => s.id === "revenue");
const LONG = 300_000;

describe(`consortium comparison on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let acor: TenantOrg;
  const as = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: acor.id }, fn);
  const col = (k: string) => compareColumnSets.flatMap((s) => s.columns.map((c) => c.key)).indexOf(k);

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    const [o] = await db.db.select().from(organisations).where(eq(organisations.slug, "acor"));
    acor = { id: o.id, slug: o.slug, name: o.name, type: o.type };
  });
  afterAll(async () => db?.destroy());

  /**
   * Both ways, for each variation of the page's context; returns the batched cells. The
   * consortium itself is compared too (after its members), so that its scope rule is checked.
   */
  async function expectSameCells(sets: readonly CompareColumnSet[], vary: (ctx: CompareContext) => CompareContext[]) {
    return as(async (tx) => {
      const { members, ctx } = await loadCompareContext(tx, acor, readers[0], { currency: "XOF" });
      const all = [...members, acor];
      const seen: CellValue[][][] = [];
      for (const c of vary(ctx)) {
        const { rows: batched, unavailable } = await loadCompareCells(tx, all, c, sets);
        expect(unavailable).toEqual([]);
        expect(batched, JSON.stringify({ params: c.params, reader: c.reader, on: c.on, quarter: c.quarter })).toEqual(await cellsOneByOne(tx, sets, all, c));
        seen.push(batched);
      }
      return seen;
    });
  }
  const everyPeriod = (ctx: CompareContext) => periods.flatMap((p) => (["XOF", "MRU"] as const).map((currency) => ({ ...ctx, params: { ...p, currency } })));

  it(
    "gives exactly the per-member revenue for every period and currency",
    async () => {
      const seen = (await expectSameCells(revenueSets, everyPeriod)).flat();
      expect(seen.filter((r) => typeof r[0] === "number" && r[0] > 0).length).toBeGreaterThan(periods.length);
    },
    LONG,
  );

  it(
    "gives exactly the per-member cells for both readers, other reference dates and quarters",
    async () => {
      const quarters = await as(async (tx) =>
        listSurveyQuarters(
          tx,
          (await listVisibleVillages(tx, acor)).map((v) => v.id),
        ),
      );
      expect(quarters.length).toBeGreaterThan(1);
      const seen = await expectSameCells(compareColumnSets, (ctx) => [
        ...readers.map((reader) => ({ ...ctx, reader })),
        { ...ctx, on: "2024-12-31", quarter: quarters[1] },
        { ...ctx, on: "2023-06-30", quarter: quarters[quarters.length - 1], params: { currency: "MRU" as const, from: "2023-02-11" } },
        { ...ctx, quarter: undefined },
      ]);
      const rows = seen.flat();
      expect(rows.some((r) => (r[col("activeMembers")] as number) > 100 && (r[col("respondents")] as number) > 0)).toBe(true);
    },
    LONG,
  );

  it(
    "still agrees with a new small member, leavers, a team that has not served, a second membership, voided and early sales",
    async () => {
      const [shop0, shop1, shop2] = ids.groups.shops;
      const gm = await db.db.select().from(groupMemberships).where(eq(groupMemberships.groupId, shop0)).limit(3);
      await db.db.update(groupMemberships).set({ leftOn: "2024-10-31" }).where(eq(groupMemberships.id, gm[0].id));
      await db.db.update(people).set({ wgWalking: "cannot" }).where(eq(people.id, gm[1].personId));
      // The same person active in a second group: counted once per organisation.
      await db.db.insert(groupMemberships).values({ groupId: shop1, personId: gm[1].personId, joinedOn: "2024-01-01" });
      const [team] = await db.db.insert(managerTeams).values({ groupId: shop2, name: "Équipe nouvelle" }).returning();
      await db.db.insert(managerTerms).values({ groupId: shop2, teamId: team.id, startsOn: "2030-01-01", endsOn: "2030-06-30" });
      await db.db.execute(sql`
      insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency)
      select g.ngo_org_id, g.id, 'sale', d::date, 1234, c::currency
      from groups g, (values ('2021-07-10'), ('2024-03-12'), ('2024-11-05')) v(d), (values ('XOF'), ('MRU')) w(c)
      where g.id = ${shop1}`);
      await db.db.execute(sql`update ledger_entries set voided_at = now(), void_reason = 'test'
      where group_id = ${shop1} and occurred_on = '2024-03-12' and currency = 'XOF'`);
      // A new member: a network with one group of three active members (small cells).
      const [net] = await db.db.insert(organisations).values({ slug: "reseau-test", name: "Réseau test", type: "cooperative_network" }).returning();
      await db.db.execute(sql`insert into consortium_members (consortium_id, member_org_id) values (${acor.id}, ${net.id})`);
      const [g] = rowsOf<{ id: string }>(
        await db.db.execute(sql`insert into groups (ngo_org_id, network_org_id, village_id, activity_type, name, start_date)
        select ngo_org_id, ${net.id}, village_id, activity_type, 'Petit groupe', '2024-01-01' from groups where id = ${shop0} returning id`),
      );
      await db.db.insert(groupMemberships).values(gm.map((m) => ({ groupId: g.id, personId: m.personId, joinedOn: "2024-01-01" })));
      await db.db.execute(sql`insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency)
      select ngo_org_id, id, 'sale', '2024-05-02', 500, 'MRU' from groups where id = ${g.id}`);

      const seen = await expectSameCells(compareColumnSets, (ctx) => [
        ctx,
        { ...ctx, on: "2024-12-31", params: { currency: "MRU", from: "2024-03-01", to: "2024-11-10" } },
      ]);
      const small = seen[0].find((r) => r[col("groups")] === 1);
      expect(small?.[col("activeMembers")]).toBe("<5");
      await expectSameCells(revenueSets, everyPeriod);
    },
    LONG,
  );

  it(
    "is what the page and the export show",
    async () => {
      const t = ((k: string) => k) as never;
      const { table, sameFigures, unavailable } = await as((tx) => loadCompareTable(tx, acor, readers[0], { currency: "XOF" }, t, (x) => x));
      const reference = await as(async (tx) => {
        const { members, ctx } = await loadCompareContext(tx, acor, readers[0], { currency: "XOF" });
        return (await cellsOneByOne(tx, compareColumnSets, members, ctx)).map((cells, i) => [members[i].name, members[i].type, ...cells]);
      });
      expect(table.rows).toEqual(reference);
      expect(unavailable).toEqual([]);
      expect(table.rows.length).toBe(6); // the demo's five members and the network added above
      // In the demo each NGO supports every group of its commune: the page explains their equal rows.
      expect(sameFigures).toEqual([
        ["ADICOR — Appui au Développement Intégré des Communautés rurales", "Commune de Fassala"],
        ["ONG Sahel", "Commune de Bassikounou"],
      ]);
    },
    LONG,
  );

  it(
    "shows the other columns when one set outruns the statement timeout, and names it",
    async () => {
      // A set that takes longer than its statement may: on PostgreSQL a real timeout; PGlite has no
      // timer, so there the driver's error for it (SQLSTATE 57014) is raised by the statement itself.
      const slow: CompareColumnSet = {
        id: "slow",
        columns: [{ key: "slow", labelKey: "col.slow", hxl: "#x" }],
        load: async () => [1],
        async loadAll(tx, members) {
          if (backend === "postgres") {
            await tx.execute(sql`select set_config('statement_timeout', '50', true)`);
            await tx.execute(sql`select pg_sleep(2)`);
          } else {
            await tx.execute(sql`do $$ begin raise exception 'canceling statement due to statement timeout' using errcode = '57014'; end $$`);
          }
          return members.map(() => [1]);
        },
      };
      const { rows, unavailable } = await as(async (tx) => {
        const { members, ctx } = await loadCompareContext(tx, acor, readers[0], { currency: "XOF" });
        const out = await loadCompareCells(tx, members, ctx, [revenueSets[0], slow, revenueSets[0]]);
        // The transaction goes on after the savepoint is rolled back.
        expect(rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from groups`))[0].n).toBeGreaterThan(0);
        return out;
      });
      expect(unavailable).toEqual(["slow"]);
      const width = revenueSets[0].columns.length;
      for (const r of rows) {
        expect(r[width]).toBeNull();
        expect(r.slice(0, width)).toEqual(r.slice(width + 1));
      }
      expect(rows.some((r) => typeof r[0] === "number" && r[0] > 0)).toBe(true);
    },
    LONG,
  );
});
