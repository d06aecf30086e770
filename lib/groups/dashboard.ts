import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { convertTotals, type PeriodSums } from "@/lib/money";
import { isIsoDate } from "@/lib/dates";
import { groupScopeSql, isUuid, rowsOf } from "./scope";

type Org = Pick<TenantOrg, "id" | "type">;
export type Bucket = "total" | "group" | "activity" | "village" | "month" | "quarter" | "ngo";

export interface RevenueFilters {
  from?: string;
  to?: string;
  village?: string;
  activity?: string;
  ngo?: string;
  /** Group activities (default) or individual ones: never mixed. */
  kind?: "group" | "individual";
}

export interface RevenueRow {
  key: string;
  label: string;
  xof: number;
  mru: number;
}

/** Amounts dated before the first rate: shown apart, never dropped nor guessed. */
export interface Unconverted {
  xof: number;
  mru: number;
}

/** How many groups the by-group breakdown shows (the largest first); the ledger has the rest. */
export const TOP_GROUPS = 50;
/** How many villages the by-village breakdown shows (the largest first); the ledger has the rest. */
export const TOP_VILLAGES = 30;

function addMonths(month: string, n: number): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The months wholly inside [from, to] are read from the rollups; the days of a month cut by
 * `from` or `to` are read from the rows. `first`..`last` are those whole months (first days).
 */
export function splitPeriod(from?: string, to?: string) {
  // Real calendar dates only: "2024-02-30" or "2024-13-45" in a URL is ignored, not sent to SQL.
  const f = from && isIsoDate(from) ? from : undefined;
  const t = to && isIsoDate(to) ? to : undefined;
  const first = f ? (f.endsWith("-01") ? f : addMonths(f, 1)) : undefined;
  const lastDay = t ? new Date(Date.parse(`${addMonths(t, 1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : undefined;
  const last = t ? (t === lastDay ? `${t.slice(0, 7)}-01` : addMonths(t, -1)) : undefined;
  return { from: f, to: t, first, last, afterLast: last ? addMonths(last, 1) : undefined };
}

/** Filters on the dimensions a rollup row carries (alias `s`: ngo_org_id, village_id, activity_type). */
function dimensionFilters(f: RevenueFilters, s: string): SQL[] {
  const a = sql.raw(s);
  const parts: SQL[] = [];
  if (f.village) parts.push(isUuid(f.village) ? sql`${a}.village_id = ${f.village}` : sql`false`);
  if (f.activity) parts.push(sql`${a}.activity_type = ${f.activity}`);
  if (f.ngo) parts.push(isUuid(f.ngo) ? sql`${a}.ngo_org_id = ${f.ngo}` : sql`false`);
  return parts;
}

/**
 * Which summary serves a query: "ngo" (NGO × activity × month: tens of thousands of rows at
 * national scale) when no village is asked for and the scope is a set of NGOs; "network"
 * (network × activity × month: hundreds of rows a network) for a network without a village or
 * NGO filter; "cube" (NGO ×
 * network × village × activity) otherwise; "group" (one row per group and month) for groups.
 */
type Level = "ngo" | "network" | "cube" | "group";
export function levelFor(org: Org, f: RevenueFilters, needsVillage: boolean): Level {
  if (needsVillage || f.village) return "cube";
  if (org.type === "ngo" || org.type === "consortium") return "ngo";
  // A network's own months (ledger_network_months) carry no NGO: an NGO filter reads the cube.
  if (org.type === "cooperative_network" && !f.ngo) return "network";
  return "cube";
}

/**
 * Live sales of the scope as (ngo, village, activity, group, month, currency, amount): whole
 * months from a summary table, the days of a month cut by the period from the rows.
 */
function salesSource(org: Org, f: RevenueFilters, level: Level): SQL {
  const p = splitPeriod(f.from, f.to);
  const kind = f.kind ?? "group";
  const months: SQL[] = [sql`r.kind = 'sale'`];
  if (p.first) months.push(sql`r.month >= ${p.first}`);
  if (p.last) months.push(sql`r.month <= ${p.last}`);
  const whole: SQL[] = [...months, groupScopeSql(org, "r"), ...dimensionFilters(f, "r")];
  const rolled =
    level === "ngo"
      ? sql`select r.ngo_org_id, null::uuid as village_id, r.activity_type, null::uuid as group_id, r.month, r.currency, r.amount
            from ledger_ngo_months r join activity_types a on a.code = r.activity_type
            where a.kind::text = ${kind} and ${sql.join(whole, sql` and `)}`
      : level === "network"
        ? // A network's months are its own (only the network reads them): for anyone else who looks
          // at a network (the consortium's drill-down into a member network) the cube answers, under
          // that reader's row-level security. One of the two branches runs (a one-time filter).
          sql`select null::uuid as ngo_org_id, null::uuid as village_id, r.activity_type, null::uuid as group_id, r.month, r.currency, r.amount
            from ledger_network_months r join activity_types a on a.code = r.activity_type
            where a.kind::text = ${kind} and ${sql.join(whole, sql` and `)} and (select app_current_org()) = ${org.id}::uuid
            union all
            select r.ngo_org_id, r.village_id, r.activity_type, null::uuid as group_id, r.month, r.currency, r.amount
            from ledger_cube r join activity_types a on a.code = r.activity_type
            where a.kind::text = ${kind} and ${sql.join(whole, sql` and `)} and (select app_current_org()) is distinct from ${org.id}::uuid`
        : level === "cube"
          ? sql`select r.ngo_org_id, r.village_id, r.activity_type, null::uuid as group_id, r.month, r.currency, r.amount
            from ledger_cube r join activity_types a on a.code = r.activity_type
            where a.kind::text = ${kind} and ${sql.join(whole, sql` and `)}`
          : // The scope's groups of this kind first (an array), so that the rollup is read by its key
            // (group_id, month) for those groups only, whatever the reader (a network's or a
            // commune's groups span NGOs), and no group is joined row by row.
            sql`select r.ngo_org_id, null::uuid as village_id, null::text as activity_type, r.group_id, r.month, r.currency, r.amount
            from ledger_rollups r
            where r.group_id = any(array(
                select sg.id from groups sg join activity_types a on a.code = sg.activity_type
                where a.kind::text = ${kind} and ${sql.join([groupScopeSql(org, "sg"), ...dimensionFilters(f, "sg")], sql` and `)}))
              and ${sql.join(months, sql` and `)}`;
  if (!p.from && !p.to) return rolled;
  const cut: SQL[] = [sql`l.kind = 'sale'`, sql`l.voided_at is null`, groupScopeSql(org, "g"), ...dimensionFilters(f, "g")];
  if (p.from) cut.push(sql`l.occurred_on >= ${p.from}`);
  if (p.to) cut.push(sql`l.occurred_on <= ${p.to}`);
  const outside: SQL[] = [];
  if (p.first) outside.push(sql`l.occurred_on < ${p.first}`);
  if (p.afterLast) outside.push(sql`l.occurred_on >= ${p.afterLast}`);
  if (outside.length > 0) cut.push(sql`(${sql.join(outside, sql` or `)})`);
  return sql`${rolled}
    union all
    select g.ngo_org_id, g.village_id, g.activity_type, l.group_id, date_trunc('month', l.occurred_on)::date, l.currency, l.amount
    from ledger_entries l join groups g on g.id = l.group_id and g.ngo_org_id = l.ngo_org_id join activity_types a on a.code = g.activity_type
    where a.kind::text = ${kind} and ${sql.join(cut, sql` and `)}`;
}

/**
 * The rate of every month (monthly rates: a month converts at one rate, migration 0012), so that
 * rows join their rate on equality (a hash join) rather than testing every rate period.
 */
export const monthRates = sql`rp as (
  select m::date as month, r.xof_per_mru
  from (select valid_from, lead(valid_from) over (order by valid_from) as valid_to, xof_per_mru from exchange_rates) r,
    generate_series(r.valid_from, coalesce(r.valid_to - 1, date '2100-12-01'), interval '1 month') m
)`;
const ratePeriods = monthRates;
const rateJoin = sql`left join rp on rp.month = s.month`;

const bucketKey: Record<Exclude<Bucket, "group">, string> = {
  total: "'all'",
  ngo: "s.ngo_org_id::text",
  activity: "s.activity_type",
  village: "s.village_id::text",
  month: "to_char(s.month, 'YYYY-MM')",
  quarter: "to_char(s.month, 'YYYY-\"Q\"Q')",
};

type Grouped = Exclude<Bucket, "group">;
type PeriodRow = { bucket: string; key: string; rate: string | null; xof: string; mru: string };

function convertRows(rows: PeriodRow[], labelOf: (bucket: string, key: string) => string) {
  const out = new Map<string, Map<string, { periods: PeriodSums[] }>>();
  for (const r of rows) {
    const b = out.get(r.bucket) ?? new Map<string, { periods: PeriodSums[] }>();
    const e = b.get(r.key) ?? { periods: [] };
    e.periods.push({ xofPerMru: r.rate, xof: Number(r.xof), mru: Number(r.mru) });
    b.set(r.key, e);
    out.set(r.bucket, b);
  }
  const result = new Map<string, (RevenueRow & { unconverted: Unconverted })[]>();
  for (const [bucket, byKey] of out) {
    result.set(
      bucket,
      [...byKey.entries()].map(([key, e]) => {
        const c = convertTotals(e.periods);
        return { key, label: labelOf(bucket, key), xof: c.xof, mru: c.mru, unconverted: c.unconverted };
      }),
    );
  }
  return result;
}

/**
 * Revenue (live sales) for several breakdowns in ONE statement: SQL sums the rollups per bucket
 * and rate period (grouping sets); each bucket is then converted period by period and rounded
 * once (lib/money.ts), exactly as the rows would be.
 */
export async function revenueByBuckets(db: Queryable, org: Org, buckets: Grouped[], f: RevenueFilters, locale = "fr") {
  const sets = buckets.map((b) => sql.raw(b === "total" ? "(rp.xof_per_mru)" : `(${bucketKey[b]}, rp.xof_per_mru)`));
  const split = buckets.filter((b) => b !== "total");
  const bucketName = sql.raw(
    split.length === 0 ? "'total'" : `case ${split.map((b) => `when grouping(${bucketKey[b]}) = 0 then '${b}'`).join(" ")} else 'total' end`,
  );
  const keyExpr = sql.raw(`coalesce(${[...split.map((b) => `case when grouping(${bucketKey[b]}) = 0 then ${bucketKey[b]} end`), "'all'"].join(", ")})`);
  const nameCol = locale === "ar" ? "name_ar" : locale === "en" ? "name_en" : "name_fr";
  // Labels: only the tables of the buckets asked for, joined on their keys' own types.
  const labelCols: SQL[] = [sql`null::text`];
  const labelJoins: SQL[] = [];
  if (buckets.includes("activity")) {
    labelCols.push(sql.raw(`a.${nameCol}`));
    labelJoins.push(sql`left join activity_types a on agg.bucket = 'activity' and a.code = agg.key`);
  }
  if (buckets.includes("village")) {
    labelCols.push(sql`v.name`);
    labelJoins.push(sql`left join places v on v.id = case when agg.bucket = 'village' then agg.key::uuid end`);
  }
  if (buckets.includes("ngo")) {
    labelCols.push(sql`o.name`);
    labelJoins.push(sql`left join organisations o on o.id = case when agg.bucket = 'ngo' then agg.key::uuid end`);
  }
  const result = await db.execute(sql`
    with ${ratePeriods}, s as (${salesSource(org, f, levelFor(org, f, buckets.includes("village")))}),
    agg as (
      select ${bucketName} as bucket, ${keyExpr} as key, rp.xof_per_mru::text as rate,
        coalesce(sum(s.amount) filter (where s.currency = 'XOF'), 0)::text as xof,
        coalesce(sum(s.amount) filter (where s.currency = 'MRU'), 0)::text as mru
      from s ${rateJoin}
      group by grouping sets (${sql.join(sets, sql`, `)})
    )
    select agg.*, coalesce(${sql.join(labelCols, sql`, `)}, agg.key) as label
    from agg ${sql.join(labelJoins, sql` `)}`);
  const rows = rowsOf<PeriodRow & { label: string }>(result);
  const labels = new Map(rows.map((r) => [`${r.bucket}|${r.key}`, r.label]));
  const converted = convertRows(rows, (b, k) => labels.get(`${b}|${k}`) ?? k);
  return Object.fromEntries(buckets.map((b) => [b, converted.get(b) ?? []])) as Record<Grouped, (RevenueRow & { unconverted: Unconverted })[]>;
}

/**
 * Revenue of the largest groups (by their total in XOF, exact in SQL: XOF + MRU × rate), at most
 * `limit`, with how many groups had sales. One statement.
 */
export async function revenueByGroup(db: Queryable, org: Org, f: RevenueFilters, limit = TOP_GROUPS) {
  const p = splitPeriod(f.from, f.to);
  // Without a period (the dashboard's default), the groups are first ranked from their sales per
  // year (ledger_group_sales_years: a few rows a group): a year's MRU converts at no less than the
  // lowest and no more than the highest rate of its months (0 for a month before the first rate;
  // sales are positive), so a group whose highest possible total is below the `limit`-th largest
  // lowest possible total cannot be among the largest. Only the candidates' months are then
  // read and converted exactly, as below. The same result as ranking every group's months.
  const source =
    p.from || p.to
      ? sql`s as (${salesSource(org, f, "group")}), counted as (select null::bigint as n)`
      : sql`t as (
          select y.group_id, y.year, y.currency, y.amount from ledger_group_sales_years y
          where y.group_id = any(${scopeGroupIds(org, f)})
        ),
        ${yearRateBounds},
        bounds as (
          select t.group_id,
            sum(case when t.currency = 'XOF' then t.amount else t.amount * coalesce(yb.lo, 0) end) as lo,
            sum(case when t.currency = 'XOF' then t.amount else t.amount * coalesce(yb.hi, 0) end) as hi
          from t left join yb on yb.year = t.year group by t.group_id
        ),
        cutoff as (select (select b.lo from bounds b order by b.lo desc offset ${limit - 1} limit 1) as v),
        counted as (select count(*) as n from bounds),
        s as (
          select r.ngo_org_id, null::uuid as village_id, null::text as activity_type, r.group_id, r.month, r.currency, r.amount
          from ledger_rollups r
          where r.kind = 'sale' and r.group_id = any(array(
            select b.group_id from bounds b, cutoff c where c.v is null or b.hi >= c.v))
        )`;
  // Each group's periods folded into arrays and ranked in one pass (no self-join of the
  // per-group sums, whose size the planner cannot estimate), then the largest groups' names.
  const result = await db.execute(sql`
    with ${ratePeriods}, ${source},
    per as (
      select s.group_id, rp.xof_per_mru as rate,
        coalesce(sum(s.amount) filter (where s.currency = 'XOF'), 0) as xof,
        coalesce(sum(s.amount) filter (where s.currency = 'MRU'), 0) as mru
      from s ${rateJoin} group by 1, 2
    ),
    ranked as (
      select group_id, array_agg(rate::text) as rates, array_agg(xof::text) as xofs, array_agg(mru::text) as mrus,
        sum(xof + mru * coalesce(rate, 0)) as in_xof, count(*) over () as n
      from per group by group_id order by in_xof desc, group_id limit ${limit}
    )
    select r.group_id::text as key, g.name as label, r.rates, r.xofs, r.mrus, coalesce((select n from counted), r.n)::int as n
    from ranked r join groups g on g.id = r.group_id`);
  const ranked = rowsOf<{ key: string; label: string; rates: (string | null)[]; xofs: string[]; mrus: string[]; n: number }>(result);
  const rows: PeriodRow[] = ranked.flatMap((r) => r.rates.map((rate, i) => ({ bucket: "group", key: r.key, rate, xof: r.xofs[i], mru: r.mrus[i] })));
  const labels = new Map(ranked.map((r) => [r.key, r.label]));
  return { rows: convertRows(rows, (_b, k) => labels.get(k) ?? k).get("group") ?? [], groupsWithSales: Number(ranked[0]?.n ?? 0) };
}

/**
 * Each year's lowest and highest monthly rate (rp has every month from the first rate on: a year
 * it starts after January, or does not reach, has months without a rate, i.e. at rate 0).
 */
const yearRateBounds = sql`yb as (
  select x.year, case when min(x.month) > x.year then 0 else min(x.xof_per_mru) end as lo, max(x.xof_per_mru) as hi
  from (select date_trunc('year', rp.month)::date as year, rp.month, rp.xof_per_mru from rp) x group by x.year
)`;

/** The ids of the scope's groups of the asked kind matching the filters, as an array (for an index on group_id). */
function scopeGroupIds(org: Org, f: RevenueFilters): SQL {
  return sql`array(
    select sg.id from groups sg join activity_types a on a.code = sg.activity_type
    where a.kind::text = ${f.kind ?? "group"} and ${sql.join([groupScopeSql(org, "sg"), ...dimensionFilters(f, "sg")], sql` and `)})`;
}

/**
 * Revenue of the largest villages (by their total converted to XOF, as the page ranks them), at
 * most `limit` of them matter, with how many villages had sales; only without a period or a
 * village (else `null`: every village is read). As for the groups, the villages are first
 * bounded from their groups' sales per year; a year with months before the first rate may count
 * its XOF as unconverted, so its XOF counts from 0. Candidates are the villages whose highest
 * possible total reaches the `limit`-th largest lowest possible total less one (the totals are
 * rounded to units before the page sorts them); only their months are read from the cube and
 * converted exactly. One statement.
 */
async function largestVillages(db: Queryable, org: Org, f: RevenueFilters, limit: number) {
  const p = splitPeriod(f.from, f.to);
  if (p.from || p.to || f.village) return null;
  const result = await db.execute(sql`
    with ${ratePeriods}, ${yearRateBounds},
    t as (
      select y.village_id, y.year, y.currency, sum(y.amount) as amount from ledger_group_sales_years y
      where y.group_id = any(${scopeGroupIds(org, f)}) group by 1, 2, 3
    ),
    bounds as (
      select t.village_id,
        sum(case when t.currency = 'XOF' then (case when coalesce(yb.lo, 0) = 0 then 0 else t.amount end) else t.amount * coalesce(yb.lo, 0) end) as lo,
        sum(case when t.currency = 'XOF' then t.amount else t.amount * coalesce(yb.hi, 0) end) as hi
      from t left join yb on yb.year = t.year group by t.village_id
    ),
    cutoff as (select (select b.lo from bounds b order by b.lo desc offset ${limit - 1} limit 1) - 1 as v),
    s as (
      select s0.* from (${salesSource(org, f, "cube")}) s0
      where s0.village_id = any(array(select b.village_id from bounds b, cutoff c where c.v is null or b.hi >= c.v))
    )
    select s.village_id::text as key, rp.xof_per_mru::text as rate,
      coalesce(sum(s.amount) filter (where s.currency = 'XOF'), 0)::text as xof,
      coalesce(sum(s.amount) filter (where s.currency = 'MRU'), 0)::text as mru,
      (select v.name from places v where v.id = s.village_id) as label,
      (select count(*) from bounds)::int as n
    from s ${rateJoin} group by s.village_id, rp.xof_per_mru`);
  const rows = rowsOf<{ key: string; rate: string | null; xof: string; mru: string; label: string | null; n: number }>(result);
  const labels = new Map(rows.map((r) => [r.key, r.label ?? r.key]));
  const converted =
    convertRows(
      rows.map((r) => ({ ...r, bucket: "village" })),
      (_b, k) => labels.get(k) ?? k,
    ).get("village") ?? [];
  return { rows: converted, villagesWithSales: Number(rows[0]?.n ?? 0) };
}

/** Revenue per bucket in both currencies (one statement). */
export async function revenueBy(db: Queryable, org: Org, bucket: Bucket, f: RevenueFilters, locale = "fr"): Promise<RevenueRow[]> {
  if (bucket === "group") return (await revenueByGroup(db, org, f)).rows;
  return (await revenueByBuckets(db, org, [bucket], f, locale))[bucket];
}

/** Groups in the scope matching the filters (of group activities, or individual ones). */
export async function countGroups(db: Queryable, org: Org, f: RevenueFilters): Promise<number> {
  // From the groups' counts per scope keys (group_counts, kept by the groups' triggers): a third
  // of the groups' rows, and the same filters (they are all keys of the counts).
  const parts: SQL[] = [groupScopeSql(org, "c"), sql`a.kind::text = ${f.kind ?? "group"}`, ...dimensionFilters(f, "c")];
  const result = await db.execute(
    sql`select coalesce(sum(c.groups), 0)::int as n from group_counts c join activity_types a on a.code = c.activity_type where ${sql.join(parts, sql` and `)}`,
  );
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

export interface DashboardData {
  groupCount: number;
  /**
   * A consortium without an NGO filter gets its members side by side (byNgo); the breakdowns by
   * group and village (thousands of rows at national scale) come once an NGO is chosen.
   */
  byNgo: RevenueRow[];
  perMemberOnly: boolean;
  total: { xof: number; mru: number };
  average: { xof: number; mru: number };
  /** Sales dated before the first exchange rate, in their own currency (not in the totals). */
  unconverted: Unconverted;
  byGroup: RevenueRow[];
  /** Groups with sales in the period (byGroup shows the TOP_GROUPS largest). */
  groupsWithSales: number;
  byActivity: RevenueRow[];
  byVillage: RevenueRow[];
  /** Villages with sales in the period (byVillage may hold only the largest: `villageLimit`). */
  villagesWithSales: number;
  byMonth: RevenueRow[];
}

/**
 * The revenue dashboard: at most four statements whatever the size of the scope. With
 * `villageLimit` (the page) and no period, byVillage may hold only the largest villages, at
 * least that many (the exports ask for every one).
 */
export async function loadDashboard(db: Queryable, org: Org, f: RevenueFilters, locale: string, opts: { villageLimit?: number } = {}): Promise<DashboardData> {
  const perMemberOnly = org.type === "consortium" && !f.ngo && !f.village;
  const groupCount = await countGroups(db, org, f);
  const b = await revenueByBuckets(db, org, perMemberOnly ? ["total", "activity", "month", "ngo"] : ["total", "activity", "month"], f, locale);
  const largest = perMemberOnly || !opts.villageLimit ? null : await largestVillages(db, org, f, opts.villageLimit);
  const villages = perMemberOnly ? { village: [] } : largest ? { village: largest.rows } : await revenueByBuckets(db, org, ["village"], f, locale);
  const byGroup = perMemberOnly ? { rows: [], groupsWithSales: 0 } : await revenueByGroup(db, org, f);
  const total = b.total[0];
  const t = { xof: total?.xof ?? 0, mru: total?.mru ?? 0 };
  const avg = (x: number) => (groupCount ? Math.round(x / groupCount) : 0);
  const desc = (a: RevenueRow, c: RevenueRow) => c.xof - a.xof || a.label.localeCompare(c.label);
  const plain = (rows: RevenueRow[]) => rows.map(({ key, label, xof, mru }) => ({ key, label, xof, mru }));
  return {
    groupCount,
    total: t,
    average: { xof: avg(t.xof), mru: avg(t.mru) },
    unconverted: total?.unconverted ?? { xof: 0, mru: 0 },
    byGroup: plain(byGroup.rows).sort(desc),
    groupsWithSales: byGroup.groupsWithSales,
    byActivity: plain(b.activity).sort(desc),
    byVillage: plain(villages.village).sort(desc),
    villagesWithSales: largest ? largest.villagesWithSales : villages.village.length,
    byNgo: plain(b.ngo ?? []).sort(desc),
    perMemberOnly,
    byMonth: plain(b.month).sort((a, c) => a.key.localeCompare(c.key)),
  };
}

/** Totals and group count only (the individual activities' card): two statements. */
export async function loadTotals(db: Queryable, org: Org, f: RevenueFilters) {
  const groupCount = await countGroups(db, org, f);
  const [total] = (await revenueByBuckets(db, org, ["total"], f)).total;
  return { groupCount, total: { xof: total?.xof ?? 0, mru: total?.mru ?? 0 }, unconverted: total?.unconverted ?? { xof: 0, mru: 0 } };
}
