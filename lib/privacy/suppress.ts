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
  const out: Cell[] = counts.map((n) => suppressCount(n, reader));
  const hidden = out.filter((c) => c === SUPPRESSED).length;
  if (hidden === 1 && mustSuppress(reader)) {
    let best = -1;
    counts.forEach((n, i) => {
      if (out[i] !== SUPPRESSED && n > 0 && (best < 0 || n < counts[best])) best = i;
    });
    if (best >= 0) out[best] = SUPPRESSED;
  }
  return out;
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
