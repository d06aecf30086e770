/** The window of the recent selling rate, in days. */
export const SELLING_WINDOW_DAYS = 30;

/**
 * Days of stock left at the recent selling rate: the level divided by what sold per day over the
 * last `SELLING_WINDOW_DAYS` days, rounded down. Null when nothing sold in the window (no rate).
 */
export function daysOfStockLeft(level: number, soldInWindow: number, windowDays = SELLING_WINDOW_DAYS): number | null {
  if (soldInWindow <= 0 || windowDays <= 0) return null;
  if (level <= 0) return 0;
  return Math.floor((level * windowDays) / soldInWindow);
}

/** An item is due to reorder when its stock will run out before the next grouped purchase. */
export function isDueToReorder(daysLeft: number | null, daysToNextPurchase: number): boolean {
  return daysLeft !== null && daysLeft < daysToNextPurchase;
}

/** Shrinkage of a count: what the movements said minus what was counted (negative: more was found). */
export const shrinkageOf = (expected: number, counted: number) => expected - counted;
