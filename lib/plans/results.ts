import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { convertTotals, type Currency, type PeriodSums } from "@/lib/money";
import { monthRates } from "@/lib/groups/dashboard";
import { rowsOf } from "@/lib/groups/scope";
import { lastQuarters, quarterBounds, quarterOf } from "@/lib/quarters/quarter";
import { today as todayIso } from "@/lib/dates";
import type { businessPlans } from "@/db/schema";
import { compareQuarter } from "./gaps";

type Plan = typeof businessPlans.$inferSelect;
const QUARTERS = 4;

/**
 * The group's last four quarters against its plan (issue 17, point 3): sales and stock purchases
 * from the ledger's monthly rollups (ledger_rollups, kept by the ledger's triggers), converted to
 * the plan's currency at each month's rate; restocking dates from the stock purchases. Each quarter
 * is compared with the plan version in force at its end (the first version before it existed).
 * Three statements whatever the ledger's size.
 */
export async function planAgainstResults(db: Queryable, groupId: string, versions: Plan[], on = todayIso()) {
  if (versions.length === 0) return [];
  const quarters = lastQuarters(quarterOf(on), QUARTERS);
  const from = quarterBounds(quarters[0]).start;
  const to = quarterBounds(quarters[quarters.length - 1]).end;
  const sums = rowsOf<{ quarter: string; kind: "sale" | "stock_purchase"; rate: string | null; xof: string; mru: string }>(
    await db.execute(sql`
      with ${monthRates}
      select to_char(r.month, 'YYYY') || '-Q' || extract(quarter from r.month)::int as quarter, r.kind, rp.xof_per_mru::text as rate,
        coalesce(sum(r.amount) filter (where r.currency = 'XOF'), 0)::text as xof,
        coalesce(sum(r.amount) filter (where r.currency = 'MRU'), 0)::text as mru
      from ledger_rollups r
      left join rp on rp.month = r.month
      where r.group_id = ${groupId} and r.kind in ('sale', 'stock_purchase') and r.month between ${from} and ${to}
      group by 1, r.kind, rp.xof_per_mru`),
  );
  const restocks = rowsOf<{ on: string }>(
    await db.execute(sql`
      select distinct l.occurred_on::text as on from ledger_entries l
      where l.group_id = ${groupId} and l.kind = 'stock_purchase' and l.voided_at is null and l.occurred_on between ${from} and ${to}
      order by 1`),
  ).map((r) => r.on);
  const oldestFirst = [...versions].sort((a, b) => a.version - b.version);
  return quarters.map((q) => {
    const { start, end } = quarterBounds(q);
    const plan = oldestFirst.filter((p) => p.createdAt.toISOString().slice(0, 10) <= end).at(-1) ?? oldestFirst[0];
    const total = (kind: "sale" | "stock_purchase") =>
      inCurrency(
        sums.filter((s) => s.quarter === q && s.kind === kind),
        plan.currency,
      );
    const inProgress = on < end;
    const last = inProgress ? on : end;
    const months = inProgress ? Number(on.slice(5, 7)) - Number(start.slice(5, 7)) + 1 : 3;
    const days = Math.round((Date.parse(last) - Date.parse(start)) / 86_400_000) + 1;
    const r = compareQuarter(plan, {
      months,
      days,
      sales: total("sale"),
      stockPurchases: total("stock_purchase"),
      restocks: restocks.filter((d) => d >= start && d <= end),
    });
    // A quarter in progress is shown, not yet flagged.
    return { quarter: q, inProgress, planVersion: plan.version, currency: plan.currency, ...r, flags: inProgress ? [] : r.flags };
  });
}

/** Sums of one kind in the plan's currency: the other currency at its month's rate (rounded once); without a rate, only the plan's currency counts. */
function inCurrency(rows: { rate: string | null; xof: string; mru: string }[], currency: Currency) {
  const periods: PeriodSums[] = rows.filter((r) => r.rate).map((r) => ({ xofPerMru: r.rate, xof: Number(r.xof), mru: Number(r.mru) }));
  const c = convertTotals(periods);
  const unrated = rows.filter((r) => !r.rate).reduce((s, r) => s + Number(currency === "XOF" ? r.xof : r.mru), 0);
  return (currency === "XOF" ? c.xof : c.mru) + unrated;
}
