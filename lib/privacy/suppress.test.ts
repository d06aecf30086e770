import { describe, expect, it } from "vitest";
import { mayReceivePersonRows, suppressCount, suppressDerived, suppressRow, SUPPRESSED, type Reader } from "./suppress";

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
