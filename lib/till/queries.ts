import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/lib/groups/scope";
import { listCredits } from "@/lib/groups/ledger-queries";
import { itemNameSql, listStockItems } from "@/lib/stock/queries";

/**
 * What the picture till and its daily sheet show (issue 17, point 5). The group is verified by
 * the caller (findVisibleGroup); row-level security scopes every read besides.
 */
export interface TillItemRow {
  id: string;
  name: string;
  pictogram: string;
  unit: string;
}

/** The group's items with their pictogram (the commune's product's, or a plain box). */
export async function listTillItems(db: Queryable, groupId: string, locale: string): Promise<TillItemRow[]> {
  return rowsOf<TillItemRow>(
    await db.execute(sql`select i.id, ${itemNameSql(locale)} as name, coalesce(p.pictogram, 'other') as pictogram, i.unit
      from stock_items i left join products p on p.id = i.product_id
      where i.group_id = ${groupId} order by coalesce(p.sort_order, 1000), 2`),
  );
}

/**
 * Credits still owed (oldest due first) and the names of the group's earlier credit customers
 * (most recent first, at most twelve): a name is picked again rather than typed. Names are read
 * only by the supporting NGO (customer_credit_names' policies): the caller passes `seesPeople`.
 */
export async function listTillCredits(db: Queryable, groupId: string, today: string, seesPeople: boolean) {
  const all = seesPeople ? await listCredits(db, groupId, today) : [];
  const open = all.filter((c) => c.outstanding > 0).map((c) => ({ id: c.id, customerName: c.customerName, outstanding: c.outstanding, currency: c.currency }));
  const customers = [...new Set([...all].sort((a, b) => (a.grantedOn < b.grantedOn ? 1 : -1)).map((c) => c.customerName))].filter(Boolean).slice(0, 12);
  return { open, customers };
}

export interface DayEntry {
  kind: "sale" | "stock_purchase" | "other_expense" | "contribution";
  amount: number;
  currency: "XOF" | "MRU";
  note: string;
}

/** The day's sheet: each item's expected stock that morning, and what the ledger holds for that day. */
export async function loadDailySheet(db: Queryable, groupId: string, date: string, locale: string) {
  const items = await listStockItems(db, groupId, locale);
  const morning = rowsOf<{ id: string; level: number; pictogram: string; soldThatDay: number; receivedThatDay: number }>(
    await db.execute(sql`select i.id, coalesce(p.pictogram, 'other') as pictogram,
        coalesce((select sum(m.quantity) from stock_movements m where m.item_id = i.id and m.occurred_on < ${date}::date), 0)::int as level,
        coalesce((select -sum(m.quantity) from stock_movements m where m.item_id = i.id and m.kind = 'sold' and m.occurred_on = ${date}::date), 0)::int as "soldThatDay",
        coalesce((select sum(m.quantity) from stock_movements m where m.item_id = i.id and m.kind = 'received' and m.occurred_on = ${date}::date), 0)::int as "receivedThatDay"
      from stock_items i left join products p on p.id = i.product_id where i.group_id = ${groupId}`),
  );
  const byId = new Map(morning.map((m) => [m.id, m]));
  const entries = rowsOf<DayEntry>(
    await db.execute(sql`select e.kind, e.amount::float8 as amount, e.currency, coalesce(n.note, '') as note
      from ledger_entries e left join ledger_entry_notes n on n.entry_id = e.id
      where e.group_id = ${groupId} and e.occurred_on = ${date}::date and e.voided_at is null order by e.created_at, e.id`),
  );
  return {
    items: items.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit,
      pictogram: byId.get(i.id)?.pictogram ?? "other",
      morning: byId.get(i.id)?.level ?? 0,
      sold: byId.get(i.id)?.soldThatDay ?? 0,
      received: byId.get(i.id)?.receivedThatDay ?? 0,
    })),
    entries,
  };
}
