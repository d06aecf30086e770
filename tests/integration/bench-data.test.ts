/**
 * The bench data generator (scripts/bench/data.ts) at its CI scale, on PostgreSQL only (it writes
 * with COPY as the owner). Two fresh databases: the first gets the small scale alone; the second
 * the demo data, then the small scale (with every per-row guard trigger on when
 * BENCH_TEST_ROW_GUARDS=1, which takes minutes), then the small scale again with --reset, then
 * --remove. What a user would
 * check: the counts, identical data for the same scale, the ownership rules, first-of-month rates,
 * the bench accounts, the demo left as it was, and that the dashboards (which read the rollups kept
 * by triggers) show the bulk-loaded lines exactly as a plain SQL sum over them does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/app-role";
import { seedDemo } from "@/db/seed/demo";
import { verifyPassword } from "@/lib/auth/password";
import { loadDashboard } from "@/lib/groups/dashboard";
import { convertTotals } from "@/lib/money";
import { BENCH_PASSWORD, generate, type GenerateResult } from "@/scripts/bench/data";
import { SPECS } from "@/scripts/bench/gen/specs";
import { backend, createTestDb, type TestDb } from "../test-db";

/** The small scale, as the generator plans it (tables whose size the plan fixes exactly). */
const SMALL = {
  organisations: 9, // 1 consortium, 2 NGOs, 4 communes, 2 networks
  users: 27,
  memberships: 27,
  groups: 300,
  people: 3_000,
  group_memberships: 3_000,
  ledger_entries: 30_000,
  exchange_rates: 20,
  products: 4 * 17,
  price_sessions: 4 * 20,
};

const ROW_GUARDS = process.env.BENCH_TEST_ROW_GUARDS === "1";
/** Bench ids: `bTT00000-0000-4000-8000-<counter>` (a random UUID practically never looks so). */
const BENCH_ID = "b__00000-0000-4000-8000-%";

const q = async <T>(db: TestDb, query: ReturnType<typeof sql>) => rowsOf<T>(await db.db.execute(query));

/** Checksum of the bench NGOs' ledger lines (every column, in id order). */
async function ledgerChecksum(db: TestDb) {
  const [r] = await q<{ n: number; md5: string }>(
    db,
    sql`select count(*)::int as n, md5(string_agg(l::text, '|' order by l.id)) as md5
        from ledger_entries l join organisations o on o.id = l.ngo_org_id where o.slug like 'b-%'`,
  );
  return r;
}

/** The NGO's live sales of group activities, summed per rate period in SQL, converted once. */
async function plainRevenue(db: TestDb, ngoId: string) {
  const periods = await q<{ rate: string | null; xof: string; mru: string }>(
    db,
    sql`with rp as (select valid_from, lead(valid_from) over (order by valid_from) as valid_to, xof_per_mru::text as rate from exchange_rates)
        select rp.rate,
          coalesce(sum(l.amount) filter (where l.currency = 'XOF'), 0)::text as xof,
          coalesce(sum(l.amount) filter (where l.currency = 'MRU'), 0)::text as mru
        from ledger_entries l
        join groups g on g.id = l.group_id
        join activity_types a on a.code = g.activity_type
        left join rp on l.occurred_on >= rp.valid_from and (rp.valid_to is null or l.occurred_on < rp.valid_to)
        where l.ngo_org_id = ${ngoId} and l.kind = 'sale' and l.voided_at is null and a.kind = 'group'
        group by rp.rate`,
  );
  return convertTotals(periods.map((p) => ({ xofPerMru: p.rate, xof: Number(p.xof), mru: Number(p.mru) })));
}

async function orgBySlug(db: TestDb, slug: string) {
  const [o] = await q<{ id: string; admin: string }>(
    db,
    sql`select o.id, u.id as admin from organisations o
        join memberships m on m.org_id = o.id and m.role = 'admin' join users u on u.id = m.user_id
        where o.slug = ${slug} limit 1`,
  );
  return o;
}

/** The dashboard of an NGO, read as its admin through the application role (row-level security on). */
async function dashboardAsApp(db: TestDb, slug: string) {
  const o = await orgBySlug(db, slug);
  return db.asApp({ orgId: o.id, userId: o.admin }, (tx) => loadDashboard(tx, { id: o.id, type: "ngo" }, {}, "fr"));
}

describe.skipIf(backend !== "postgres")("bench data generator, small scale (PostgreSQL)", () => {
  let fresh: TestDb;
  let withDemo: TestDb;
  let loaded: GenerateResult;
  let reloaded: GenerateResult;
  let demoBefore: { total: { xof: number; mru: number }; groupCount: number };
  const quiet = () => {};

  beforeAll(async () => {
    fresh = await createTestDb();
    withDemo = await createTestDb();
    loaded = await generate({ url: fresh.ownerUrl!, scale: "small", log: quiet });
    await seedDemo(withDemo.db);
    demoBefore = await dashboardAsApp(withDemo, "adicor");
    // With BENCH_TEST_ROW_GUARDS=1, every per-row guard trigger stays on (minutes: each looks its
    // group up under row-level security): the same rows must pass them all.
    await generate({ url: withDemo.ownerUrl!, scale: "small", rowGuards: ROW_GUARDS, log: quiet });
  }, 400_000);
  afterAll(async () => {
    await fresh?.destroy();
    await withDemo?.destroy();
  });

  it("loads the planned number of rows in every table, well under a minute", async () => {
    expect(loaded.elapsedMs).toBeLessThan(60_000);
    for (const [table, n] of Object.entries(SMALL)) expect(loaded.counts[table], table).toBe(n);
    // The database holds exactly what the loader reports (the first database has nothing else).
    for (const table of [...SPECS.map((s) => s.name), "exchange_rates"]) {
      const [{ n }] = await q<{ n: number }>(fresh, sql.raw(`select count(*)::int as n from ${table}`));
      expect(n, table).toBe(loaded.counts[table] ?? 0);
    }
    // The shape of a realistic data set.
    const c = loaded.counts;
    expect(c.households).toBeGreaterThan(1_800);
    expect(c.households).toBeLessThan(3_000);
    expect(c.ledger_entry_history).toBeGreaterThan(0.01 * SMALL.ledger_entries);
    expect(c.customer_credits).toBeGreaterThan(100);
    expect(c.credit_repayments).toBeGreaterThan(100);
    for (const t of [
      "manager_terms",
      "profit_shares",
      "coaching_visits",
      "group_evaluations",
      "cohesion_answers",
      "negotiated_prices",
      "market_observations",
      "quarter_locks",
    ]) {
      expect(c[t], t).toBeGreaterThan(0);
    }
  });

  it("looks like the field: both currencies, a lean season, voided and corrected lines, refugees, disabilities", async () => {
    const [r] = await q<{
      xof: number;
      voided: number;
      corrected: number;
      lean: number;
      harvest: number;
      refugee: number;
      disabled: number;
      individual: number;
    }>(
      fresh,
      sql`select
        (select avg((currency = 'XOF')::int)::float from ledger_entries) as xof,
        (select avg((voided_at is not null)::int)::float from ledger_entries) as voided,
        (select avg((version = 2 and voided_at is null)::int)::float from ledger_entries) as corrected,
        (select avg(amount)::float from ledger_entries where kind = 'sale' and currency = 'MRU' and extract(month from occurred_on) between 6 and 9) as lean,
        (select avg(amount)::float from ledger_entries where kind = 'sale' and currency = 'MRU' and extract(month from occurred_on) between 10 and 12) as harvest,
        (select avg((status <> 'host')::int)::float from households) as refugee,
        (select avg((wg_seeing in ('a_lot', 'cannot') or wg_hearing in ('a_lot', 'cannot') or wg_walking in ('a_lot', 'cannot')
                  or wg_cognition in ('a_lot', 'cannot') or wg_self_care in ('a_lot', 'cannot') or wg_communication in ('a_lot', 'cannot'))::int)::float from people) as disabled,
        (select avg((a.kind = 'individual')::int)::float from groups g join activity_types a on a.code = g.activity_type) as individual`,
    );
    expect(r.xof).toBeGreaterThan(0.01);
    expect(r.xof).toBeLessThan(0.3);
    expect(r.voided).toBeGreaterThan(0.005);
    expect(r.voided).toBeLessThan(0.02);
    expect(r.corrected).toBeGreaterThan(0.002);
    expect(r.corrected).toBeLessThan(0.01);
    expect(r.lean).toBeLessThan(r.harvest);
    expect(r.refugee).toBeGreaterThan(0.05);
    expect(r.disabled).toBeGreaterThan(0.03);
    expect(r.disabled).toBeLessThan(0.25);
    expect(r.individual).toBeGreaterThan(0.05);
    expect(r.individual).toBeLessThan(0.3);
    // Every voided or corrected line has its history row.
    const [h] = await q<{ missing: number }>(
      fresh,
      sql`select count(*)::int as missing from ledger_entries e where e.version > 1 and not exists (select 1 from ledger_entry_history h where h.entry_id = e.id)`,
    );
    expect(h.missing).toBe(0);
  });

  it("keeps every ledger line with its group's NGO, and repayments on or after their credit", async () => {
    const [r] = await q<{ mismatched: number; early: number; overpaid: number }>(
      fresh,
      sql`select
        (select count(*)::int from ledger_entries l join groups g on g.id = l.group_id where l.ngo_org_id <> g.ngo_org_id) as mismatched,
        (select count(*)::int from credit_repayments p join customer_credits c on c.id = p.credit_id where p.paid_on < c.granted_on) as early,
        (select count(*)::int from customer_credits c where c.amount < (select coalesce(sum(p.amount), 0) from credit_repayments p where p.credit_id = c.id)) as overpaid`,
    );
    expect(r).toEqual({ mismatched: 0, early: 0, overpaid: 0 });
  });

  it("dates every exchange rate from the first day of a month: one a quarter, 16.4 to 16.9 XOF per MRU", async () => {
    const rates = await q<{ valid_from: string; rate: string }>(
      fresh,
      sql`select valid_from::text, xof_per_mru::text as rate from exchange_rates order by valid_from`,
    );
    expect(rates).toHaveLength(20);
    expect(rates[0].valid_from).toBe("2021-01-01");
    expect(rates[19].valid_from).toBe("2025-10-01");
    for (const r of rates) {
      expect(r.valid_from).toMatch(/^\d{4}-(01|04|07|10)-01$/);
      expect(Number(r.rate)).toBeGreaterThanOrEqual(16.4);
      expect(Number(r.rate)).toBeLessThanOrEqual(16.9);
    }
  });

  it("creates the three accounts of each bench organisation, with their membership and the bench password", async () => {
    const rows = await q<{ email: string; role: string; slug: string; type: string; hash: string }>(
      fresh,
      sql`select u.email, m.role, o.slug, o.type, u.password_hash as hash from users u
          join memberships m on m.user_id = u.id join organisations o on o.id = m.org_id
          where u.email in ('admin@b-acor.bench', 'editor@b-ngo-01.bench', 'viewer@b-commune-003.bench', 'editor@b-net-02.bench')
          order by u.email`,
    );
    expect(rows.map((r) => [r.email, r.role, r.slug, r.type])).toEqual([
      ["admin@b-acor.bench", "admin", "b-acor", "consortium"],
      ["editor@b-net-02.bench", "editor", "b-net-02", "cooperative_network"],
      ["editor@b-ngo-01.bench", "editor", "b-ngo-01", "ngo"],
      ["viewer@b-commune-003.bench", "viewer", "b-commune-003", "commune"],
    ]);
    // One hash for all (scrypt is slow); it is the app's own and checks the bench password.
    expect(new Set(rows.map((r) => r.hash)).size).toBe(1);
    expect(await verifyPassword(BENCH_PASSWORD, rows[0].hash)).toBe(true);
    const [c] = await q<{ members: number }>(
      fresh,
      sql`select count(*)::int as members from consortium_members cm join organisations o on o.id = cm.consortium_id where o.slug = 'b-acor'`,
    );
    expect(c.members).toBe(2 + 4); // every NGO and commune
  });

  it("shows the bulk-loaded lines in the dashboard: its total equals a plain SQL sum converted with the dated rates", async () => {
    for (const slug of ["b-ngo-01", "b-ngo-02"]) {
      const o = await orgBySlug(fresh, slug);
      const d = await dashboardAsApp(fresh, slug);
      const expected = await plainRevenue(fresh, o.id);
      expect(expected.unconverted).toEqual({ xof: 0, mru: 0 });
      expect(expected.mru).toBeGreaterThan(0);
      expect(d.total, slug).toEqual({ xof: expected.xof, mru: expected.mru });
      const [g] = await q<{ n: number }>(
        fresh,
        sql`select count(*)::int as n from groups g join activity_types a on a.code = g.activity_type where g.ngo_org_id = ${o.id} and a.kind = 'group'`,
      );
      expect(d.groupCount).toBe(g.n);
    }
  });

  it(`loads the very same rows beside the demo data${ROW_GUARDS ? ", with every per-row trigger on" : ""}`, async () => {
    expect(await ledgerChecksum(withDemo)).toEqual(await ledgerChecksum(fresh));
    for (const table of ["manager_terms", "customer_credits", "credit_repayments", "negotiated_prices", "group_memberships"]) {
      const md5 = async (db: TestDb) =>
        (
          await q<{ md5: string }>(
            db,
            sql.raw(`select md5(string_agg(t.id::text, '|' order by t.id)) as md5 from ${table} t where t.id::text like '${BENCH_ID}'`),
          )
        )[0].md5;
      expect(await md5(withDemo), table).toBe(await md5(fresh));
    }
  });

  it("refuses to load over existing bench data without --reset", async () => {
    await expect(generate({ url: withDemo.ownerUrl!, scale: "small", log: quiet })).rejects.toThrow(/--reset/);
  });

  it("with --reset, replaces the bench data by the very same rows and leaves the demo as it was", async () => {
    reloaded = await generate({ url: withDemo.ownerUrl!, scale: "small", reset: true, log: quiet });
    expect(reloaded.deleted.ledger_entries).toBe(SMALL.ledger_entries);
    expect(reloaded.deleted.organisations).toBe(SMALL.organisations);
    for (const table of ["organisations", "groups", "people", "ledger_entries", "customer_credits", "manager_terms"]) {
      expect(reloaded.counts[table], table).toBe(loaded.counts[table]);
    }
    // Same scale, same rows: in a fresh database, with every trigger on, and after a reset beside
    // the demo data.
    expect(await ledgerChecksum(withDemo)).toEqual(await ledgerChecksum(fresh));
    const [people] = await q<{ md5: string }>(
      withDemo,
      sql`select md5(string_agg(p::text, '|' order by p.id)) as md5 from people p where p.id::text like ${BENCH_ID}`,
    );
    const [people0] = await q<{ md5: string }>(fresh, sql`select md5(string_agg(p::text, '|' order by p.id)) as md5 from people p`);
    expect(people.md5).toBe(people0.md5);
    // The demo keeps its organisations, groups and dashboard (its rates are kept, bench rates that
    // clashed with them were not added).
    const [demo] = await q<{ orgs: number; groups: number }>(
      withDemo,
      sql`select (select count(*)::int from organisations where slug not like 'b-%') as orgs,
        (select count(*)::int from groups g join organisations o on o.id = g.ngo_org_id where o.slug not like 'b-%') as groups`,
    );
    expect(demo).toEqual({ orgs: 7, groups: 130 });
    // The dashboards of the reloaded bench NGOs still equal the rows (the reset removed the old
    // lines' rollups, the reload added the new ones).
    const o = await orgBySlug(withDemo, "b-ngo-01");
    const expected = await plainRevenue(withDemo, o.id);
    expect((await dashboardAsApp(withDemo, "b-ngo-01")).total).toEqual({ xof: expected.xof, mru: expected.mru });
    // Rates are global: while the bench data is there, its rates also convert the demo's lines.
    // Once it is removed, the demo's figures are exactly what they were before the bench.
    const removed = await generate({ url: withDemo.ownerUrl!, scale: "small", remove: true, log: quiet });
    expect(removed.deleted.ledger_entries).toBe(SMALL.ledger_entries);
    expect(removed.counts).toEqual({});
    const [left] = await q<{ n: number }>(withDemo, sql`select count(*)::int as n from organisations where slug like 'b-%'`);
    expect(left.n).toBe(0);
    const after = await dashboardAsApp(withDemo, "adicor");
    expect({ total: after.total, groupCount: after.groupCount }).toEqual({ total: demoBefore.total, groupCount: demoBefore.groupCount });
  }, 300_000);
});
