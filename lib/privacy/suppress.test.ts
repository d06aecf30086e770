import { describe, expect, it } from "vitest";
import { mayReceivePersonRows, suppressCount, suppressDerived, suppressGrid, suppressRow, SUPPRESSED, type Reader } from "./suppress";

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

  it("hides a second cell when a single hidden cell could be recovered from the total", () => {
    expect(suppressRow([3, 12, 40], network)).toEqual([SUPPRESSED, SUPPRESSED, 40]);
    expect(suppressRow([3, 2, 40], network)).toEqual([SUPPRESSED, SUPPRESSED, 40]);
    expect(suppressRow([3, 0, 0], network)).toEqual([SUPPRESSED, 0, 0]);
    expect(suppressRow([3, 12, 40], ngo)).toEqual([3, 12, 40]);
  });

  it("withholds a value derived from fewer than five people", () => {
    expect(suppressDerived(75, 4, network)).toBe(SUPPRESSED);
    expect(suppressDerived(75, 5, network)).toBe(75);
    expect(suppressDerived(75, 4, ngo)).toBe(75);
  });
});

describe("complementary suppression on a table with totals", () => {
  it("hides a second cell in every row and column that would otherwise give a hidden one away", () => {
    // Rows add up to a total column, columns to a total row.
    const grid = [
      [3, 20, 30],
      [10, 12, 40],
      [8, 9, 50],
    ];
    const out = suppressGrid(grid, network);
    expect(out[0][0]).toBe(SUPPRESSED);
    // The smallest other cell of row 0 and of column 0 go too...
    expect(out[0][1]).toBe(SUPPRESSED);
    expect(out[2][0]).toBe(SUPPRESSED);
    // ...and then every line has none or at least two hidden cells.
    for (const line of [...out, ...out[0].map((_, j) => out.map((r) => r[j]))]) {
      expect(line.filter((c) => c === SUPPRESSED).length).not.toBe(1);
    }
    expect(suppressGrid(grid, ngo)).toEqual(grid);
  });

  it("checks only the lines that add up", () => {
    expect(suppressGrid([[3, 12], [20, 30]], network, { rows: false, cols: true })).toEqual([
      [SUPPRESSED, 12],
      [SUPPRESSED, 30],
    ]);
    expect(suppressGrid([[3, 12], [20, 30]], network, { rows: true, cols: false })).toEqual([
      [SUPPRESSED, SUPPRESSED],
      [20, 30],
    ]);
    expect(suppressGrid([[3, 0], [0, 0]], network)).toEqual([
      [SUPPRESSED, 0],
      [0, 0],
    ]);
  });
});
