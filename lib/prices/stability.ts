import { addMonths, monthOf } from "@/lib/dates";

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A trend (the trailing median) is only a reference when it rests on at least this many observations. */
export const MIN_TREND_OBSERVATIONS = 3;

export interface Observation {
  observedOn: string;
  price: number;
}

export interface MonthPoint {
  month: string;
  median: number | null;
  /** Observations in the month. */
  count: number;
  /** Median of all observations of the three months before. */
  trailingMedian: number | null;
  /** Observations in the three months before. */
  trailingCount: number;
  /** (median - trailing) / trailing, in percent, rounded to one decimal: for display only. */
  changePct: number | null;
  /** Judged on the exact change, never on the rounded one. */
  isAlert: boolean;
}

/**
 * Whether a median moves more than `thresholdPct` percent away from its trend, compared exactly:
 * |median - trailing| × 100 > threshold × trailing (no rounding, no division).
 */
export function isBeyondThreshold(current: number, trailing: number, thresholdPct: number): boolean {
  return trailing > 0 && Math.abs(current - trailing) * 100 > thresholdPct * trailing;
}

/**
 * Monthly observed medians of one product at one place (one currency) and the stability alert:
 * the month's median moves more than `thresholdPct` percent away from the trailing three-month
 * median, and that trend rests on at least MIN_TREND_OBSERVATIONS observations.
 */
export function stabilitySeries(observations: readonly Observation[], thresholdPct: number, months: readonly string[]): MonthPoint[] {
  const byMonth = new Map<string, number[]>();
  for (const o of observations) {
    const m = monthOf(o.observedOn);
    byMonth.set(m, [...(byMonth.get(m) ?? []), o.price]);
  }
  return months.map((month) => {
    const values = byMonth.get(month) ?? [];
    const trailingValues = [1, 2, 3].flatMap((k) => byMonth.get(addMonths(month, -k)) ?? []);
    const current = median(values);
    const trailing = median(trailingValues);
    const comparable = current !== null && trailing !== null && trailing > 0;
    const changePct = comparable ? Math.round(((current - trailing) / trailing) * 1000) / 10 : null;
    const isAlert = comparable && trailingValues.length >= MIN_TREND_OBSERVATIONS && isBeyondThreshold(current, trailing, thresholdPct);
    return { month, median: current, count: values.length, trailingMedian: trailing, trailingCount: trailingValues.length, changePct, isAlert };
  });
}

/** The series of each place where the product was observed: markets are never pooled. */
export function stabilityByPlace<P extends string>(
  observations: readonly (Observation & { placeId: P })[],
  thresholdPct: number,
  months: readonly string[],
): { placeId: P; points: MonthPoint[] }[] {
  const byPlace = new Map<P, Observation[]>();
  for (const o of observations) byPlace.set(o.placeId, [...(byPlace.get(o.placeId) ?? []), o]);
  return [...byPlace.entries()].map(([placeId, obs]) => ({ placeId, points: stabilitySeries(obs, thresholdPct, months) }));
}

/** The `count` months ending with `lastMonth`, oldest first. */
export function monthRange(lastMonth: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(lastMonth, i - count + 1));
}
