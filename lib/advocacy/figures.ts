/**
 * The advocacy sheet's figures and charts, picked from the dashboards' own tables (the very
 * cells the inclusion and cohesion pages show, already suppressed for the reader): nothing is
 * recomputed here. Pure, tested beside it.
 */
import { cellOf, cellText, type CellValue, type DataTableModel } from "@/lib/exports/table";

/** A chart and its small table: one row per category, one cell per series. */
export interface ChartModel {
  title: string;
  series: string[];
  rows: { label: string; cells: CellValue[] }[];
  /** Top of the scale when it is fixed, e.g. 100 for shares. */
  max?: number;
}

/** The chosen rows (all by default) and columns of a dashboard table, its first column as labels. */
export function chartFromTable(table: DataTableModel, keys: readonly string[], rows?: readonly number[]): ChartModel["rows"] {
  const picked = rows ? rows.map((i) => table.rows[i]).filter(Boolean) : table.rows;
  const index = keys.map((k) => table.columns.findIndex((c) => c.key === k));
  return picked.map((r) => ({ label: cellText(r[0]), cells: index.map((j) => (j < 0 ? null : r[j])) }));
}

/** Numbers to draw: withheld ("<5") and missing cells draw nothing. */
export const drawable = (rows: ChartModel["rows"]) => rows.map((r) => r.cells.map((c) => (typeof c === "number" ? c : null)));

/** The latest row of a table ordered by time (first column), with the named cells. */
export function latest(table: DataTableModel, keys: readonly string[]): { key: string; cells: CellValue[] } | null {
  const r = table.rows.at(-1);
  return r ? { key: cellText(r[0]), cells: keys.map((k) => cellOf(table, k)) } : null;
}

/** Sum of a column of counts (groups, not people); null when a cell is withheld or missing. */
export function columnSum(table: DataTableModel, key: string): number | null {
  const j = table.columns.findIndex((c) => c.key === key);
  if (j < 0) return null;
  let sum = 0;
  for (const r of table.rows) {
    if (typeof r[j] !== "number") return null;
    sum += r[j];
  }
  return sum;
}
