import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { addDays, today } from "@/lib/dates";
import { rowsOf } from "@/lib/groups/scope";
import { daysOfStockLeft, SELLING_WINDOW_DAYS } from "./levels";

/** An item's name in the locale: the commune's product name, or the group's own name. */
export function itemNameSql(locale: string, item = "i", product = "p"): SQL {
  const col = locale === "ar" ? "name_ar" : locale === "en" ? "name_en" : "name_fr";
  return sql.raw(`coalesce(${product}.${col}, ${item}.name)`);
}

/** A product's name in the locale. */
export function productNameSql(locale: string, product = "p"): SQL {
  return sql.raw(`${product}.${locale === "ar" ? "name_ar" : locale === "en" ? "name_en" : "name_fr"}`);
}

export interface StockItemRow {
  id: string;
  name: string;
  unit: string;
  level: number;
  received: number;
  sold: number;
  shrinkage: number;
  soldRecent: number;
  daysLeft: number | null;
  outSince: string | null;
  outDays: number;
}

/**
 * A group's items (group verified by the caller) with their level (received − sold − shrinkage),
 * the recent selling rate's days left, the open stock-out and the stock-out days of the last year.
 */
export async function listStockItems(db: Queryable, groupId: string, locale: string): Promise<StockItemRow[]> {
  const now = today();
  const from = addDays(now, -SELLING_WINDOW_DAYS);
  const yearAgo = addDays(now, -365);
  const rows = rowsOf<Omit<StockItemRow, "daysLeft">>(
    await db.execute(sql`select i.id, ${itemNameSql(locale)} as name, i.unit,
        coalesce(m.level, 0)::int as level, coalesce(m.received, 0)::int as received, coalesce(m.sold, 0)::int as sold,
        coalesce(m.shrinkage, 0)::int as shrinkage, coalesce(m.sold_recent, 0)::int as "soldRecent",
        (select o.started_on::text from stock_outs o where o.item_id = i.id and o.ended_on is null) as "outSince",
        (select coalesce(sum(coalesce(o.ended_on, ${now}::date + 1) - greatest(o.started_on, ${yearAgo}::date)), 0)::int from stock_outs o
          where o.item_id = i.id and coalesce(o.ended_on, ${now}::date + 1) > ${yearAgo}::date) as "outDays"
      from stock_items i
      left join products p on p.id = i.product_id
      left join lateral (
        select sum(x.quantity) as level,
          sum(x.quantity) filter (where x.kind = 'received') as received,
          -sum(x.quantity) filter (where x.kind = 'sold') as sold,
          -sum(x.quantity) filter (where x.kind = 'shrinkage') as shrinkage,
          -sum(x.quantity) filter (where x.kind = 'sold' and x.occurred_on > ${from}::date) as sold_recent
        from stock_movements x where x.item_id = i.id) m on true
      where i.group_id = ${groupId}
      order by coalesce(p.sort_order, 1000), 2`),
  );
  return rows.map((r) => ({ ...r, daysLeft: daysOfStockLeft(r.level, r.soldRecent) }));
}

export interface CountRow {
  id: string;
  item: string;
  unit: string;
  countedOn: string;
  expected: number;
  counted: number;
  shrinkage: number;
}

/** The group's last counts, newest first, with the shrinkage each found (expected − counted). */
export async function listCounts(db: Queryable, groupId: string, locale: string, limit = 20): Promise<CountRow[]> {
  return rowsOf<CountRow>(
    await db.execute(sql`select c.id, ${itemNameSql(locale)} as item, i.unit, c.counted_on::text as "countedOn", c.expected, c.counted,
        (c.expected - c.counted)::int as shrinkage
      from stock_counts c join stock_items i on i.id = c.item_id left join products p on p.id = i.product_id
      where c.group_id = ${groupId} order by c.counted_on desc, c.created_at desc limit ${limit}`),
  );
}

export interface StockOutRow {
  id: string;
  item: string;
  startedOn: string;
  endedOn: string | null;
  days: number;
}

/** The group's stock-outs, newest first; days count from the first day out to the day before it was back (today if open). */
export async function listStockOuts(db: Queryable, groupId: string, locale: string, limit = 20): Promise<StockOutRow[]> {
  const now = today();
  return rowsOf<StockOutRow>(
    await db.execute(sql`select o.id, ${itemNameSql(locale)} as item, o.started_on::text as "startedOn", o.ended_on::text as "endedOn",
        (coalesce(o.ended_on, ${now}::date + 1) - o.started_on)::int as days
      from stock_outs o join stock_items i on i.id = o.item_id left join products p on p.id = i.product_id
      where o.group_id = ${groupId} order by o.started_on desc, o.created_at desc limit ${limit}`),
  );
}

/** The products of the commune of the group's village that the group has no item of yet. */
export async function listAddableProducts(db: Queryable, groupId: string, locale: string) {
  return rowsOf<{ id: string; name: string; unit: string }>(
    await db.execute(sql`select p.id, ${productNameSql(locale)} as name, p.unit
      from groups g join places v on v.id = g.village_id
      join organisations o on o.territory_place_id = v.parent_id and o.type = 'commune'
      join products p on p.commune_org_id = o.id and p.archived_at is null
      where g.id = ${groupId} and not exists (select 1 from stock_items i where i.group_id = g.id and i.product_id = p.id)
      order by p.sort_order, 2`),
  );
}

export interface LedgerSalesMonthRow {
  month: string;
  currency: "XOF" | "MRU";
  /** The ledger's sales of the month (not voided). */
  total: number;
  /** Of which entered per item (an entry with its item's sale). */
  perItem: number;
  /** Of which in money only (a day's total, a sale without item). */
  moneyOnly: number;
  itemEntries: number;
}

export interface ItemSalesMonthRow {
  month: string;
  item: string;
  unit: string;
  /** Sold with its amount: the ledger entries of the next columns. */
  withAmount: number;
  amountMru: number;
  amountXof: number;
  /** Sold without amount: its money is in the month's money-only sales. */
  withoutAmount: number;
}

/**
 * How a group's sales in the ledger and its stock reconcile, month by month (issue 17, point 1):
 * the ledger's sales split into those entered per item (whose entry names its item sale, migration
 * 0048) and those in money only; and per item, what was sold with its amount (the same entries)
 * and without. A voided entry counts nowhere: its item sale was given back to the stock.
 */
export async function listSalesReconciliation(db: Queryable, groupId: string, locale: string, since: string) {
  const months = await ledgerMonths(db, groupId, since, "sale");
  const purchases = await ledgerMonths(db, groupId, since, "stock_purchase");
  const items = rowsOf<ItemSalesMonthRow>(
    await db.execute(sql`select to_char(m.occurred_on, 'YYYY-MM') as month, ${itemNameSql(locale)} as item, i.unit,
        coalesce(-sum(m.quantity) filter (where e.id is not null), 0)::int as "withAmount",
        coalesce(sum(e.amount) filter (where e.currency = 'MRU'), 0)::float8 as "amountMru",
        coalesce(sum(e.amount) filter (where e.currency = 'XOF'), 0)::float8 as "amountXof",
        coalesce(-sum(m.quantity) filter (where m.ledger_entry_id is null), 0)::int as "withoutAmount"
      from stock_movements m
      join stock_items i on i.id = m.item_id left join products p on p.id = i.product_id
      left join ledger_entries e on e.id = m.ledger_entry_id and e.voided_at is null
      where m.group_id = ${groupId} and m.kind = 'sold' and m.reverses_id is null and m.occurred_on >= ${since}::date
        and (m.ledger_entry_id is null or e.id is not null)
      group by 1, 2, 3 order by 1 desc, 2`),
  );
  return { months, purchases, items };
}

/** The ledger's sales or stock purchases of each month, split into those entered per item and those in money only. */
async function ledgerMonths(db: Queryable, groupId: string, since: string, kind: "sale" | "stock_purchase") {
  return rowsOf<LedgerSalesMonthRow>(
    await db.execute(sql`select to_char(e.occurred_on, 'YYYY-MM') as month, e.currency,
        sum(e.amount)::float8 as total,
        coalesce(sum(e.amount) filter (where l.id is not null), 0)::float8 as "perItem",
        coalesce(sum(e.amount) filter (where l.id is null), 0)::float8 as "moneyOnly",
        count(l.id)::int as "itemEntries"
      from ledger_entries e
      left join stock_movements l on l.ledger_entry_id = e.id and l.reverses_id is null
      where e.group_id = ${groupId} and e.kind = ${kind} and e.voided_at is null and e.occurred_on >= ${since}::date
      group by 1, 2 order by 1 desc, 2`),
  );
}
