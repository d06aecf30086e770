import { describe, expect, it } from "vitest";
import type { DataTableModel } from "@/lib/exports/table";
import { chartFromTable, columnSum, drawable, latest } from "./figures";

const table: DataTableModel = {
  id: "t",
  title: "T",
  columns: [
    { key: "quarter", label: "Quarter" },
    { key: "a", label: "A" },
    { key: "b", label: "B" },
  ],
  rows: [
    ["2026-Q1", 40, "<5"],
    ["2026-Q2", 55.5, 12],
  ],
};

describe("advocacy figures", () => {
  it("picks a table's cells as they are shown, withheld ones included", () => {
    expect(chartFromTable(table, ["b", "a"])).toEqual([
      { label: "2026-Q1", cells: ["<5", 40] },
      { label: "2026-Q2", cells: [12, 55.5] },
    ]);
    expect(chartFromTable(table, ["a", "missing"], [1, 5])).toEqual([{ label: "2026-Q2", cells: [55.5, null] }]);
  });

  it("draws numbers only: a withheld cell gets no bar", () => {
    expect(drawable(chartFromTable(table, ["a", "b"]))).toEqual([
      [40, null],
      [55.5, 12],
    ]);
  });

  it("takes the latest row of a time table", () => {
    expect(latest(table, ["b"])).toEqual({ key: "2026-Q2", cells: [12] });
    expect(latest({ ...table, rows: [] }, ["b"])).toBeNull();
  });

  it("sums a column of counts, but not across a withheld cell", () => {
    expect(columnSum(table, "a")).toBe(95.5);
    expect(columnSum(table, "b")).toBeNull();
    expect(columnSum(table, "nope")).toBeNull();
  });
});
