import { describe, expect, it } from "vitest";
import { rowsWithSameFigures } from "./shared-scope";

describe("members with the same figures", () => {
  const ignore = new Set([0, 1, 2]);
  it("finds the rows equal cell for cell outside the organisation's own columns", () => {
    const rows = [
      ["ADICOR", "ONG", 4, 33, 1200, 61.5, "<5"],
      ["ONG Sahel", "ONG", 3, 3, 90, 40, 7],
      ["Commune de Fassala", "Commune", 2, 33, 1200, 61.5, "<5"],
      ["Réseau", "Réseau", 3, 3, 90, 40, 8],
    ];
    expect(rowsWithSameFigures(rows, ignore)).toEqual([[0, 2]]);
  });

  it("does not pair members that have no figures yet", () => {
    const rows = [
      ["A", "ONG", 1, 0, 0, null],
      ["B", "Commune", 1, 0, 0, null],
    ];
    expect(rowsWithSameFigures(rows, ignore)).toEqual([]);
  });

  it("tells a count from its text", () => {
    expect(
      rowsWithSameFigures(
        [
          ["A", "t", 1, 5],
          ["B", "t", 1, "5"],
        ],
        ignore,
      ),
    ).toEqual([]);
  });
});
