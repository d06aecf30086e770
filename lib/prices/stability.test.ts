import { describe, expect, it } from "vitest";
import { isBeyondThreshold, median, monthRange, stabilityByPlace, stabilitySeries } from "./stability";

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
    expect(apr).toEqual({ month: "2026-04", median: 123, count: 2, trailingMedian: 100, trailingCount: 4, changePct: 23, isAlert: true });
  });

  it("raises no alert at exactly the threshold, nor without history", () => {
    const at = stabilitySeries(
      [
        { observedOn: "2026-01-05", price: 100 },
        { observedOn: "2026-01-15", price: 100 },
        { observedOn: "2026-01-25", price: 100 },
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
        { observedOn: "2025-12-05", price: 100 },
        { observedOn: "2026-01-05", price: 100 },
        { observedOn: "2026-01-20", price: 101 },
        { observedOn: "2026-02-05", price: 89 },
      ],
      10,
      ["2026-02"],
    );
    expect(fall[0]).toMatchObject({ changePct: -11, isAlert: true });
  });

  it("judges the exact change, not the rounded one: +20.04 % is above a 20 % threshold", () => {
    // Trend 2500 (three observations), month 3001: +20.04 %, shown as 20 but an alert.
    const points = stabilitySeries(
      [
        { observedOn: "2026-01-05", price: 2500 },
        { observedOn: "2026-02-05", price: 2500 },
        { observedOn: "2026-03-05", price: 2500 },
        { observedOn: "2026-04-05", price: 3001 },
      ],
      20,
      ["2026-04"],
    );
    expect(points[0]).toMatchObject({ changePct: 20, isAlert: true });
    expect(isBeyondThreshold(3000, 2500, 20)).toBe(false);
    expect(isBeyondThreshold(1999, 2500, 20)).toBe(true);
    expect(isBeyondThreshold(2000, 2500, 20)).toBe(false);
  });

  it("needs at least three observations behind the trend", () => {
    const two = [
      { observedOn: "2026-01-05", price: 100 },
      { observedOn: "2026-02-05", price: 100 },
      { observedOn: "2026-03-05", price: 200 },
    ];
    expect(stabilitySeries(two, 20, ["2026-03"])[0]).toMatchObject({ trailingCount: 2, changePct: 100, isAlert: false });
    const three = [{ observedOn: "2025-12-20", price: 100 }, ...two];
    expect(stabilitySeries(three, 20, ["2026-03"])[0]).toMatchObject({ trailingCount: 3, isAlert: true });
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

describe("stabilityByPlace", () => {
  it("judges each market on its own: a jump in one place is not diluted by another", () => {
    const steady = (placeId: string, price: number) => ["2026-01-08", "2026-02-08", "2026-03-08"].map((observedOn) => ({ placeId, observedOn, price }));
    const observations = [
      ...steady("mbouna", 100),
      ...steady("fassala", 100),
      ...steady("tinzah", 100),
      { placeId: "mbouna", observedOn: "2026-04-08", price: 130 },
      { placeId: "fassala", observedOn: "2026-04-08", price: 100 },
      { placeId: "tinzah", observedOn: "2026-04-08", price: 101 },
    ];
    // Pooled, April's median is 101 against 100: no alert. Per place, Mbouna's +30 % is one.
    expect(stabilitySeries(observations, 20, ["2026-04"])[0].isAlert).toBe(false);
    const byPlace = stabilityByPlace(observations, 20, ["2026-04"]);
    expect(byPlace.map((p) => [p.placeId, p.points[0].isAlert])).toEqual([
      ["mbouna", true],
      ["fassala", false],
      ["tinzah", false],
    ]);
  });
});
