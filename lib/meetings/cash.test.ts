import { describe, expect, it } from "vitest";
import { cashPieces } from "./cash";

describe("an amount as notes and coins", () => {
  it("pays 3 786 MRU with three 1000 notes, one 500, one 200, one 50, one 20, one 10, one 5 and one 1", () => {
    const pieces = cashPieces(3786, "MRU");
    expect(pieces).toEqual([
      { value: 1000, kind: "note", count: 3 },
      { value: 500, kind: "note", count: 1 },
      { value: 200, kind: "note", count: 1 },
      { value: 50, kind: "note", count: 1 },
      { value: 20, kind: "coin", count: 1 },
      { value: 10, kind: "coin", count: 1 },
      { value: 5, kind: "coin", count: 1 },
      { value: 1, kind: "coin", count: 1 },
    ]);
    expect(pieces.reduce((s, p) => s + p.value * p.count, 0)).toBe(3786);
  });
  it("pays 27 275 XOF with notes of 10 000, 5 000, 2 000 and coins of 250 and 25", () => {
    const pieces = cashPieces(27_275, "XOF");
    expect(pieces.reduce((s, p) => s + p.value * p.count, 0)).toBe(27_275);
    expect(pieces[0]).toEqual({ value: 10000, kind: "note", count: 2 });
    expect(pieces.at(-1)).toEqual({ value: 25, kind: "coin", count: 1 });
  });
  it("pays nothing with no piece", () => {
    expect(cashPieces(0, "MRU")).toEqual([]);
  });
});
