import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "./scope";
import { convertTotals, type Currency, type PeriodSums } from "@/lib/money";
import { monthRates } from "./dashboard";

export type ProfitKind = "sale" | "stock_purchase" | "other_expense";

export interface ProfitSums {
  /** Each kind's live total over the period, in `currency`: both currencies, each month at its rate. */
  sums: Record<ProfitKind, number>;
  /** Amounts in the other currency dated where no rate exists yet: they cannot be converted. */
  unrated: { count: number; amount: number; currency: Currency };
}

/**
 * A group's sales, stock purchases and other expenses over a period, in one currency: amounts in
 * the other currency convert at the rate of their month (the dashboard's rule, rounded once per
 * kind, lib/money.ts), so an XOF purchase reduces an MRU profit. One statement.
 */
export async function profitSums(db: Queryable, groupId: string, currency: Currency, from: string, to: string): Promise<ProfitSums> {
  const rows = rowsOf<{ kind: ProfitKind; rate: string | null; xof: string; mru: string; nxof: string; nmru: string }>(
    await db.execute(sql`
      with ${monthRates}
      select l.kind, rp.xof_per_mru::text as rate,
        coalesce(sum(l.amount) filter (where l.currency = 'XOF'), 0)::text as xof,
        coalesce(sum(l.amount) filter (where l.currency = 'MRU'), 0)::text as mru,
        count(*) filter (where l.currency = 'XOF')::text as nxof,
        count(*) filter (where l.currency = 'MRU')::text as nmru
      from ledger_entries l
      left join rp on rp.month = date_trunc('month', l.occurred_on)::date
      where l.group_id = ${groupId} and l.voided_at is null
        and l.kind in ('sale', 'stock_purchase', 'other_expense')
        and l.occurred_on between ${from} and ${to}
      group by l.kind, rp.xof_per_mru`),
  );
  const other: Currency = currency === "XOF" ? "MRU" : "XOF";
  const sums: Record<ProfitKind, number> = { sale: 0, stock_purchase: 0, other_expense: 0 };
  const unrated = { count: 0, amount: 0, currency: other };
  for (const kind of Object.keys(sums) as ProfitKind[]) {
    const periods: PeriodSums[] = [];
    for (const r of rows.filter((x) => x.kind === kind)) {
      if (r.rate) {
        periods.push({ xofPerMru: r.rate, xof: Number(r.xof), mru: Number(r.mru) });
        continue;
      }
      // No rate: the distribution's own currency needs none; the other cannot be converted.
      sums[kind] += Number(currency === "XOF" ? r.xof : r.mru);
      const foreign = Number(currency === "XOF" ? r.mru : r.xof);
      if (foreign !== 0) {
        unrated.amount += foreign;
        unrated.count += Number(currency === "XOF" ? r.nmru : r.nxof);
      }
    }
    const c = convertTotals(periods);
    sums[kind] += currency === "XOF" ? c.xof : c.mru;
  }
  return { sums, unrated };
}
