import { describe, expect, it } from "vitest";
import { classifyChain, neighboursOf, placeInChain } from "./chain";

const v = (id: string, effectiveOn: string, createdAt: string, sellingPrice: number) => ({ id, effectiveOn, createdAt: new Date(createdAt), sellingPrice });

describe("the chain of a product's versions", () => {
  const a = v("a", "2026-01-01", "2026-01-01T09:00:00Z", 100);
  const b = v("b", "2026-03-10", "2026-03-01T09:00:00Z", 90);
  const c = v("c", "2026-03-10", "2026-03-02T09:00:00Z", 95);
  const d = v("d", "2026-06-01", "2026-03-02T10:00:00Z", 120);

  it("places a new decision after every version on or before its date, before the next scheduled one", () => {
    expect(placeInChain([d, c, a, b], "2026-03-10")).toEqual({ before: c, after: d });
    expect(placeInChain([d, c, a, b], "2025-12-31")).toEqual({ before: null, after: a });
    expect(placeInChain([a], "2027-01-01")).toEqual({ before: a, after: null });
  });

  it("a decision between two scheduled ones becomes the predecessor of the later one", () => {
    // With only a (100) and d (120): d is an increase over a. A new 130 on 2026-04-01 sits before d,
    // which is now a decrease; a new 80 makes d an increase over 80.
    expect(placeInChain([a, d], "2026-04-01")).toEqual({ before: a, after: d });
  });

  it("finds the neighbours of an existing version, ties broken by decision time then id", () => {
    expect(neighboursOf([a, b, c, d], b)).toEqual({ before: a, after: c });
    expect(neighboursOf([a, c, d], b)).toEqual({ before: a, after: c });
    const twin = v("e", "2026-03-10", "2026-03-02T09:00:00Z", 99);
    expect(neighboursOf([a, c, twin, d], c)).toEqual({ before: a, after: twin });
  });

  it("classifies each version against the one just before it", () => {
    const m = classifyChain([d, b, a, c]);
    expect(m.get("a")).toEqual({ previous: null, isIncrease: false });
    expect(m.get("b")).toEqual({ previous: a, isIncrease: false });
    expect(m.get("c")).toEqual({ previous: b, isIncrease: true });
    expect(m.get("d")).toEqual({ previous: c, isIncrease: true });
  });
});
