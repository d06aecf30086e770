import { describe, expect, it } from "vitest";
import { computeProfit, shareProfit } from "./profit";

const members = (weights: number[]) => weights.map((weight, i) => ({ membershipId: `m${i}`, weight }));
const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

describe("profit sharing", () => {
  it("profit is sales minus purchases minus expenses", () => {
    expect(computeProfit({ sale: 1000, stock_purchase: 600, other_expense: 150 })).toBe(250);
  });

  it("equal shares sum exactly; the leftover units go to the first members", () => {
    const s = shareProfit(100, members([1, 1, 1]));
    expect(s.map((x) => x.amount)).toEqual([34, 33, 33]);
    expect(sum(s)).toBe(100);
  });

  it("weighted shares follow the largest remainder", () => {
    // 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5: floors 1+3+5 = 9, the unit goes to .67.
    expect(shareProfit(10, members([1, 2, 3])).map((x) => x.amount)).toEqual([2, 3, 5]);
  });

  it("always sums to the profit, for many profits and member sets", () => {
    for (let profit = 0; profit < 400; profit += 7) {
      for (const w of [[1], [1, 1, 1, 1, 1, 1, 1], [3, 1, 2, 2, 5], [1, 19]]) {
        const s = shareProfit(profit, members(w));
        expect(sum(s)).toBe(profit);
        expect(s.every((x) => x.amount >= 0)).toBe(true);
      }
    }
    expect(sum(shareProfit(960_861, members([1, 2, 3, 4, 5, 6, 7])))).toBe(960_861);
  });

  it("refuses a negative profit and bad weights", () => {
    expect(() => shareProfit(-1, members([1]))).toThrow();
    expect(() => shareProfit(10, members([0]))).toThrow();
    expect(shareProfit(10, [])).toEqual([]);
  });
});
