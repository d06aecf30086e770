import { describe, expect, it } from "vitest";
import { daysOfStockLeft, isDueToReorder, shrinkageOf } from "./levels";

describe("stock levels", () => {
  it("days left at the recent selling rate, rounded down", () => {
    expect(daysOfStockLeft(20, 30)).toBe(20);
    expect(daysOfStockLeft(10, 60)).toBe(5);
    expect(daysOfStockLeft(7, 30)).toBe(7);
    expect(daysOfStockLeft(1, 45)).toBe(0);
    expect(daysOfStockLeft(0, 30)).toBe(0);
  });
  it("no rate when nothing sold in the window", () => {
    expect(daysOfStockLeft(50, 0)).toBeNull();
    expect(isDueToReorder(null, 30)).toBe(false);
  });
  it("due to reorder when stock runs out before the next grouped purchase", () => {
    expect(isDueToReorder(10, 30)).toBe(true);
    expect(isDueToReorder(30, 30)).toBe(false);
  });
  it("shrinkage is expected minus counted", () => {
    expect(shrinkageOf(40, 37)).toBe(3);
    expect(shrinkageOf(40, 42)).toBe(-2);
  });
});
