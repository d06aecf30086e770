/**
 * Issue 11.3 in the database: the rows of people, households and technical aids are readable,
 * as the application role, only by the NGO that supports the people (the one organisation with
 * `people:read` on them), and so are customers' names (customer_credit_names, migration 0040).
 * The consortium, the commune and the network read none, yet their
 * aggregate pages (inclusion, the comparison, cohesion from the records, declared vs recorded)
 * keep their figures: those come from counting functions (migration 0037) that return counts only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { Tx } from "@/db/client";
import { loadCohesionDashboard } from "@/lib/cohesion/dashboard";
import { loadCompareTable } from "@/lib/compare/table";
import { listDeclaredVsRecorded } from "@/lib/groups/declared";
import { recordCreditSale } from "@/lib/groups/service";
import { groupScopeSql, rowsOf } from "@/lib/groups/scope";
import { loadInclusionDashboard } from "@/lib/inclusion/dashboard";
import { aggregateInclusionOfOrgs } from "@/lib/inclusion/compare-batch";
import { aggregateInclusion, countAidsByType } from "@/lib/inclusion/queries";
import type { Reader } from "@/lib/privacy/suppress";
import { backend, createTestDb, type TestDb } from "../test-db";
import { demoOrgTypes, type DemoSlug } from "../demo-orgs";

const t = (key: string, v?: Record<string, string | number>) => (v ? `${key} ${Object.values(v).join(" ")}` : key);
const ON = "2026-11-29";
type Slug = DemoSlug;
const types = demoOrgTypes;
const readerFor = (slug: Slug): Reader => ({ orgType: types[slug], canSeePeople: types[slug] === "ngo" });
const groupReaders = ["acor", "fassala", "femmes-fassala"] as const;
const personTables = ["people", "households", "technical_aids"] as const;

describe(`person-level rows only to the supporting NGO, in the database, on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const org = (slug: Slug) => ({ id: ids.orgs[slug], slug, name: slug, type: types[slug] });
  const as = <T>(slug: Slug, fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs[slug] }, fn);
  const countAs = (slug: Slug, table: string) =>
    as(slug, async (tx) => Number(rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0].n));
  /** Rows of `table` belonging to the people of the groups `slug` reads, counted as the owner. */
  const ownerCount = async (slug: Slug, table: (typeof personTables)[number]) => {
    const people = sql`select gm.person_id from group_memberships gm join groups g on g.id = gm.group_id where ${groupScopeSql(org(slug), "g")}`;
    const where =
      table === "people"
        ? sql`x.id in (${people})`
        : table === "households"
          ? sql`x.id in (select p.household_id from people p where p.id in (${people}))`
          : sql`x.person_id in (${people})`;
    return Number(rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} x where ${where}`))[0].n);
  };

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
  });
  afterAll(async () => db?.destroy());

  it("the consortium, the commune and the network SELECT no people, households or technical aids; the NGO reads its own", async () => {
    for (const table of personTables) {
      let inTheirGroups = 0;
      for (const slug of groupReaders) {
        inTheirGroups += await ownerCount(slug, table);
        expect(await countAs(slug, table), `${slug}: ${table}`).toBe(0);
      }
      expect(inTheirGroups, `the groups they read have ${table}`).toBeGreaterThan(0);
    }
    for (const slug of ["adicor", "tadamoun"] as const) {
      for (const table of personTables) {
        const own = Number(
          rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where ngo_org_id = ${ids.orgs[slug]}`))[0].n,
        );
        if (slug === "adicor") expect(own, `${slug}: ${table}`).toBeGreaterThan(0);
        expect(await countAs(slug, table), `${slug}: ${table}`).toBe(own);
        // Its groups' people are all its own.
        expect(await ownerCount(slug, table), `${slug}: ${table}`).toBeLessThanOrEqual(own);
      }
    }
  });

  it("customers' names: the NGO reads them, the group's other readers read none, and a new credit sale keeps its name out of the ledger", async () => {
    const names = (slug: Slug) =>
      as(slug, async (tx) => rowsOf<{ n: string }>(await tx.execute(sql`select customer_name as n from customer_credit_names`)).map((r) => r.n));
    const adicorNames = Number(
      rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from customer_credit_names where ngo_org_id = ${ids.orgs.adicor}`))[0].n,
    );
    expect(adicorNames).toBeGreaterThan(0);
    expect((await names("adicor")).length).toBe(adicorNames);
    for (const slug of groupReaders) {
      expect(await names(slug), slug).toEqual([]);
      // The credits themselves stay readable (the cohesion indicators count them), without a name.
      const credits = await as(slug, async (tx) =>
        rowsOf<{ n: number; named: number }>(await tx.execute(sql`select count(*)::int as n, count(customer_name)::int as named from customer_credits`)),
      );
      expect(credits[0].n, slug).toBeGreaterThan(0);
      expect(credits[0].named, slug).toBe(0);
    }
    // Through the server's own service, as the NGO: the name lands in the narrow table only.
    const [shop] = rowsOf<{ id: string }>(
      await db.db.execute(sql`select g.id from groups g where g.ngo_org_id = ${ids.orgs.adicor} and g.network_org_id = ${ids.orgs["femmes-fassala"]} limit 1`),
    );
    const [{ id: editor }] = rowsOf<{ id: string }>(await db.db.execute(sql`select id from users where email = 'editor@adicor.demo'`));
    const name = "Mariem Test-Client";
    const credit = await db.asApp({ orgId: ids.orgs.adicor, userId: editor }, (tx) =>
      recordCreditSale(tx, { id: ids.orgs.adicor, type: "ngo" }, editor, {
        groupId: shop.id,
        customerName: name,
        community: "host",
        amount: 500,
        currency: "MRU",
        grantedOn: ON,
        dueOn: ON,
      }),
    );
    expect(await names("adicor")).toContain(name);
    for (const slug of groupReaders) {
      const seen = await as(slug, async (tx) =>
        rowsOf<{ hits: number }>(
          await tx.execute(sql`select (select count(*) from customer_credits c where c.id = ${credit.id})::int
            + 100 * (select count(*) from customer_credits c where c.customer_name = ${name})::int
            + 100 * (select count(*) from ledger_entry_notes n where n.note like ${"%" + name + "%"})::int
            + 100 * (select count(*) from ledger_entry_history h where h.after::text like ${"%" + name + "%"})::int as hits`),
        ),
      );
      // The network reads this group's credit (1), and nowhere its customer's name.
      expect(seen[0].hits, slug).toBeLessThanOrEqual(1);
    }
  }, 120_000);

  it("the counting functions give group readers counts only, and the same figures as the owner reads", async () => {
    for (const slug of groupReaders) {
      const q = { org: org(slug), on: ON, by: "activity" as const, locale: "fr" };
      const [plain, underRls] = [await aggregateInclusion(db.db, q), await as(slug, (tx) => aggregateInclusion(tx, q))];
      expect(underRls, slug).toEqual(plain);
      // The total is the active members of the group activities the reader reads, by hand.
      const [{ n }] = rowsOf<{ n: number }>(
        await db.db.execute(sql`select count(distinct gm.person_id)::int as n from groups g join activity_types a on a.code = g.activity_type
          join group_memberships gm on gm.group_id = g.id and gm.joined_on <= ${ON}::date and (gm.left_on is null or gm.left_on > ${ON}::date)
          where a.kind = 'group' and ${groupScopeSql(org(slug), "g")}`),
      );
      expect(underRls.total.members, slug).toBe(Number(n));
      expect(underRls.total.members, slug).toBeGreaterThan(0);
      expect(underRls.total.women + underRls.total.men, slug).toBe(underRls.total.members);
      expect(await as(slug, (tx) => countAidsByType(tx, q)), slug).toEqual(await countAidsByType(db.db, q));
      // Whole pages, as the application role, equal the owner's.
      const dash = await as(slug, (tx) => loadInclusionDashboard(tx, org(slug), readerFor(slug), { on: ON, by: "village" }, t, "fr"));
      expect(dash).toEqual(await loadInclusionDashboard(db.db, org(slug), readerFor(slug), { on: ON, by: "village" }, t, "fr"));
      const cohesion = await as(slug, (tx) => loadCohesionDashboard(tx, org(slug), readerFor(slug), {}, t, ON));
      const cohesionPlain = await loadCohesionDashboard(db.db, org(slug), readerFor(slug), {}, t, ON);
      expect(cohesion!.tables["records-trend"], slug).toEqual(cohesionPlain!.tables["records-trend"]);
      expect(cohesion!.tables["records-villages"], slug).toEqual(cohesionPlain!.tables["records-villages"]);
    }
  }, 240_000);

  it("the consortium's comparison and declared figures keep their people counts", async () => {
    const members = (["adicor", "ong-sahel", "fassala", "femmes-fassala"] as const).map(org);
    // Counted where the consortium reads: its member NGOs' groups (the commune's scope also holds
    // ONG Tadamoun's groups, which the consortium does not read, as before).
    const batch = await as("acor", (tx) => aggregateInclusionOfOrgs(tx, members, ON));
    for (const m of members) {
      const one = await as("acor", (tx) => aggregateInclusion(tx, { org: m, on: ON, by: "activity", locale: "fr" }));
      expect(batch.get(m.id)?.members, m.slug).toBe(one.total.members);
      expect(batch.get(m.id)?.women, m.slug).toBe(one.total.women);
      expect(batch.get(m.id)?.disabled, m.slug).toBe(one.total.disabled);
      expect(one.total.members, m.slug).toBeGreaterThan(0);
    }
    for (const m of members.filter((x) => x.type === "ngo")) {
      const owner = await aggregateInclusion(db.db, { org: m, on: ON, by: "activity", locale: "fr" });
      expect(batch.get(m.id)?.members, m.slug).toBe(owner.total.members);
    }
    const compare = await as("acor", (tx) => loadCompareTable(tx, org("acor"), readerFor("acor"), { currency: "XOF" }, t, (x) => x));
    expect(JSON.stringify(compare)).toContain(String(batch.get(ids.orgs.adicor)!.members));
    const declared = await as("acor", (tx) => listDeclaredVsRecorded(tx, org("acor"), { ngo: ids.orgs.adicor }));
    expect(declared.length).toBeGreaterThan(0);
    expect(declared).toEqual(await listDeclaredVsRecorded(db.db, org("acor"), { ngo: ids.orgs.adicor }));
    expect(declared.find((d) => d.metric === "workshop_women")?.recorded).toBeGreaterThan(0);
  }, 120_000);

  it("a reader outside a group's scope gets no counts of it from the functions, and the maintenance switch opens nothing", async () => {
    // ONG Sahel reads none of ADICOR's groups: asking for ADICOR's scope gives it nothing.
    const q = { org: org("adicor"), on: ON, by: "activity" as const, locale: "fr" };
    expect((await as("ong-sahel", (tx) => aggregateInclusion(tx, q))).total.members).toBe(0);
    const forged = await as("ong-sahel", async (tx) => {
      await tx.execute(sql`select set_config('app.maintenance', 'on', true)`);
      return aggregateInclusion(tx, q);
    });
    expect(forged.total.members).toBe(0);
    expect((await as("adicor", (tx) => aggregateInclusion(tx, q))).total.members).toBeGreaterThan(0);
  }, 60_000);
});
