import type { CellValue } from "@/lib/exports/table";

/**
 * Members of the comparison whose figures are the same, cell for cell: an NGO that supports every
 * group of a commune's territory, and that commune, read the very same groups and surveys. Returns
 * the sets of row indices (two or more, in table order) that share their figures; `ignore` holds
 * the columns that describe the organisation rather than its groups (name, type, accounts). Rows
 * without any figure (no data yet) share nothing.
 */
export function rowsWithSameFigures(rows: readonly (readonly CellValue[])[], ignore: ReadonlySet<number>): number[][] {
  const byFigures = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const figures = row.filter((_, j) => !ignore.has(j));
    if (!figures.some((v) => v !== null && v !== 0 && v !== "")) return;
    const key = JSON.stringify(figures);
    byFigures.set(key, [...(byFigures.get(key) ?? []), i]);
  });
  return [...byFigures.values()].filter((set) => set.length > 1);
}
