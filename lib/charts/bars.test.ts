import { describe, expect, it } from "vitest";
import { layoutBars, niceMax } from "./bars";

const frame = { width: 100, height: 60, bottom: 10, top: 0 };

describe("niceMax", () => {
  it("rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0, 0.7, 1, 3, 23, 240, 51_000, 16_014_035].map(niceMax)).toEqual([1, 1, 1, 5, 25, 250, 100_000, 20_000_000]);
  });
});

describe("layoutBars", () => {
  it("scales bars from the baseline to the top of the scale, one slot per category", () => {
    const { bars, labelX, baseline, max } = layoutBars(
      [
        [50, 25],
        [100, null],
      ],
      { ...frame, max: 100 },
    );
    expect(max).toBe(100);
    expect(baseline).toBe(50);
    expect(labelX).toEqual([25, 75]);
    // A missing (or withheld) value draws no bar.
    expect(bars.map((b) => [b.category, b.series, b.h])).toEqual([
      [0, 0, 25],
      [0, 1, 12.5],
      [1, 0, 50],
    ]);
    expect(bars[0]).toMatchObject({ x: 5, w: 20, y: 25 });
    expect(bars[1].x).toBe(25);
  });

  it("mirrors categories and series right to left", () => {
    const { bars, labelX } = layoutBars(
      [
        [10, 20],
        [30, 40],
      ],
      { ...frame, rtl: true },
    );
    expect(labelX).toEqual([75, 25]);
    const first = bars.filter((b) => b.category === 0);
    expect(first.map((b) => b.x)).toEqual([75, 55]);
  });

  it("takes the largest value as the scale when it exceeds the given top", () => {
    expect(layoutBars([[120]], { ...frame, max: 100 }).max).toBe(200);
    expect(layoutBars([], frame)).toMatchObject({ bars: [], labelX: [], max: 1 });
  });
});
