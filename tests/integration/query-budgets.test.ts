/**
 * Query budgets (issue 10): each page's loader issues at most its budget of SQL statements, and
 * the count does not grow with the data (no N+1). Counted as the application role under the
 * tenant context, the way the page runs them (withTenantRead / withTenant).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { organisations, users } from "@/db/schema";
import { seedDemo, type DemoIds } from "@/db/seed/demo";
import type { Tx } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { loadDashboard, loadTotals } from "@/lib/groups/dashboard";
import { listDeclaredVsRecorded } from "@/lib/groups/declared";
import { listGroupFilterOptions } from "@/lib/groups/queries";
import { loadInclusionDashboard } from "@/lib/inclusion/dashboard";
import { inclusionParams } from "@/lib/inclusion/params";
import { loadCohesionPage, dashboardParams } from "@/lib/cohesion/page-data";
import { loadAdvocacySheet } from "@/lib/advocacy/sheet";
import { loadDashboard as loadPriceDashboard } from "@/lib/prices/dashboard";
import type { Reader } from "@/lib/privacy/suppress";
import { backend, createTestDb, type TestDb } from "../test-db";

let statements = 0;
const t = ((key: string) => key) as never;

describe(`query budgets on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let orgs: Record<string, TenantOrg>;

  beforeAll(async () => {
    db = await createTestDb({ onQuery: () => statements++ });
    ids = await seedDemo(db.db);
    const rows = await db.db.select().from(organisations);
    orgs = Object.fromEntries(rows.map((o) => [o.slug, { id: o.id, slug: o.slug, name: o.name, type: o.type }]));
  });
  afterAll(async () => db?.destroy());

  /** Statements the loader sends, without the transaction's own (begin, context, commit). */
  async function count(slug: string, load: (tx: Tx, org: TenantOrg, reader: Reader) => Promise<unknown>) {
    const org = orgs[slug];
    const [u] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, `viewer@${slug}.demo`));
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
        loadAdvocacySheet(tx, org, reader, { inclusion: t, cohesion: t, community: (c: string) => c } as never, "fr", new Date().toISOString().slice(0, 10)),
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
});
