import { describe, expect, it } from "vitest";
import { median, monthRange, stabilitySeries } from "./stability";

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });
});

describe("stabilitySeries", () => {
  const obs = [
    { observedOn: "2026-01-05", price: 100 },
    { observedOn: "2026-01-20", price: 104 },
    { observedOn: "2026-02-10", price: 98 },
    { observedOn: "2026-03-10", price: 100 },
    { observedOn: "2026-04-03", price: 121 },
    { observedOn: "2026-04-17", price: 125 },
    { observedOn: "2026-05-02", price: 120 },
  ];

  it("compares each month's median with the trailing three-month median", () => {
    const [, , apr] = stabilitySeries(obs, 20, ["2026-02", "2026-03", "2026-04"]);
    // Trailing Jan-Mar: 98, 100, 100, 104 -> 100; April median 123 -> +23 %.
    expect(apr).toEqual({ month: "2026-04", median: 123, trailingMedian: 100, changePct: 23, isAlert: true });
  });

  it("raises no alert at exactly the threshold, nor without history", () => {
    const at = stabilitySeries(
      [
        { observedOn: "2026-01-05", price: 100 },
        { observedOn: "2026-02-05", price: 120 },
      ],
      20,
      ["2026-01", "2026-02"],
    );
    expect(at[0]).toMatchObject({ trailingMedian: null, changePct: null, isAlert: false });
    expect(at[1]).toMatchObject({ changePct: 20, isAlert: false });
  });

  it("honours a configurable threshold and catches falls too", () => {
    const fall = stabilitySeries(
      [
        { observedOn: "2026-01-05", price: 100 },
        { observedOn: "2026-02-05", price: 89 },
      ],
      10,
      ["2026-02"],
    );
    expect(fall[0]).toMatchObject({ changePct: -11, isAlert: true });
  });

  it("May's trailing window (Feb-Apr) includes April's jump", () => {
    const [may] = stabilitySeries(obs, 20, ["2026-05"]);
    expect(may.trailingMedian).toBe(110.5);
    expect(may.isAlert).toBe(false);
  });

  it("lists months across a year end", () => {
    expect(monthRange("2026-02", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
});
