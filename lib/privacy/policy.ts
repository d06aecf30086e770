/**
 * The disclosure policy (SECURITY.md, "Disclosure control"): who gets counts of people under
 * suppression, and the two marks a hidden count may carry.
 *
 * - A count of 1 to 4 people is a small figure: shown as "<5" (primary suppression).
 * - A count hidden only so that a small figure cannot be recovered by subtraction is shown as
 *   "•" (complementary suppression), with the footnote "hidden to protect a small figure". It is
 *   never written "<5": it may hold any number.
 * - Zero stays zero: it names nobody.
 * - Readers with `people:read` (the NGO supporting the people) see every count; a cooperative
 *   network never does, whatever its permissions.
 */
import type { OrgType } from "@/lib/permissions";

export const SUPPRESSION_THRESHOLD = 5;
/** A small figure: 1 to 4 people. */
export const SUPPRESSED = "<5" as const;
/** A figure hidden to protect a small one (any number). */
export const HIDDEN = "•" as const;
export type Mark = typeof SUPPRESSED | typeof HIDDEN;
export type Cell = number | Mark;

export interface Reader {
  orgType: OrgType;
  /** `ctx.can("people:read")` */
  canSeePeople: boolean;
}

export const isSmall = (n: number) => n > 0 && n < SUPPRESSION_THRESHOLD;
export const isMark = (v: unknown): v is Mark => v === SUPPRESSED || v === HIDDEN;

/** Whether counts shown to this reader must be suppressed. */
export function mustSuppress(reader: Reader): boolean {
  return !reader.canSeePeople || reader.orgType === "cooperative_network";
}

/** Person-level rows (names, one row per person) only go to readers allowed to see people. */
export function mayReceivePersonRows(reader: Reader): boolean {
  return reader.canSeePeople && reader.orgType !== "cooperative_network";
}

export function readerOf(ctx: { org: { type: OrgType }; can(p: "people:read"): boolean }): Reader {
  return { orgType: ctx.org.type, canSeePeople: ctx.can("people:read") };
}
