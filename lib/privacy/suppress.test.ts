import { describe, expect, it } from "vitest";
import { Disclosure, HIDDEN, mayReceivePersonRows, suppressCount, suppressDerived, suppressRow, SUPPRESSED, type Reader } from "./suppress";
import { attack } from "./disclosure";

const network: Reader = { orgType: "cooperative_network", canSeePeople: false };
const consortium: Reader = { orgType: "consortium", canSeePeople: false };
const ngo: Reader = { orgType: "ngo", canSeePeople: true };

describe("small-cell suppression", () => {
  it("hides counts from 1 to 4 from readers who may not see people", () => {
    for (const n of [1, 2, 3, 4]) {
      expect(suppressCount(n, network)).toBe(SUPPRESSED);
      expect(suppressCount(n, consortium)).toBe(SUPPRESSED);
    }
    expect(suppressCount(5, network)).toBe(5);
    expect(suppressCount(0, network)).toBe(0);
    expect(suppressCount(120, consortium)).toBe(120);
  });

  it("shows every count to a reader who may see the people", () => {
    for (const n of [1, 2, 3, 4]) expect(suppressCount(n, ngo)).toBe(n);
  });

  it("never treats a network as allowed to see people, even if granted", () => {
    const odd: Reader = { orgType: "cooperative_network", canSeePeople: true };
    expect(suppressCount(3, odd)).toBe(SUPPRESSED);
    expect(mayReceivePersonRows(odd)).toBe(false);
    expect(mayReceivePersonRows(network)).toBe(false);
    expect(mayReceivePersonRows(ngo)).toBe(true);
  });

  it("hides a second cell, marked '•' and never '<5', when a single hidden cell could be recovered from the total", () => {
    expect(suppressRow([3, 12, 40], network)).toEqual({ cells: [SUPPRESSED, HIDDEN, 40], total: 55 });
    expect(suppressRow([3, 2, 40], network)).toEqual({ cells: [SUPPRESSED, SUPPRESSED, 40], total: 45 });
    // Only zeros beside it: the total would give it away, so the total goes.
    expect(suppressRow([3, 0, 0], network)).toEqual({ cells: [SUPPRESSED, 0, 0], total: SUPPRESSED });
    expect(suppressRow([3, 12, 40], ngo)).toEqual({ cells: [3, 12, 40], total: 55 });
  });

  it("withholds a value derived from fewer than five people", () => {
    expect(suppressDerived(75, 4, network)).toBe(SUPPRESSED);
    expect(suppressDerived(75, 5, network)).toBe(75);
    expect(suppressDerived(75, 4, ngo)).toBe(75);
  });
});

describe("complementary suppression over a page's sums", () => {
  /** A grid whose rows add up to a margin column and whose columns add up to a total row. */
  function grid(values: number[][], reader: Reader, weight: (i: number, j: number) => number = () => 1) {
    const d = new Disclosure(reader);
    const refs = values.map((r, i) => r.map((v, j) => d.cell(v, { weight: weight(i, j) })));
    for (const r of refs) d.sum(r.at(-1)!, r.slice(0, -1));
    refs[0].forEach((_, j) =>
      d.sum(
        refs.at(-1)![j],
        refs.slice(0, -1).map((r) => r[j]),
      ),
    );
    return { d, refs, shown: refs.map((r) => r.map((x) => d.show(x))) };
  }

  it("leaves no cell an attacker can pin down by subtraction, along rows, columns and totals", () => {
    const values = [
      [3, 20, 30, 53],
      [10, 12, 40, 62],
      [8, 9, 50, 67],
      [21, 41, 120, 182],
    ];
    const { shown } = grid(values, network, (i, j) => (i === 3 || j === 3 ? 2 : 1));
    expect(shown[0][0]).toBe(SUPPRESSED);
    // Complements are "•", the totals kept.
    expect(shown.flat().filter((c) => c === HIDDEN).length).toBeGreaterThanOrEqual(3);
    expect(shown[3]).toEqual(values[3]);
    expect(shown.map((r) => r[3])).toEqual(values.map((r) => r[3]));
    const hidden = shown.map((r) => r.map((c) => typeof c !== "number")).flat();
    const primary = values.flat().map((v) => v > 0 && v < 5);
    const sums = [
      ...values.map((r, i) => ({ total: i * 4 + 3, parts: [0, 1, 2].map((j) => i * 4 + j) })),
      ...[0, 1, 2, 3].map((j) => ({ total: 12 + j, parts: [0, 1, 2].map((i) => i * 4 + j) })),
    ];
    expect(attack(values.flat(), hidden, primary, sums)).toEqual([]);
    expect(grid(values, ngo).shown).toEqual(values);
  });

  it("hides more when small cells summed with their lower bound give the total (eight hidden 1s making 8)", () => {
    const d = new Disclosure(network);
    const ones = Array.from({ length: 8 }, () => d.cell(1));
    const total = d.cell(8, { weight: 2 });
    d.sum(total, ones);
    // Eight cells of at least 1 make 8: each is 1, unless the total goes.
    expect(d.show(total)).not.toBe(8);
  });

  it("keeps the same figure hidden in every table of the page that shows it (shared key)", () => {
    const d = new Disclosure(network);
    const members = d.cell(48, { key: "butchery:members", weight: 2 });
    d.sum(members, [d.cell(44), d.cell(4)]);
    const again = d.cell(48, { key: "butchery:members" });
    expect(again).toBe(members);
    d.sum(again, [d.cell(40), d.cell(8)]);
    expect(d.show(members)).toBe(48);
  });
});
