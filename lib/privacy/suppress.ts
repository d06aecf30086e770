/**
 * Small-cell suppression: a count of people from 1 to 4 is published as "<5" unless the reader
 * may see the people themselves (permission `people:read`). Zero stays zero: it names nobody.
 * A cooperative network never receives person-level rows, whatever its permissions.
 */
import type { OrgType } from "@/lib/permissions";

export const SUPPRESSION_THRESHOLD = 5;
export const SUPPRESSED = "<5" as const;
export type Cell = number | typeof SUPPRESSED;

export interface Reader {
  orgType: OrgType;
  /** `ctx.can("people:read")` */
  canSeePeople: boolean;
}

export const isSmall = (n: number) => n > 0 && n < SUPPRESSION_THRESHOLD;

/** Whether counts shown to this reader must be suppressed. */
export function mustSuppress(reader: Reader): boolean {
  return !reader.canSeePeople || reader.orgType === "cooperative_network";
}

export function suppressCount(n: number, reader: Reader): Cell {
  return mustSuppress(reader) && isSmall(n) ? SUPPRESSED : n;
}

/**
 * A row of counts with a published total: if exactly one cell is hidden, the total would give it
 * away by subtraction, so the smallest other non-zero cell is hidden too (complementary
 * suppression).
 */
export function suppressRow(counts: readonly number[], reader: Reader): Cell[] {
  return suppressGrid([counts], reader, { rows: true, cols: false })[0];
}

/**
 * Complementary suppression on a table whose rows and/or columns add up to published totals
 * (a breakdown with a total column and a total row): small cells are hidden; then, wherever a
 * line that adds up has exactly one hidden cell, the smallest other non-zero cell of that line is
 * hidden too, until no line gives a hidden cell away by subtraction.
 */
export function suppressGrid(
  grid: readonly (readonly number[])[],
  reader: Reader,
  lines: { rows: boolean; cols: boolean } = { rows: true, cols: true },
): Cell[][] {
  if (!mustSuppress(reader)) return grid.map((r) => [...r]);
  const hidden = grid.map((r) => r.map(isSmall));
  const hideSecond = (line: [number, number][]) => {
    if (line.filter(([i, j]) => hidden[i][j]).length !== 1) return false;
    let best: [number, number] | undefined;
    for (const [i, j] of line) if (!hidden[i][j] && grid[i][j] > 0 && (!best || grid[i][j] < grid[best[0]][best[1]])) best = [i, j];
    if (best) hidden[best[0]][best[1]] = true;
    return !!best;
  };
  for (let changed = true; changed; ) {
    changed = false;
    if (lines.rows) grid.forEach((r, i) => (changed = hideSecond(r.map((_, j) => [i, j])) || changed));
    if (lines.cols) (grid[0] ?? []).forEach((_, j) => (changed = hideSecond(grid.map((_, i) => [i, j])) || changed));
  }
  return grid.map((r, i) => r.map((n, j) => (hidden[i][j] ? SUPPRESSED : n)));
}

/** A value derived from few people (a mean, a share) is withheld like the count it comes from. */
export function suppressDerived<T>(value: T, basedOn: number, reader: Reader): T | typeof SUPPRESSED {
  return mustSuppress(reader) && isSmall(basedOn) ? SUPPRESSED : value;
}

/** Person-level rows (names, one row per person) only go to readers allowed to see people. */
export function mayReceivePersonRows(reader: Reader): boolean {
  return reader.canSeePeople && reader.orgType !== "cooperative_network";
}

export function readerOf(ctx: { org: { type: OrgType }; can(p: "people:read"): boolean }): Reader {
  return { orgType: ctx.org.type, canSeePeople: ctx.can("people:read") };
}
