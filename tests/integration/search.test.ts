/**
 * Issue 14, point 4: search. Names are found whatever their accents, case or script (the search
 * key of migration 0036), through the lists' own scoped queries as the application role (row-level
 * security applies): another NGO's people and groups never come back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { groups, people } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { rowsOf } from "@/db/app-role";
import { listPeoplePage } from "@/lib/people/search";
import { listGroupPage } from "@/lib/groups/queries";
import { listLedger } from "@/lib/groups/ledger-queries";
import { listObservations } from "@/lib/prices/queries";
import { amountOf, dateRangeOf } from "@/lib/search/query";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`search on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const ngo = (slug: "adicor" | "tadamoun") => ({ id: ids.orgs[slug], type: "ngo" as const });
  const findPeople = (slug: "adicor" | "tadamoun", q: string) =>
    db.asApp({ orgId: ids.orgs[slug] }, async (tx) => (await listPeoplePage(tx, ngo(slug), { q }, { size: 200 })).rows.map((r) => r.name));

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await db.db.insert(people).values([
      { ngoOrgId: ids.orgs.adicor, name: "Aïcha Mint Ahmedou", sex: "female", birthYear: 1988 },
      { ngoOrgId: ids.orgs.adicor, name: "محمد ولد سالم", sex: "male", birthYear: 1979 },
      { ngoOrgId: ids.orgs.adicor, name: "Khadijetou Mint Brahim", sex: "female", birthYear: 1992 },
      { ngoOrgId: ids.orgs.tadamoun, name: "Zeinabou Mint Tadamoun", sex: "female", birthYear: 1990 },
    ]);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("ignores accents and case", async () => {
    expect(await findPeople("adicor", "AICHA mint")).toContain("Aïcha Mint Ahmedou");
    expect(await findPeople("adicor", "aïcha")).toContain("Aïcha Mint Ahmedou");
    const khadijetou = await findPeople("adicor", "KHADIJETOU mint brahim");
    expect(khadijetou).toContain("Khadijetou Mint Brahim");
    expect(khadijetou).not.toContain("Aïcha Mint Ahmedou");
  });

  it("finds an Arabic name by its Latin spelling and a Latin name by its Arabic spelling", async () => {
    expect(await findPeople("adicor", "Mohamed ould Salem")).toContain("محمد ولد سالم");
    expect(await findPeople("adicor", "Mohammed")).toContain("محمد ولد سالم");
    expect(await findPeople("adicor", "عائشة")).toContain("Aïcha Mint Ahmedou");
    expect(await findPeople("adicor", "خديجة")).toContain("Khadijetou Mint Brahim");
    // Unrelated names stay out.
    expect(await findPeople("adicor", "محمد")).not.toContain("Aïcha Mint Ahmedou");
  });

  it("keeps the keyset pagination over the results", async () => {
    const whole = await db.asApp({ orgId: ids.orgs.adicor }, (tx) => listPeoplePage(tx, ngo("adicor"), { q: "mint" }, { size: 200 }));
    const all = whole.rows.map((r) => r.name);
    expect(all.length).toBeGreaterThan(4);
    const page = await db.asApp({ orgId: ids.orgs.adicor }, (tx) => listPeoplePage(tx, ngo("adicor"), { q: "mint" }, { size: 2 }));
    expect(page.rows.map((r) => r.name)).toEqual(all.slice(0, 2));
    expect(page.count).toBe(whole.count);
    const next = await db.asApp({ orgId: ids.orgs.adicor }, (tx) => listPeoplePage(tx, ngo("adicor"), { q: "mint" }, { size: 2, after: page.next }));
    expect(next.rows.map((r) => r.name)).toEqual(all.slice(2, 4));
  });

  it("never finds another NGO's person, through the list nor through the database", async () => {
    expect(await findPeople("tadamoun", "zeinabou tadamoun")).toEqual(["Zeinabou Mint Tadamoun"]);
    expect(await findPeople("adicor", "zeinabou tadamoun")).toEqual([]);
    expect(await findPeople("adicor", "زينب")).not.toContain("Zeinabou Mint Tadamoun");
    // Row-level security alone, without the list's own scope: ADICOR reads no such row.
    const raw = await db.asApp({ orgId: ids.orgs.adicor }, async (tx) =>
      rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from people where search_key like '%tadamoun%'`)),
    );
    expect(Number(raw[0].n)).toBe(0);
    // A consortium or a commune lists no person (person-level rows are the NGO's own).
    const commune = await db.asApp({ orgId: ids.orgs.fassala }, (tx) =>
      listPeoplePage(tx, { id: ids.orgs.fassala, type: "commune" }, { q: "mint" }, { size: 50 }),
    );
    expect(commune.rows).toEqual([]);
  });

  it("finds groups by name or village in either script, within the reader's scope", async () => {
    const [own] = await db.db
      .select({ name: groups.name })
      .from(groups)
      .where(sql`${groups.ngoOrgId} = ${ids.orgs.adicor}`)
      .limit(1);
    const [other] = await db.db
      .select({ name: groups.name })
      .from(groups)
      .where(sql`${groups.ngoOrgId} = ${ids.orgs.tadamoun}`)
      .limit(1);
    const find = (q: string) =>
      db.asApp({ orgId: ids.orgs.adicor }, async (tx) => (await listGroupPage(tx, ngo("adicor"), { q }, { size: 200 })).rows.map((r) => r.name));
    expect(await find(own.name.toUpperCase())).toContain(own.name);
    expect(await find(other.name)).not.toContain(other.name);
  });

  it("reads amounts and dates as readers type them", () => {
    expect(amountOf("1 500")).toBe(1500);
    expect(amountOf("1.500")).toBe(1500);
    expect(amountOf("12500")).toBe(12500);
    expect(amountOf("Mohamed")).toBeUndefined();
    expect(dateRangeOf("2024-05-12")).toEqual({ from: "2024-05-12", to: "2024-05-12" });
    expect(dateRangeOf("12/05/2024")).toEqual({ from: "2024-05-12", to: "2024-05-12" });
    expect(dateRangeOf("02/2024")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(dateRangeOf("2024-02-30")).toBeUndefined();
  });
});

describe(`ledger search on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
  });
  afterAll(async () => {
    await db?.destroy();
  });
  const find = (slug: "adicor" | "tadamoun", q: string) =>
    db.asApp({ orgId: ids.orgs[slug] }, (tx) => listLedger(tx, { id: ids.orgs[slug], type: "ngo" }, { q }, { page: { size: 200 } }));

  it("finds entries by amount (as typed, with spaces) and by day or month, within the NGO", async () => {
    const [e] = rowsOf<{ amount: number; day: string; n: number; month: number }>(
      await db.db.execute(sql`select amount::int as amount, occurred_on::text as day,
        (select count(*)::int from ledger_entries x where x.ngo_org_id = e.ngo_org_id and x.amount = e.amount and x.voided_at is null) as n,
        (select count(*)::int from ledger_entries x where x.ngo_org_id = e.ngo_org_id and x.voided_at is null
          and date_trunc('month', x.occurred_on) = date_trunc('month', e.occurred_on)) as month
        from ledger_entries e where e.ngo_org_id = ${ids.orgs.adicor} and e.voided_at is null and e.amount >= 1000 order by e.occurred_on, e.id limit 1`),
    );
    const spaced = String(e.amount).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    const byAmount = await find("adicor", spaced);
    expect(byAmount.rows.some((r) => r.amount === Number(e.amount))).toBe(true);
    expect(byAmount.rows.filter((r) => r.amount === Number(e.amount)).length).toBe(Math.min(Number(e.n), 200));
    const byDay = await find("adicor", e.day.split("-").reverse().join("/"));
    expect(byDay.count).toBeGreaterThan(0);
    expect(byDay.rows.some((r) => r.occurredOn === e.day)).toBe(true);
    const byMonth = await find("adicor", e.day.slice(0, 7));
    expect(byMonth.count).toBeGreaterThanOrEqual(Number(e.month));
    // Another NGO's ledger never comes back, whatever the query.
    const theirs = await find("tadamoun", spaced);
    const tadamounGroups = rowsOf<{ id: string }>(await db.db.execute(sql`select id from groups where ngo_org_id = ${ids.orgs.tadamoun}`)).map((g) => g.id);
    expect(theirs.rows.every((r) => tadamounGroups.includes(r.groupId))).toBe(true);
  });

  it("finds market observations by price, date and product name in another language or script", async () => {
    const [o] = rowsOf<{ price: number; day: string; nameAr: string; nameFr: string }>(
      await db.db.execute(sql`select o.price::int as price, o.observed_on::text as day, p.name_ar as "nameAr", p.name_fr as "nameFr"
        from market_observations o join products p on p.id = o.product_id where o.commune_org_id = ${ids.orgs.fassala} order by o.observed_on desc, o.id limit 1`),
    );
    const find = (q: string) => db.asApp({ orgId: ids.orgs.fassala }, async (tx) => (await listObservations(tx, ids.orgs.fassala, { size: 200 }, q)).rows);
    expect((await find(String(o.price))).every((r) => r.o.price === Number(o.price) || r.o.observedOn.includes(String(o.price)))).toBe(true);
    expect((await find(String(o.price))).length).toBeGreaterThan(0);
    const byDay = await find(o.day);
    expect(byDay.length).toBeGreaterThan(0);
    expect(byDay.every((r) => r.o.observedOn === o.day || r.product.nameAr === o.nameAr)).toBe(true);
    const byArabic = await find(o.nameAr);
    expect(byArabic.length).toBeGreaterThan(0);
    expect(byArabic.every((r) => r.product.nameFr === o.nameFr || r.product.nameAr === o.nameAr)).toBe(true);
    const byFrench = await find(o.nameFr.toUpperCase());
    expect(byFrench.some((r) => r.product.nameAr === o.nameAr)).toBe(true);
  });

  it("finds entries by their group's name, whatever the case", async () => {
    const [g] = await db.db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(sql`${groups.ngoOrgId} = ${ids.orgs.adicor}`)
      .limit(1);
    const r = await find("adicor", g.name.toLowerCase());
    expect(r.count).toBeGreaterThan(0);
    expect(r.rows.some((x) => x.groupId === g.id)).toBe(true);
  });
});
