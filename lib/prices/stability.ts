import { addMonths, monthOf } from "./dates";

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Observation {
  observedOn: string;
  price: number;
}

export interface MonthPoint {
  month: string;
  median: number | null;
  /** Median of all observations of the three months before. */
  trailingMedian: number | null;
  /** (median - trailing) / trailing, in percent, rounded to one decimal. */
  changePct: number | null;
  isAlert: boolean;
}

/**
 * Monthly observed medians of one product (one currency) and the stability alert: the month's
 * median moves more than `thresholdPct` percent away from the trailing three-month median.
 */
export function stabilitySeries(observations: readonly Observation[], thresholdPct: number, months: readonly string[]): MonthPoint[] {
  const byMonth = new Map<string, number[]>();
  for (const o of observations) {
    const m = monthOf(o.observedOn);
    byMonth.set(m, [...(byMonth.get(m) ?? []), o.price]);
  }
  return months.map((month) => {
    const current = median(byMonth.get(month) ?? []);
    const trailing = median([1, 2, 3].flatMap((k) => byMonth.get(addMonths(month, -k)) ?? []));
    const changePct =
      current !== null && trailing !== null && trailing > 0 ? Math.round(((current - trailing) / trailing) * 1000) / 10 : null;
    return { month, median: current, trailingMedian: trailing, changePct, isAlert: changePct !== null && Math.abs(changePct) > thresholdPct };
  });
}

/** The `count` months ending with `lastMonth`, oldest first. */
export function monthRange(lastMonth: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(lastMonth, i - count + 1));
}
