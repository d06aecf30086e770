import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { convertTotals, type PeriodSums } from "@/lib/money";
import { groupScopeSql, rowsOf } from "./scope";

type Org = Pick<TenantOrg, "id" | "type">;
export type Bucket = "total" | "group" | "activity" | "village" | "month" | "quarter";

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

const keyOf: Record<Bucket, { key: string; label: (locale: string) => string }> = {
  total: { key: "'all'", label: () => "'all'" },
  group: { key: "g.id::text", label: () => "g.name" },
  activity: { key: "a.code", label: (l) => `a.name_${l === "ar" ? "ar" : l === "en" ? "en" : "fr"}` },
  village: { key: "v.id::text", label: () => "v.name" },
  month: { key: "to_char(l.occurred_on, 'YYYY-MM')", label: () => "to_char(l.occurred_on, 'YYYY-MM')" },
  quarter: { key: "to_char(l.occurred_on, 'YYYY-\"Q\"Q')", label: () => "to_char(l.occurred_on, 'YYYY-\"Q\"Q')" },
};

function filterSql(f: RevenueFilters): SQL {
  const parts: SQL[] = [sql`a.kind::text = ${f.kind ?? "group"}`];
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (f.from && date.test(f.from)) parts.push(sql`l.occurred_on >= ${f.from}`);
  if (f.to && date.test(f.to)) parts.push(sql`l.occurred_on <= ${f.to}`);
  if (f.village) parts.push(sql`g.village_id::text = ${f.village}`);
  if (f.activity) parts.push(sql`g.activity_type = ${f.activity}`);
  if (f.ngo) parts.push(sql`g.ngo_org_id::text = ${f.ngo}`);
  return sql.join(parts, sql` and `);
}

/**
 * Revenue (live sales) per bucket in both currencies. SQL sums per bucket and rate period;
 * each bucket is then converted period by period and rounded once (lib/money.ts).
 */
export async function revenueBy(db: Queryable, org: Org, bucket: Bucket, f: RevenueFilters, locale = "fr"): Promise<RevenueRow[]> {
  const k = keyOf[bucket];
  const result = await db.execute(sql`
    with rp as (
      select valid_from, lead(valid_from) over (order by valid_from) as valid_to, xof_per_mru::text as rate from exchange_rates
    )
    select ${sql.raw(k.key)} as key, ${sql.raw(k.label(locale))} as label, rp.rate as rate,
      coalesce(sum(l.amount) filter (where l.currency = 'XOF'), 0)::text as xof,
      coalesce(sum(l.amount) filter (where l.currency = 'MRU'), 0)::text as mru
    from ledger_entries l
    join groups g on g.id = l.group_id and g.ngo_org_id = l.ngo_org_id
    join activity_types a on a.code = g.activity_type
    join places v on v.id = g.village_id
    left join rp on l.occurred_on >= rp.valid_from and (rp.valid_to is null or l.occurred_on < rp.valid_to)
    where ${groupScopeSql(org, "g")} and l.kind = 'sale' and l.voided_at is null and ${filterSql(f)}
    group by 1, 2, 3`);
  const byKey = new Map<string, { label: string; periods: PeriodSums[] }>();
  for (const r of rowsOf<{ key: string; label: string; rate: string | null; xof: string; mru: string }>(result)) {
    const e = byKey.get(r.key) ?? { label: r.label, periods: [] };
    e.periods.push({ xofPerMru: r.rate, xof: Number(r.xof), mru: Number(r.mru) });
    byKey.set(r.key, e);
  }
  return [...byKey.entries()].map(([key, e]) => ({ key, label: e.label, ...convertTotals(e.periods) }));
}

/** Groups in the scope matching the filters (of group activities, or individual ones). */
export async function countGroups(db: Queryable, org: Org, f: RevenueFilters): Promise<number> {
  const parts: SQL[] = [groupScopeSql(org, "g"), sql`a.kind::text = ${f.kind ?? "group"}`];
  if (f.village) parts.push(sql`g.village_id::text = ${f.village}`);
  if (f.activity) parts.push(sql`g.activity_type = ${f.activity}`);
  if (f.ngo) parts.push(sql`g.ngo_org_id::text = ${f.ngo}`);
  const result = await db.execute(
    sql`select count(*)::int as n from groups g join activity_types a on a.code = g.activity_type where ${sql.join(parts, sql` and `)}`,
  );
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

export interface DashboardData {
  groupCount: number;
  total: { xof: number; mru: number };
  average: { xof: number; mru: number };
  byGroup: RevenueRow[];
  byActivity: RevenueRow[];
  byVillage: RevenueRow[];
  byMonth: RevenueRow[];
}

export async function loadDashboard(db: Queryable, org: Org, f: RevenueFilters, locale: string): Promise<DashboardData> {
  const [groupCount, total, byGroup, byActivity, byVillage, byMonth] = [
    await countGroups(db, org, f),
    await revenueBy(db, org, "total", f, locale),
    await revenueBy(db, org, "group", f, locale),
    await revenueBy(db, org, "activity", f, locale),
    await revenueBy(db, org, "village", f, locale),
    await revenueBy(db, org, "month", f, locale),
  ];
  const t = { xof: total[0]?.xof ?? 0, mru: total[0]?.mru ?? 0 };
  const avg = (x: number) => (groupCount ? Math.round(x / groupCount) : 0);
  const desc = (a: RevenueRow, b: RevenueRow) => b.xof - a.xof || a.label.localeCompare(b.label);
  return {
    groupCount,
    total: t,
    average: { xof: avg(t.xof), mru: avg(t.mru) },
    byGroup: byGroup.sort(desc),
    byActivity: byActivity.sort(desc),
    byVillage: byVillage.sort(desc),
    byMonth: byMonth.sort((a, b) => a.key.localeCompare(b.key)),
  };
}
