/**
 * Query budgets (issue 10): each page's loader issues at most its budget of SQL statements, and
 * the count does not grow with the data (no N+1). Counted as the application role under the
 * tenant context, the way the page runs them (withTenantRead / withTenant).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { organisations, users } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { Tx } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { loadDashboard, loadTotals } from "@/lib/groups/dashboard";
import { listDeclaredVsRecorded } from "@/lib/groups/declared";
import { listGroupFilterOptions } from "@/lib/groups/queries";
import { loadInclusionDashboard } from "@/lib/inclusion/dashboard";
import { inclusionParams } from "@/lib/inclusion/params";
import { loadCohesionPage, dashboardParams } from "@/lib/cohesion/page-data";
import { loadAdvocacySheet } from "@/lib/advocacy/sheet";
import { compareParams } from "@/lib/compare/params";
import { loadCompareTable } from "@/lib/compare/table";
import { loadDashboard as loadPriceDashboard } from "@/lib/prices/dashboard";
import type { Reader } from "@/lib/privacy/suppress";
import { rowsOf } from "@/lib/groups/scope";
import { backend, createTestDb, type TestDb } from "../test-db";

let statements = 0;
const t = ((key: string) => key) as never;

describe(`query budgets on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let orgs: Record<string, TenantOrg>;

  beforeAll(async () => {
    // Data statements: a savepoint and its release (the comparison loads each column set in one,
    // lib/compare/table.ts) are transaction control, sent with no query of their own to plan.
    db = await createTestDb({ demo: true, onQuery: (q) => void (/^\s*(savepoint|release savepoint|rollback to savepoint)\b/i.test(q) ? 0 : statements++) });
    ids = await demoIds(db.db);
    const rows = await db.db.select().from(organisations);
    orgs = Object.fromEntries(rows.map((o) => [o.slug, { id: o.id, slug: o.slug, name: o.name, type: o.type }]));
  });
  afterAll(async () => db?.destroy());

  /** Statements the loader sends, without the transaction's own (begin, context, commit). */
  async function count(slug: string, load: (tx: Tx, org: TenantOrg, reader: Reader) => Promise<unknown>) {
    const org = orgs[slug];
    const [u] = await db.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, `viewer@${slug}.demo`));
    const reader: Reader = { orgType: org.type, canSeePeople: org.type === "ngo" };
    return db.asApp({ orgId: org.id, userId: u.id }, async (tx) => {
      const before = statements;
      await load(tx, org, reader);
      return statements - before;
    });
  }

  const pages: Record<string, { budget: number; load: (tx: Tx, org: TenantOrg, reader: Reader) => Promise<unknown> }> = {
    "revenue dashboard": {
      // count, revenue by NGO-level summary, by village, top groups; the individual card's two;
      // declared (3); filter options (2)
      budget: 11,
      load: async (tx, org) => {
        await loadDashboard(tx, org, {}, "fr");
        await loadTotals(tx, org, { kind: "individual" });
        await listDeclaredVsRecorded(tx, org);
        await listGroupFilterOptions(tx, org);
      },
    },
    inclusion: { budget: 6, load: (tx, org, reader) => loadInclusionDashboard(tx, org, reader, inclusionParams({}), t, "fr") },
    cohesion: { budget: 14, load: (tx, org, reader) => loadCohesionPage(tx, org, reader, dashboardParams({}), t, "fr") },
    advocacy: {
      budget: 20,
      load: (tx, org, reader) =>
        loadAdvocacySheet(tx, org, reader, { inclusion: t, cohesion: t, community: (c: string) => c }, "fr", new Date().toISOString().slice(0, 10)),
    },
  };

  for (const [page, { budget, load }] of Object.entries(pages)) {
    it(`${page}: within ${budget} statements for every kind of reader`, async () => {
      for (const slug of ["adicor", "fassala", "femmes-fassala", "acor"]) {
        const n = await count(slug, load);
        expect(n, `${page} as ${slug}`).toBeLessThanOrEqual(budget);
      }
    });
  }

  it("the price dashboard stays within its budget", async () => {
    const n = await count("fassala", (tx, org) => loadPriceDashboard(tx, org.id, new Date().toISOString().slice(0, 10)));
    expect(n).toBeLessThanOrEqual(12);
  });

  it("no count grows with the data: ten more groups with sales, members and declared figures", async () => {
    const before: Record<string, number> = {};
    for (const [page, { load }] of Object.entries(pages)) before[page] = await count("acor", load);
    // More of everything in the consortium's scope.
    await db.db.execute(sql`
      insert into groups (ngo_org_id, village_id, activity_type, name, start_date)
      select ${ids.orgs.adicor}, ${Object.values(ids.places.settlements)[0]}, 'shop', 'Budget ' || n, '2024-01-01' from generate_series(1, 10) n`);
    await db.db.execute(sql`
      insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency)
      select g.ngo_org_id, g.id, 'sale', date '2024-02-01' + n, 100 * n, 'MRU' from groups g, generate_series(1, 30) n where g.name like 'Budget %'`);
    await db.db.execute(sql`insert into declared_figures (org_id, metric, label, declared_value, source)
      select ${ids.orgs.adicor}, 'group_revenue_mru', 'extra ' || n, n, 'test' from generate_series(1, 5) n`);
    for (const [page, { load }] of Object.entries(pages)) expect(await count("acor", load), page).toBe(before[page]);
  });

  it("the consortium's comparison: a fixed number of statements, however many members", async () => {
    const compare = (sp: Record<string, string>) => (tx: Tx, org: TenantOrg, reader: Reader) =>
      loadCompareTable(tx, org, reader, compareParams(sp), t, (x) => x);
    const all = compare({});
    const cut = compare({ from: "2024-01-15", to: "2024-11-20", currency: "MRU" });
    // members; the consortium's latest quarter (3); accounts, groups; revenue; inclusion; cohesion (2)
    const budget = 10;
    const before = { all: await count("acor", all), cut: await count("acor", cut) };
    expect(before.all).toBeLessThanOrEqual(budget);
    expect(before.cut).toBeLessThanOrEqual(budget);
    // Three more members (an NGO working in Fassala, a commune, a network), with groups and sales.
    const org = async (slug: string, type: "ngo" | "commune" | "cooperative_network", territory: string | null = null) => {
      const [o] = await db.db.insert(organisations).values({ slug, name: slug, type, territoryPlaceId: territory }).returning();
      await db.db.execute(sql`insert into consortium_members (consortium_id, member_org_id) values (${ids.orgs.acor}, ${o.id})`);
      return o.id;
    };
    const [{ id: commune }] = rowsOf<{ id: string }>(
      await db.db.execute(sql`insert into places (level, name, parent_id) values ('commune', 'Budget', ${ids.places.moughataa}) returning id`),
    );
    const [{ id: village }] = rowsOf<{ id: string }>(
      await db.db.execute(sql`insert into places (level, name, parent_id, community) values ('village', 'Budget village', ${commune}, 'host') returning id`),
    );
    const ngo = await org("ong-budget", "ngo");
    await org("commune-budget", "commune", commune);
    const network = await org("reseau-budget", "cooperative_network");
    await db.db.execute(sql`insert into org_communes (org_id, commune_org_id) values (${ngo}, ${ids.orgs.fassala})`);
    await db.db.execute(sql`
      insert into groups (ngo_org_id, network_org_id, village_id, activity_type, name, start_date)
      select ${ngo}, ${network}, v, 'shop', 'Budget member ' || n, '2024-01-01'
      from generate_series(1, 4) n, (values (${village}::uuid), (${Object.values(ids.places.settlements)[0]}::uuid)) s(v)`);
    await db.db.execute(sql`
      insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency)
      select g.ngo_org_id, g.id, 'sale', date '2024-01-10' + n * 7, 100 * n, 'MRU' from groups g, generate_series(1, 40) n where g.ngo_org_id = ${ngo}`);
    const { table } = await db.asApp({ orgId: ids.orgs.acor }, (tx) =>
      loadCompareTable(tx, orgs.acor, { orgType: "consortium", canSeePeople: false }, compareParams({}), t, (x) => x),
    );
    const groupsCol = table.columns.findIndex((c) => c.key === "groups");
    // The new members are compared, each with its groups.
    expect(table.rows.filter((r) => String(r[0]).endsWith("-budget")).map((r) => [r[0], r[groupsCol]])).toEqual([
      ["ong-budget", 8],
      ["commune-budget", 4],
      ["reseau-budget", 8],
    ]);
    expect(await count("acor", all)).toBe(before.all);
    expect(await count("acor", cut)).toBe(before.cut);
  });
});
