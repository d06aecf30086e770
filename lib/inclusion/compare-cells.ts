import type { CellValue } from "@/lib/exports/table";
import { HIDDEN, isMark, suppressCount, type Cell, type Reader } from "@/lib/privacy/suppress";
import { percent, refugeeStatuses, type InclusionCounts } from "./indicators";

/** A share of published counts: withheld ("•") when any of them is hidden. */
const shareOf = (cells: Cell[], part: number, whole: number): CellValue => (cells.some(isMark) ? HIDDEN : percent(part, whole));

/**
 * An organisation's headline inclusion figures, side by side with the others' in a consortium's
 * comparison: active members, % women, % with a disability (WG-SS), % refugees, and % of the
 * managers of the last full rotation cycle who have a disability. A share is withheld when a
 * count it rests on is small.
 */
export function inclusionSummaryCells(c: InclusionCounts, reader: Reader): CellValue[] {
  const n = (x: number) => suppressCount(x, reader);
  const members = n(c.members);
  const refugees = refugeeStatuses.map((s) => c.status[s]);
  return [
    members,
    shareOf([n(c.women), members], c.women, c.members),
    shareOf([n(c.disabled), members], c.disabled, c.members),
    shareOf(
      [...refugees.map(n), members],
      refugees.reduce((a, b) => a + b, 0),
      c.members,
    ),
    shareOf([n(c.managers.disabled), n(c.managers.members)], c.managers.disabled, c.managers.members),
  ];
}
