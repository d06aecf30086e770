/**
 * Rules that hold in the data (migration 0013): rollups, quarter locks, ledger history and credits
 * are enforced by triggers, so they hold for a server action, a raw UPDATE by the owner and a bulk
 * insert alike. Each case writes the way that bypassed the rule before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import {
  coachingVisits,
  cohesionSurveys,
  creditRepayments,
  customerCredits,
  exchangeRates,
  groupMemberships,
  groups,
  ledgerEntries,
  ledgerEntryHistory,
  managerTeams,
  managerTerms,
  people,
  profitDistributions,
  technicalAids,
  users,
} from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { loadDashboard, loadTotals, revenueByGroup } from "@/lib/groups/dashboard";
import { listDeclaredVsRecorded } from "@/lib/groups/declared";
import { correctEntry, recordCreditSale, recordDistribution, recordEntry, recordRepayment, voidEntry } from "@/lib/groups/service";
import { lockQuarter, unlockQuarter } from "@/lib/quarters/locks";
import { verifyRollups } from "@/lib/rollups/verify";
import { convertTotals } from "@/lib/money";
import { rowsOf } from "@/lib/groups/scope";
import { appErrorFromDb, pgErrorOf } from "@/lib/db-errors";
import type { Tx } from "@/db/client";
import { backend, createTestDb, type TestDb } from "../test-db";

/** A small deterministic PRNG, so that a failing sequence can be replayed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let statements = 0;

describe(`rules in the data on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: string;
  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const asAdicor = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor, userId: editor }, fn);
  const refused = async (p: Promise<unknown>, code: string) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, `expected SQLSTATE ${code}`).not.toBeNull();
    // A database rule's SQLSTATE, or the catalogue key the server action shows for it.
    const c = /^[0-9A-Z]{5}$/.test(code) ? pgErrorOf(err)?.code : (appErrorFromDb(err) ?? (err as { messageKey?: string })).messageKey;
    expect(c).toBe(code);
  };

  beforeAll(async () => {
    db = await createTestDb({ demo: true, onQuery: () => statements++ });
    ids = await demoIds(db.db);
    [{ id: editor }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
  });
  afterAll(async () => db?.destroy());

  it("keeps both rollup levels equal to the rows after random writes, corrections, voids, moves, rates and a bulk insert", async () => {
    expect(await verifyRollups(db.db)).toEqual([]);
    const rnd = mulberry32(20261130);
    const network = ids.orgs["femmes-fassala"];
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const groupIds = ids.groups.shops;
    const villages = Object.values(ids.places.settlements);
    const day = () => `202${3 + Math.floor(rnd() * 3)}-0${1 + Math.floor(rnd() * 6)}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;
    const written: { id: string; version: number }[] = [];
    for (let i = 0; i < 120; i++) {
      const op = rnd();
      if (op < 0.45 || written.length === 0) {
        const e = await asAdicor((tx) =>
          recordEntry(tx, adicor(), editor, {
            groupId: pick(groupIds),
            kind: pick(["sale", "sale", "stock_purchase", "other_expense"] as const),
            occurredOn: day(),
            amount: 1 + Math.floor(rnd() * 50_000),
            currency: rnd() < 0.8 ? "MRU" : "XOF",
            note: `p${i}`,
          }),
        );
        written.push({ id: e.id, version: e.version });
      } else if (op < 0.65) {
        const w = pick(written);
        const r = await asAdicor((tx) =>
          correctEntry(tx, adicor(), editor, {
            entryId: w.id,
            version: w.version,
            kind: pick(["sale", "other_expense"] as const),
            occurredOn: day(),
            amount: 1 + Math.floor(rnd() * 90_000),
            currency: rnd() < 0.5 ? "MRU" : "XOF",
            note: `c${i}`,
          }).catch(() => null),
        );
        if (r) w.version = r.entry.version;
      } else if (op < 0.75) {
        const w = written.splice(Math.floor(rnd() * written.length), 1)[0];
        await asAdicor((tx) => voidEntry(tx, adicor(), editor, { entryId: w.id, reason: "erreur de saisie" }).catch(() => null));
      } else if (op < 0.85) {
        // The owner's direct UPDATE: no service, same rollups.
        const w = pick(written);
        await db.db.execute(sql`update ledger_entries set amount = amount + 7 where id = ${w.id} and voided_at is null`);
        w.version += 1;
      } else if (op < 0.92) {
        // A group moves to another village, or joins or leaves the network: its totals move.
        if (rnd() < 0.5)
          await db.db
            .update(groups)
            .set({ villageId: pick(villages) })
            .where(eq(groups.id, pick(groupIds)));
        else
          await db.db
            .update(groups)
            .set({ networkOrgId: rnd() < 0.5 ? network : null })
            .where(eq(groups.id, pick(groupIds)));
      } else {
        const month = `20${18 + Math.floor(rnd() * 5)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-01`;
        await db.db
          .insert(exchangeRates)
          .values({ validFrom: month, xofPerMru: (16 + rnd()).toFixed(7), source: "test" })
          .onConflictDoNothing();
      }
    }
    // A bulk insert: one statement, 500 rows (as COPY or an import would).
    await db.db.execute(sql`
      insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency)
      select g.ngo_org_id, g.id, 'sale', date '2024-01-01' + (n % 500), 100 + n, case when n % 3 = 0 then 'XOF'::currency else 'MRU'::currency end
      from generate_series(1, 500) n join groups g on g.id = (array[${sql.join(
        groupIds.map((g) => sql`${g}::uuid`),
        sql`, `,
      )}])[1 + n % ${groupIds.length}]`);
    expect(await verifyRollups(db.db)).toEqual([]);

    // And the dashboard equals the rows, converted month by month at the dated rates.
    const raw = rowsOf<{ rate: string | null; xof: string; mru: string }>(
      await db.db.execute(sql`
        with rp as (select valid_from, lead(valid_from) over (order by valid_from) as valid_to, xof_per_mru from exchange_rates)
        select rp.xof_per_mru::text as rate, coalesce(sum(l.amount) filter (where l.currency = 'XOF'), 0)::text as xof,
          coalesce(sum(l.amount) filter (where l.currency = 'MRU'), 0)::text as mru
        from ledger_entries l join groups g on g.id = l.group_id join activity_types a on a.code = g.activity_type
        left join rp on l.occurred_on >= rp.valid_from and (rp.valid_to is null or l.occurred_on < rp.valid_to)
        where g.ngo_org_id = ${ids.orgs.adicor} and a.kind = 'group' and l.kind = 'sale' and l.voided_at is null group by 1`),
    );
    const expected = convertTotals(raw.map((r) => ({ xofPerMru: r.rate, xof: Number(r.xof), mru: Number(r.mru) })));
    const d = await asAdicor((tx) => loadDashboard(tx, adicor(), {}, "fr"));
    expect(d.total).toEqual({ xof: expected.xof, mru: expected.mru });
    // The largest groups (ranked from the sales per year, then converted month by month) are
    // those the rows give, whatever how many are asked for.
    const perGroup = rowsOf<{ group_id: string; rate: string | null; xof: string; mru: string }>(
      await db.db.execute(sql`
        with rp as (select valid_from, lead(valid_from) over (order by valid_from) as valid_to, xof_per_mru from exchange_rates)
        select l.group_id::text as group_id, rp.xof_per_mru::text as rate, coalesce(sum(l.amount) filter (where l.currency = 'XOF'), 0)::text as xof,
          coalesce(sum(l.amount) filter (where l.currency = 'MRU'), 0)::text as mru
        from ledger_entries l join groups g on g.id = l.group_id join activity_types a on a.code = g.activity_type
        left join rp on l.occurred_on >= rp.valid_from and (rp.valid_to is null or l.occurred_on < rp.valid_to)
        where g.ngo_org_id = ${ids.orgs.adicor} and a.kind = 'group' and l.kind = 'sale' and l.voided_at is null group by 1, 2`),
    );
    const byGroupId = new Map<string, typeof perGroup>();
    for (const r of perGroup) byGroupId.set(r.group_id, [...(byGroupId.get(r.group_id) ?? []), r]);
    const exact = (rs: typeof perGroup) => rs.reduce((n, r) => n + Number(r.xof) + Number(r.mru) * Number(r.rate ?? 0), 0);
    const ranking = [...byGroupId.entries()].sort(([ga, a], [gb, b]) => exact(b) - exact(a) || ga.localeCompare(gb));
    expect(ranking.length).toBeGreaterThan(3);
    for (const limit of [1, 2, 3, ranking.length]) {
      const top = await asAdicor((tx) => revenueByGroup(tx, adicor(), {}, limit));
      expect(top.groupsWithSales).toBe(ranking.length);
      expect(top.rows.map((r) => r.key).sort()).toEqual(
        ranking
          .slice(0, limit)
          .map(([g]) => g)
          .sort(),
      );
      for (const r of top.rows) {
        const c = convertTotals(byGroupId.get(r.key)!.map((x) => ({ xofPerMru: x.rate, xof: Number(x.xof), mru: Number(x.mru) })));
        expect({ xof: r.xof, mru: r.mru }).toEqual({ xof: c.xof, mru: c.mru });
      }
    }
    // The page's largest villages (bounded from the sales per year, then converted month by
    // month) are the first villages of the full breakdown, with the same figures.
    const allVillages = d.byVillage;
    expect(allVillages.length).toBeGreaterThan(2);
    expect(d.villagesWithSales).toBe(allVillages.length);
    for (const villageLimit of [1, 2, allVillages.length]) {
      const top = await asAdicor((tx) => loadDashboard(tx, adicor(), {}, "fr", { villageLimit }));
      expect(top.villagesWithSales).toBe(allVillages.length);
      expect(top.byVillage.slice(0, villageLimit)).toEqual(allVillages.slice(0, villageLimit));
      expect(top.total).toEqual(d.total);
    }
    // A network's figures (its own months) equal its groups' rows, whatever their NGO.
    const netRaw = rowsOf<{ rate: string | null; xof: string; mru: string }>(
      await db.db.execute(sql`
        with rp as (select valid_from, lead(valid_from) over (order by valid_from) as valid_to, xof_per_mru from exchange_rates)
        select rp.xof_per_mru::text as rate, coalesce(sum(l.amount) filter (where l.currency = 'XOF'), 0)::text as xof,
          coalesce(sum(l.amount) filter (where l.currency = 'MRU'), 0)::text as mru
        from ledger_entries l join groups g on g.id = l.group_id join activity_types a on a.code = g.activity_type
        left join rp on l.occurred_on >= rp.valid_from and (rp.valid_to is null or l.occurred_on < rp.valid_to)
        where g.network_org_id = ${network} and a.kind = 'group' and l.kind = 'sale' and l.voided_at is null group by 1`),
    );
    const netExpected = convertTotals(netRaw.map((r) => ({ xofPerMru: r.rate, xof: Number(r.xof), mru: Number(r.mru) })));
    expect(netExpected.xof).toBeGreaterThan(0);
    const nd = await db.asApp({ orgId: network, userId: editor }, (tx) => loadDashboard(tx, { id: network, type: "cooperative_network" }, {}, "fr"));
    expect(nd.total).toEqual({ xof: netExpected.xof, mru: netExpected.mru });
    // A period cut inside months reads the cut days from the rows.
    const cut = await asAdicor((tx) => loadTotals(tx, adicor(), { from: "2024-01-15", to: "2024-03-10" }));
    const cutRaw = rowsOf<{ mru: string }>(
      await db.db
        .execute(sql`select coalesce(sum(l.amount), 0)::text as mru from ledger_entries l join groups g on g.id = l.group_id join activity_types a on a.code = g.activity_type
        where g.ngo_org_id = ${ids.orgs.adicor} and a.kind = 'group' and l.kind = 'sale' and l.voided_at is null and l.currency = 'MRU' and l.occurred_on between '2024-01-15' and '2024-03-10'`),
    );
    const xofRaw = rowsOf<{ xof: string }>(
      await db.db
        .execute(sql`select coalesce(sum(l.amount), 0)::text as xof from ledger_entries l join groups g on g.id = l.group_id join activity_types a on a.code = g.activity_type
        where g.ngo_org_id = ${ids.orgs.adicor} and a.kind = 'group' and l.kind = 'sale' and l.voided_at is null and l.currency = 'XOF' and l.occurred_on between '2024-01-15' and '2024-03-10'`),
    );
    const rate = rowsOf<{ r: string }>(
      await db.db.execute(sql`select xof_per_mru::text as r from exchange_rates where valid_from <= '2024-01-15' order by valid_from desc limit 1`),
    )[0].r;
    const rateMar = rowsOf<{ r: string }>(
      await db.db.execute(sql`select xof_per_mru::text as r from exchange_rates where valid_from <= '2024-03-01' order by valid_from desc limit 1`),
    )[0].r;
    if (rate === rateMar) {
      expect(cut.total.xof).toBe(convertTotals([{ xofPerMru: rate, xof: Number(xofRaw[0].xof), mru: Number(cutRaw[0].mru) }]).xof);
    }
    expect(cut.total.mru).toBeGreaterThan(0);
  });

  it("the application role cannot write the rollups", async () => {
    await refused(
      asAdicor((tx) => tx.execute(sql`update ledger_rollups set amount = amount + 1 where ngo_org_id = ${ids.orgs.adicor}`)),
      "42501",
    );
    await refused(
      asAdicor((tx) => tx.execute(sql`delete from ledger_cube where ngo_org_id = ${ids.orgs.adicor}`)),
      "42501",
    );
    expect(await verifyRollups(db.db)).toEqual([]);
  });

  it("writes the history of any UPDATE, bumps the version, and keeps a voided entry final", async () => {
    const [e] = await db.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.groupId, ids.groups.shops[1]), sql`voided_at is null`))
      .limit(1);
    const before = (await db.db.select().from(ledgerEntryHistory).where(eq(ledgerEntryHistory.entryId, e.id))).length;
    await db.db.execute(sql`update ledger_entries set amount = amount + 1, version = 1 where id = ${e.id}`);
    const history = await db.db.select().from(ledgerEntryHistory).where(eq(ledgerEntryHistory.entryId, e.id));
    expect(history).toHaveLength(before + 1);
    const last = history.find((h) => (h.after as { amount: number }).amount === e.amount + 1);
    expect(last).toMatchObject({ action: "correct", before: { amount: e.amount }, after: { amount: e.amount + 1, version: e.version + 1 } });
    const [after] = await db.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, e.id));
    expect(after.version).toBe(e.version + 1);
    await refused(db.db.execute(sql`update ledger_entries set group_id = ${ids.groups.shops[2]} where id = ${e.id}`), "TK003");
    await db.db.execute(sql`update ledger_entries set voided_at = now(), void_reason = 'test' where id = ${e.id}`);
    await refused(db.db.execute(sql`update ledger_entries set amount = 5 where id = ${e.id}`), "TK004");
    await refused(db.db.execute(sql`update ledger_entry_history set action = 'x' where entry_id = ${e.id}`), "TK006");
    await refused(db.db.execute(sql`truncate ledger_entries cascade`), "42501");
  });

  it("refuses every dated record in a locked quarter, whoever writes it, and a rate that would change it", async () => {
    const shop = ids.groups.shops[3];
    const [m] = await db.db.select().from(groupMemberships).where(eq(groupMemberships.groupId, shop)).limit(1);
    const [p] = await db.db.select().from(people).where(eq(people.id, m.personId));
    const [team] = await db.db.select().from(managerTeams).where(eq(managerTeams.groupId, shop)).limit(1);
    await asAdicor((tx) => lockQuarter(tx, ids.orgs.adicor, "2024-Q2", editor));
    const ngo = ids.orgs.adicor;
    await refused(
      db.db.insert(ledgerEntries).values({ ngoOrgId: ngo, groupId: shop, kind: "sale", occurredOn: "2024-05-01", amount: 10, currency: "MRU" }),
      "TK001",
    );
    await refused(
      db.db
        .insert(profitDistributions)
        .values({ groupId: shop, periodFrom: "2024-01-01", periodTo: "2024-04-30", currency: "MRU", profit: 100, rule: "equal" }),
      "TK001",
    );
    await refused(db.db.insert(groupMemberships).values({ groupId: ids.groups.shops[4], personId: p.id, joinedOn: "2024-05-02" }), "TK001");
    if (team) await refused(db.db.insert(managerTerms).values({ groupId: shop, teamId: team.id, startsOn: "2024-03-20", endsOn: "2024-04-10" }), "TK001");
    await refused(db.db.insert(technicalAids).values({ ngoOrgId: ngo, personId: p.id, aidType: "walking_stick", receivedOn: "2024-06-30" }), "TK001");
    await refused(db.db.insert(coachingVisits).values({ ngoOrgId: ngo, groupId: shop, visitedOn: "2024-04-01", coachName: "x", topics: "y" }), "TK001");
    await refused(
      db.db.insert(cohesionSurveys).values({
        orgId: ngo,
        villageId: Object.values(ids.places.settlements)[0],
        quarter: "2024-Q2",
        surveyedOn: "2024-05-05",
        hostWomen: 1,
        hostMen: 1,
        refugeeWomen: 1,
        refugeeMen: 1,
      }),
      "TK001",
    );
    // Leaving a group later is fine although the member joined in the locked quarter's past.
    await db.db.execute(sql`update group_memberships set left_on = null where id = ${m.id}`);
    // Moving an entry into the quarter, or out of it, is refused.
    const [open] = await db.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.groupId, shop), sql`occurred_on >= '2024-07-01'`, sql`voided_at is null`))
      .limit(1);
    await refused(db.db.execute(sql`update ledger_entries set occurred_on = '2024-04-15' where id = ${open.id}`), "TK001");
    // A rate dated before the quarter with no later rate before it would convert it anew.
    await refused(db.db.insert(exchangeRates).values({ validFrom: "2024-03-01", xofPerMru: "17.0000000", source: "t" }), "TK002");
    await refused(
      db.db.execute(
        sql`update exchange_rates set xof_per_mru = 15 where valid_from = (select max(valid_from) from exchange_rates where valid_from <= '2024-04-01')`,
      ),
      "TK002",
    );
    // Through the server's path the same rule answers with its message.
    await refused(
      asAdicor((tx) => recordDistribution(tx, adicor(), editor, { groupId: shop, periodFrom: "2024-04-01", periodTo: "2024-06-30", currency: "MRU" })),
      "quarterLocked",
    );
    await asAdicor((tx) => unlockQuarter(tx, ids.orgs.adicor, "2024-Q2", editor, "erreur corrigée"));
    await db.db.insert(ledgerEntries).values({ ngoOrgId: ngo, groupId: shop, kind: "sale", occurredOn: "2024-05-01", amount: 10, currency: "MRU" });
    expect(await verifyRollups(db.db)).toEqual([]);
  });

  it.runIf(backend === "postgres")("serialises a lock with the writes: a write lands before the lock or is refused, never after", async () => {
    const url = db.ownerUrl as string;
    const open = () => postgres(url, { max: 1, onnotice: () => {}, connection: { "app.maintenance": "on" } });
    const writer = open();
    const locker = open();
    const shop = ids.groups.shops[5];
    const ngo = ids.orgs.adicor;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      // 1. A write's transaction is open when the lock comes: the lock waits for it to commit.
      let writerDoneAt = 0;
      const write = writer.begin(async (w) => {
        await w`insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency) values (${ngo}, ${shop}, 'sale', '2023-02-10', 11, 'MRU')`;
        await sleep(600);
        writerDoneAt = Date.now();
      });
      await sleep(150);
      await locker`insert into quarter_locks (ngo_org_id, quarter) values (${ngo}, '2023-Q1')`;
      const lockedAt = Date.now();
      await write;
      expect(writerDoneAt).toBeGreaterThan(0);
      expect(lockedAt).toBeGreaterThanOrEqual(writerDoneAt);
      expect((await writer`select count(*)::int as n from ledger_entries where group_id = ${shop} and occurred_on = '2023-02-10' and amount = 11`)[0].n).toBe(
        1,
      );
      // 2. The lock's transaction is open when a write comes: the write waits, then is refused.
      const lock = locker.begin(async (l) => {
        await l`insert into quarter_locks (ngo_org_id, quarter) values (${ngo}, '2023-Q3')`;
        await sleep(600);
      });
      await sleep(150);
      const outcome =
        await writer`insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency) values (${ngo}, ${shop}, 'sale', '2023-08-10', 12, 'MRU')`.then(
          () => "written",
          (e: { code?: string }) => e.code,
        );
      await lock;
      expect(outcome).toBe("TK001");
      expect((await writer`select count(*)::int as n from ledger_entries where group_id = ${shop} and occurred_on = '2023-08-10' and amount = 12`)[0].n).toBe(
        0,
      );
    } finally {
      await writer.end();
      await locker.end();
    }
  });

  it("keeps a credit with its sale: voided with it, corrected with it, or the correction refused", async () => {
    const shop = ids.groups.shops[6];
    const ngo = adicor();
    const credit = await asAdicor((tx) =>
      recordCreditSale(tx, ngo, editor, {
        groupId: shop,
        customerName: "Client test",
        community: "refugee",
        amount: 1000,
        currency: "MRU",
        grantedOn: "2026-10-02",
        dueOn: "2026-11-02",
      }),
    );
    const sale = async () =>
      (
        await db.db
          .select()
          .from(ledgerEntries)
          .where(eq(ledgerEntries.id, credit.saleEntryId as string))
      )[0];
    const creditNow = async () => (await db.db.select().from(customerCredits).where(eq(customerCredits.id, credit.id)))[0];
    await asAdicor((tx) => recordRepayment(tx, ngo, { creditId: credit.id, paidOn: "2026-10-20", amount: 600 }));
    // Corrected with its sale.
    let s = await sale();
    await asAdicor((tx) =>
      correctEntry(tx, ngo, editor, { entryId: s.id, version: s.version, kind: "sale", occurredOn: "2026-10-03", amount: 800, currency: "MRU", note: s.note }),
    );
    expect(await creditNow()).toMatchObject({ amount: 800, grantedOn: "2026-10-03" });
    // Below what was repaid: refused, nothing changed.
    s = await sale();
    await refused(
      asAdicor((tx) =>
        correctEntry(tx, ngo, editor, {
          entryId: s.id,
          version: s.version,
          kind: "sale",
          occurredOn: "2026-10-03",
          amount: 500,
          currency: "MRU",
          note: s.note,
        }),
      ),
      "TK005",
    );
    expect((await sale()).amount).toBe(800);
    // A repayment before the credit: refused.
    await refused(db.db.insert(creditRepayments).values({ creditId: credit.id, paidOn: "2026-09-30", amount: 10 }), "TK008");
    // Voided with its sale; no repayment after that.
    s = await sale();
    await asAdicor((tx) => voidEntry(tx, ngo, editor, { entryId: s.id, reason: "vente annulée" }));
    expect((await creditNow()).voidedAt).not.toBeNull();
    await refused(db.db.insert(creditRepayments).values({ creditId: credit.id, paidOn: "2026-10-25", amount: 10 }), "TK007");
  });

  it("loads the dashboard in a fixed number of statements, however many figures are declared (no N+1)", async () => {
    const run = async () => {
      const start = statements;
      await asAdicor(async (tx) => {
        await loadDashboard(tx, adicor(), {}, "fr");
        await loadTotals(tx, adicor(), { kind: "individual" });
        await listDeclaredVsRecorded(tx, adicor());
      });
      return statements - start;
    };
    const first = await run();
    // 3 (dashboard) + 2 (individual totals) + 3 (declared: figures, counts, revenue), plus the
    // transaction's own statements (begin/commit, role and context).
    expect(first).toBeLessThanOrEqual(8 + 4);
    await db.db.execute(sql`insert into declared_figures (org_id, metric, label, declared_value, source)
      select ${ids.orgs.adicor}, m, 'extra ' || m, 1, 'test' from unnest(array['group_revenue_mru', 'workshop_women', 'avg_revenue_per_group_xof', 'group_beneficiaries']) m`);
    expect(await run()).toBe(first);
  });
});
