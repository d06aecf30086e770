import { describe, expect, it } from "vitest";
import { convertAmount, convertTotals, parseRate, rateOn } from "./money";

describe("dated conversion", () => {
  it("reproduces the field report: 960,861 MRU at the implied rate is 16,014,035 XOF", () => {
    expect(convertTotals([{ xofPerMru: "16.6663388", xof: 0, mru: 960_861 }]).xof).toBe(16_014_035);
  });

  it("converts each period at its own rate and rounds once", () => {
    // Rounding each half separately would give 2 + 2 = 4; the exact total 3.0 rounds to 3.
    const r = convertTotals([
      { xofPerMru: "1.5", xof: 0, mru: 1 },
      { xofPerMru: "1.5", xof: 0, mru: 1 },
    ]);
    expect(r.xof).toBe(3);
    const split = convertTotals([
      { xofPerMru: "16.4", xof: 0, mru: 100 },
      { xofPerMru: "16.7", xof: 0, mru: 100 },
    ]);
    expect(split.xof).toBe(1640 + 1670);
  });

  it("adds amounts already in the target currency without converting them", () => {
    const r = convertTotals([{ xofPerMru: "16.5", xof: 1000, mru: 10 }]);
    expect(r.xof).toBe(1165);
    expect(r.mru).toBe(Math.round(10 + 1000 / 16.5));
  });

  it("never guesses a rate that does not exist", () => {
    const r = convertTotals([{ xofPerMru: null, xof: 5, mru: 7 }]);
    expect(r).toEqual({ xof: 0, mru: 0, unconverted: { xof: 5, mru: 7 } });
  });

  it("picks the rate valid at the date", () => {
    const rates = [
      { validFrom: "2018-01-01", r: "a" },
      { validFrom: "2024-01-01", r: "b" },
    ];
    expect(rateOn(rates, "2017-12-31")).toBeNull();
    expect(rateOn(rates, "2023-12-31")?.r).toBe("a");
    expect(rateOn(rates, "2024-01-01")?.r).toBe("b");
  });

  it("parses rates exactly and converts single amounts both ways", () => {
    expect(parseRate("16.6663388")).toEqual({ num: 166663388n, den: 10_000_000n });
    expect(convertAmount(100, "MRU", "XOF", "16.5")).toBe(1650);
    expect(convertAmount(1650, "XOF", "MRU", "16.5")).toBe(100);
    expect(() => parseRate("-1")).toThrow();
  });
});
