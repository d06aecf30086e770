import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { addDays, addMonths, monthOf, today } from "@/lib/dates";
import { groupScopeSql, rowsOf } from "@/lib/groups/scope";
import { daysOfStockLeft, isDueToReorder, SELLING_WINDOW_DAYS } from "./levels";
import { itemNameSql } from "./queries";

type Org = Pick<TenantOrg, "id" | "type">;

/** Months shown on the supply dashboard, the current one included. */
export const SUPPLY_MONTHS = 12;
/** Days to the next grouped purchase when the commune's sessions give no date. */
export const NEXT_PURCHASE_FALLBACK_DAYS = 30;

const firstMonth = () => `${addMonths(monthOf(today()), -(SUPPLY_MONTHS - 1))}-01`;

export interface OutDaysRow {
  month: string;
  village: string;
  item: string;
  days: number;
  groups: number;
}

/** Stock-out days per month, village and item (a day out of one item in one group is one day), from the stock-out records. */
export async function stockOutDays(db: Queryable, org: Org, locale: string): Promise<OutDaysRow[]> {
  const now = today();
  const from = firstMonth();
  return rowsOf<OutDaysRow>(
    await db.execute(sql`with days as (
        select o.group_id, o.item_id, d::date as day
        from stock_outs o join groups g on g.id = o.group_id
        cross join lateral generate_series(greatest(o.started_on, ${from}::date), coalesce(o.ended_on, ${now}::date + 1) - 1, interval '1 day') d
        where ${groupScopeSql(org, "g")} and coalesce(o.ended_on, ${now}::date + 1) > ${from}::date)
      select to_char(x.day, 'YYYY-MM') as month, v.name as village, ${itemNameSql(locale)} as item,
        count(*)::int as days, count(distinct x.group_id)::int as groups
      from days x join groups g on g.id = x.group_id join places v on v.id = g.village_id
      join stock_items i on i.id = x.item_id left join products p on p.id = i.product_id
      group by 1, 2, 3 order by 1 desc, 2, 3`),
  );
}

export interface ReorderRow {
  groupId: string;
  group: string;
  village: string;
  item: string;
  unit: string;
  level: number;
  daysLeft: number;
  nextPurchase: string | null;
  daysToNext: number;
}

/**
 * The next grouped purchase of a commune: its next price session, or else its sessions' rhythm
 * carried on from the last one (the average interval), the first such date after today.
 */
export function nextPurchaseOn(now: string, s: { nextOn: string | null; firstOn: string | null; lastOn: string | null; sessions: number }): string | null {
  if (s.nextOn) return s.nextOn;
  if (!s.firstOn || !s.lastOn || s.sessions < 2) return null;
  const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
  const interval = Math.max(1, Math.round(days(s.firstOn, s.lastOn) / (s.sessions - 1)));
  let next = addDays(s.lastOn, interval);
  while (next <= now) next = addDays(next, interval);
  return next;
}

/** Items whose stock runs out, at the recent selling rate, before the commune's next grouped purchase. */
export async function dueToReorder(db: Queryable, org: Org, locale: string): Promise<ReorderRow[]> {
  const now = today();
  const from = addDays(now, -SELLING_WINDOW_DAYS);
  const rows = rowsOf<{
    groupId: string;
    group: string;
    village: string;
    item: string;
    unit: string;
    level: number;
    soldRecent: number;
    nextOn: string | null;
    firstOn: string | null;
    lastOn: string | null;
    sessions: number;
  }>(
    await db.execute(sql`with items as (
        select i.id, g.id as group_id, g.name as group_name, v.name as village, v.parent_id as commune_place, ${itemNameSql(locale)} as item, i.unit,
          coalesce(sum(m.quantity), 0)::int as level,
          coalesce(-sum(m.quantity) filter (where m.kind = 'sold' and m.occurred_on > ${from}::date), 0)::int as sold_recent
        from stock_items i join groups g on g.id = i.group_id join places v on v.id = g.village_id
        left join products p on p.id = i.product_id left join stock_movements m on m.item_id = i.id
        where ${groupScopeSql(org, "g")} and g.archived_at is null
        group by i.id, g.id, v.id, p.id),
      sessions as (
        select o.territory_place_id as place, min(s.held_on) filter (where s.held_on > ${now}::date) as next_on,
          min(s.held_on) as first_on, max(s.held_on) as last_on, count(*)::int as n
        from price_sessions s join organisations o on o.id = s.commune_org_id group by o.territory_place_id)
      select x.group_id as "groupId", x.group_name as group, x.village, x.item, x.unit, x.level, x.sold_recent as "soldRecent",
        s.next_on::text as "nextOn", s.first_on::text as "firstOn", s.last_on::text as "lastOn", coalesce(s.n, 0) as sessions
      from items x left join sessions s on s.place = x.commune_place
      where x.sold_recent > 0
      order by x.village, x.group_name, x.item`),
  );
  const out: ReorderRow[] = [];
  for (const r of rows) {
    const daysLeft = daysOfStockLeft(r.level, r.soldRecent);
    const nextPurchase = nextPurchaseOn(now, r);
    const daysToNext = nextPurchase ? Math.round((Date.parse(nextPurchase) - Date.parse(now)) / 86_400_000) : NEXT_PURCHASE_FALLBACK_DAYS;
    if (daysLeft !== null && isDueToReorder(daysLeft, daysToNext)) {
      out.push({ groupId: r.groupId, group: r.group, village: r.village, item: r.item, unit: r.unit, level: r.level, daysLeft, nextPurchase, daysToNext });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.village.localeCompare(b.village));
}

export interface ShrinkageRow {
  month: string;
  village: string;
  item: string;
  unit: string;
  counts: number;
  expected: number;
  counted: number;
  shrinkage: number;
}

/** Counts per month, village and item: what the movements said, what was counted, the shrinkage (expected − counted). */
export async function shrinkageByMonth(db: Queryable, org: Org, locale: string): Promise<ShrinkageRow[]> {
  return rowsOf<ShrinkageRow>(
    await db.execute(sql`select to_char(c.counted_on, 'YYYY-MM') as month, v.name as village, ${itemNameSql(locale)} as item, i.unit,
        count(*)::int as counts, sum(c.expected)::int as expected, sum(c.counted)::int as counted, sum(c.expected - c.counted)::int as shrinkage
      from stock_counts c join groups g on g.id = c.group_id join places v on v.id = g.village_id
      join stock_items i on i.id = c.item_id left join products p on p.id = i.product_id
      where ${groupScopeSql(org, "g")} and c.counted_on >= ${firstMonth()}::date
      group by 1, 2, 3, 4 order by 1 desc, 2, 3`),
  );
}

export interface OutsRevenueRow {
  month: string;
  /** Null in a month without sales. */
  currency: string | null;
  /** Stock-out days of the month, in every group that keeps stock. */
  outDays: number;
  /** Groups that keep stock with a stock-out in the month. */
  groupsOut: number;
  /** Of the groups with sales in the month: those with a stock-out and their sales, those without and theirs. */
  sellingOut: number;
  sellingNotOut: number;
  revenueOut: number;
  revenueNotOut: number;
}

/**
 * Stock-outs next to the revenue of the same months: per month and currency, the stock-out days of
 * the groups that keep stock, how many had a stock-out, and the sales (ledger rollups) of those
 * that had one and of those that did not.
 */
export async function outsAndRevenue(db: Queryable, org: Org): Promise<OutsRevenueRow[]> {
  const now = today();
  const from = firstMonth();
  return rowsOf<OutsRevenueRow>(
    await db.execute(sql`with stocked as (
        select distinct g.id from groups g join stock_items i on i.group_id = g.id where ${groupScopeSql(org, "g")}),
      outs as (
        select o.group_id, date_trunc('month', d)::date as month, count(*)::int as days
        from stock_outs o join stocked s on s.id = o.group_id
        cross join lateral generate_series(greatest(o.started_on, ${from}::date), coalesce(o.ended_on, ${now}::date + 1) - 1, interval '1 day') d
        where coalesce(o.ended_on, ${now}::date + 1) > ${from}::date
        group by 1, 2),
      sales as (
        select r.group_id, r.month, r.currency, sum(r.amount)::bigint as amount
        from ledger_rollups r join stocked s on s.id = r.group_id
        where r.kind = 'sale' and r.month >= ${from}::date group by 1, 2, 3),
      months as (select month from outs union select month from sales)
      select to_char(mo.month, 'YYYY-MM') as month, x.currency::text as currency,
        (select coalesce(sum(y.days), 0) from outs y where y.month = mo.month)::int as "outDays",
        (select count(*) from outs y where y.month = mo.month)::int as "groupsOut",
        count(o.group_id)::int as "sellingOut", (count(x.group_id) - count(o.group_id))::int as "sellingNotOut",
        coalesce(sum(x.amount) filter (where o.group_id is not null), 0)::bigint as "revenueOut",
        coalesce(sum(x.amount) filter (where o.group_id is null), 0)::bigint as "revenueNotOut"
      from months mo left join sales x on x.month = mo.month left join outs o on o.group_id = x.group_id and o.month = x.month
      group by mo.month, x.currency order by mo.month desc, x.currency`),
  ).map((r) => ({ ...r, revenueOut: Number(r.revenueOut), revenueNotOut: Number(r.revenueNotOut) }));
}
