import { describe, expect, it } from "vitest";
import type { DataTableModel } from "@/lib/exports/table";
import { buildRecordsTrendTable, buildRecordsVillageTable, quarterSpan } from "./records-tables";
import type { CreditAggregate, GroupMixAggregate } from "./records";

const t = (key: string, v?: Record<string, string | number>) => (v ? `${key}(${Object.values(v).join(",")})` : key);
const ngo = { orgType: "ngo" as const, canSeePeople: true };
const network = { orgType: "cooperative_network" as const, canSeePeople: false };
const credit = (
  key: string,
  relation: CreditAggregate["relation"],
  credits: number,
  granted: number,
  repaid: number,
  due = credits,
  onTime = due,
): CreditAggregate => ({
  key,
  relation,
  credits,
  granted,
  repaid,
  due,
  onTime,
});
const mix = (key: string, groups: number, mixed: number, hostMembers: number, refugeeMembers: number): GroupMixAggregate => ({
  key,
  groups,
  mixed,
  hostMembers,
  refugeeMembers,
});
const cell = (table: DataTableModel, row: number, key: string) => table.rows[row][table.columns.findIndex((c) => c.key === key)];

describe("records tables", () => {
  it("spans every quarter from the first to the last", () => {
    expect(quarterSpan(["2024-Q2", "2023-Q4", "2024-Q2"])).toEqual(["2023-Q4", "2024-Q1", "2024-Q2"]);
    expect(quarterSpan([])).toEqual([]);
  });

  it("puts same-community and cross-community credit side by side, with the groups' composition", () => {
    const credits = [credit("2024-Q1", "same", 6, 12_000, 9_000, 6, 3), credit("2024-Q1", "cross", 2, 3_000, 3_000), credit("2024-Q1", "unknown", 1, 500, 0)];
    const table = buildRecordsTrendTable(credits, [mix("2024-Q1", 10, 4, 60, 12), mix("2024-Q2", 10, 5, 60, 13)], ["2024-Q1", "2024-Q2"], t, ngo, "Fassala");
    expect(table.title).toBe("records.trendTitle(Fassala)");
    expect(table.columns.every((c) => c.hxl?.startsWith("#"))).toBe(true);
    expect(cell(table, 0, "quarter")).toBe("2024-Q1");
    expect(cell(table, 0, "creditsSame")).toBe(6);
    expect(cell(table, 0, "creditsCross")).toBe(2);
    expect(cell(table, 0, "creditsOtherVillage")).toBe(1);
    expect(cell(table, 0, "crossShare")).toBe(25); // 2 of the 8 credits to customers of a known community
    expect(cell(table, 0, "repaidSame")).toBe(75);
    expect(cell(table, 0, "repaidCross")).toBe(100);
    expect(cell(table, 0, "onTimeSame")).toBe(50);
    expect(cell(table, 0, "mixedShare")).toBe(40);
    expect(cell(table, 0, "refugeeMembers")).toBe(12);
    // A quarter without credit: zero credits, no share and no rate (not 0 %), groups still counted.
    expect(cell(table, 1, "creditsSame")).toBe(0);
    expect(cell(table, 1, "crossShare")).toBeNull();
    expect(cell(table, 1, "repaidCross")).toBeNull();
    expect(cell(table, 1, "mixedGroups")).toBe(5);
  });

  it("gives no rate when nothing was granted, and an empty trend without any credit", () => {
    const table = buildRecordsTrendTable([credit("2024-Q1", "cross", 5, 0, 0)], [], ["2024-Q1"], t, ngo, "x");
    expect(cell(table, 0, "repaidCross")).toBeNull();
    expect(cell(table, 0, "mixedShare")).toBeNull(); // no group
    expect(buildRecordsTrendTable([], [], [], t, ngo, "x").rows).toEqual([]);
  });

  it("suppresses small counts of people and what derives from them, never counts of groups", () => {
    const credits = [credit("2024-Q1", "same", 9, 9_000, 9_000), credit("2024-Q1", "cross", 3, 3_000, 1_000)];
    const table = buildRecordsTrendTable(credits, [mix("2024-Q1", 3, 1, 20, 2)], ["2024-Q1"], t, network, "x");
    expect(cell(table, 0, "creditsSame")).toBe(9);
    expect(cell(table, 0, "creditsCross")).toBe("<5");
    // Shares that would give the hidden count away are withheld: "•", never "<5" (they are no small figure).
    expect(cell(table, 0, "crossShare")).toBe("•");
    expect(cell(table, 0, "repaidSame")).toBe(100);
    expect(cell(table, 0, "repaidCross")).toBe("•");
    expect(cell(table, 0, "onTimeCross")).toBe("•");
    expect(cell(table, 0, "groups")).toBe(3);
    expect(cell(table, 0, "mixedGroups")).toBe(1);
    expect(cell(table, 0, "refugeeMembers")).toBe("<5");
    // The NGO, which may see people, sees them all.
    const open = buildRecordsTrendTable(credits, [mix("2024-Q1", 3, 1, 20, 2)], ["2024-Q1"], t, ngo, "x");
    expect(cell(open, 0, "creditsCross")).toBe(3);
    expect(cell(open, 0, "crossShare")).toBe(25);
  });

  it("hides a second village ('•') when one alone would be hidden in a column", () => {
    const villages = [
      { id: "a", name: "Agoueinit" },
      { id: "b", name: "Boudjibiha" },
      { id: "c", name: "Mbouna" },
      { id: "d", name: "Tinzah" },
    ];
    const mixes = [mix("a", 2, 1, 12, 3), mix("b", 2, 2, 11, 8), mix("c", 1, 1, 9, 6)];
    const table = buildRecordsVillageTable([credit("a", "same", 7, 700, 700)], mixes, villages, t, network);
    expect(table.rows.map((r) => r[0])).toEqual(["Agoueinit", "Boudjibiha", "Mbouna"]); // Tinzah has no group
    expect(table.rows.map((r) => r[table.columns.findIndex((c) => c.key === "refugeeMembers")])).toEqual(["<5", 8, "•"]);
    expect(table.rows.map((r) => r[table.columns.findIndex((c) => c.key === "hostMembers")])).toEqual([12, 11, 9]);
    expect(cell(table, 0, "creditsSame")).toBe(7);
  });
});
