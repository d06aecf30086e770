/**
 * Geometry of a grouped bar chart drawn as inline SVG on the server (printable, no script):
 * categories along x, one bar per series in each category, values from zero up. A missing
 * value (none, or withheld as "<5") gets no bar. Pure, so that it is tested beside it.
 */
export interface BarFrame {
  width: number;
  height: number;
  /** Room under the bars for the category labels, and above them. */
  bottom: number;
  top: number;
  /** Top of the scale; at least the largest value (e.g. 100 for shares). */
  max?: number;
  /** Right-to-left: the first category on the right. */
  rtl?: boolean;
}

export interface Bar {
  category: number;
  series: number;
  value: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BarLayout {
  bars: Bar[];
  /** Centre of each category, for its label. */
  labelX: number[];
  baseline: number;
  max: number;
}

/** A "nice" top of scale: 1, 2, 2.5 or 5 times a power of ten, at least `v`. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v)!;
}

export function layoutBars(values: readonly (readonly (number | null)[])[], frame: BarFrame): BarLayout {
  const { width, height, bottom, top } = frame;
  const largest = Math.max(0, ...values.flat().filter((v): v is number => v != null));
  const max = Math.max(frame.max ?? 0, niceMax(largest));
  const baseline = height - bottom;
  const span = baseline - top;
  const n = values.length;
  const slot = n ? width / n : width;
  const seriesCount = Math.max(1, ...values.map((r) => r.length));
  const gap = slot * 0.2;
  const w = (slot - gap) / seriesCount;
  const start = (i: number) => (frame.rtl ? width - (i + 1) * slot : i * slot);
  const bars: Bar[] = [];
  values.forEach((row, i) =>
    row.forEach((value, s) => {
      if (value == null) return;
      const h = (Math.max(0, value) / max) * span;
      const order = frame.rtl ? seriesCount - 1 - s : s;
      bars.push({ category: i, series: s, value, x: start(i) + gap / 2 + order * w, y: baseline - h, w, h });
    }),
  );
  return { bars, labelX: values.map((_, i) => start(i) + slot / 2), baseline, max };
}
