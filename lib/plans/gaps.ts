/**
 * Plan against results (issue 17, point 3): what the quarterly evaluation should discuss. A gap is
 * flagged when sales are more than SALES_GAP_PCT % away from the plan (above or below), when the
 * gross margin is more than MARGIN_GAP_POINTS points away, or when restocking is slower than
 * REORDER_SLACK times the planned rhythm (or there was none while the plan expects one).
 */
export const SALES_GAP_PCT = 20;
export const MARGIN_GAP_POINTS = 10;
export const REORDER_SLACK = 1.5;

export interface PlanTargets {
  monthlySales: number;
  marginPct: number;
  reorderDays: number;
}

export interface QuarterActuals {
  /** Months of the quarter the plan covers (3, fewer for the quarter in progress). */
  months: number;
  days: number;
  sales: number;
  stockPurchases: number;
  /** Restocking dates (stock purchases) in the quarter, sorted. */
  restocks: string[];
}

export type GapKind = "salesBelow" | "salesAbove" | "marginBelow" | "marginAbove" | "reorderSlow" | "noRestock";

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

export function compareQuarter(plan: PlanTargets, a: QuarterActuals) {
  const plannedSales = plan.monthlySales * a.months;
  const margin = a.sales > 0 ? Math.round(((a.sales - a.stockPurchases) * 100) / a.sales) : null;
  const gaps = a.restocks.slice(1).map((d, i) => dayNumber(d) - dayNumber(a.restocks[i]));
  const rhythm = gaps.length > 0 ? Math.round(gaps.reduce((s, g) => s + g, 0) / gaps.length) : null;
  const flags: GapKind[] = [];
  if (plannedSales > 0 && Math.abs(a.sales - plannedSales) * 100 > plannedSales * SALES_GAP_PCT)
    flags.push(a.sales < plannedSales ? "salesBelow" : "salesAbove");
  if (margin !== null && Math.abs(margin - plan.marginPct) > MARGIN_GAP_POINTS) flags.push(margin < plan.marginPct ? "marginBelow" : "marginAbove");
  if (a.restocks.length === 0 && plan.reorderDays <= a.days) flags.push("noRestock");
  else if (rhythm !== null && rhythm > plan.reorderDays * REORDER_SLACK) flags.push("reorderSlow");
  return { plannedSales, sales: a.sales, margin, plannedMargin: plan.marginPct, restocks: a.restocks.length, rhythm, plannedRhythm: plan.reorderDays, flags };
}
