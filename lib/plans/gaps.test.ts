import { describe, expect, it } from "vitest";
import { compareQuarter } from "./gaps";

const plan = { monthlySales: 10_000, marginPct: 25, reorderDays: 14 };

describe("plan against a quarter's results", () => {
  it("flags sales 30 % below the plan and a margin 15 points under it", () => {
    const r = compareQuarter(plan, { months: 3, days: 90, sales: 21_000, stockPurchases: 18_900, restocks: ["2025-01-05", "2025-01-19", "2025-02-02"] });
    expect(r.plannedSales).toBe(30_000);
    expect(r.margin).toBe(10);
    expect(r.rhythm).toBe(14);
    expect(r.flags).toEqual(["salesBelow", "marginBelow"]);
  });
  it("flags nothing within the thresholds (sales 10 % above, margin 5 points off)", () => {
    const r = compareQuarter(plan, { months: 3, days: 90, sales: 33_000, stockPurchases: 26_400, restocks: ["2025-01-05", "2025-01-20"] });
    expect(r.margin).toBe(20);
    expect(r.flags).toEqual([]);
  });
  it("flags slow restocking (every 30 days against 14 planned) and no restocking at all", () => {
    expect(
      compareQuarter(plan, { months: 3, days: 90, sales: 30_000, stockPurchases: 22_500, restocks: ["2025-01-01", "2025-01-31", "2025-03-02"] }).flags,
    ).toEqual(["reorderSlow"]);
    expect(compareQuarter(plan, { months: 3, days: 90, sales: 30_000, stockPurchases: 0, restocks: [] }).flags).toEqual(["marginAbove", "noRestock"]);
  });
});
