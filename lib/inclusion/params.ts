import { isIsoDate, today } from "@/lib/dates";
import { breakdowns, type Breakdown } from "./breakdowns";

export interface InclusionParams {
  /** Rows of the breakdown tables: per activity type or per village of the group. */
  by: Breakdown;
  /** Reference date (ISO): active memberships, ages, aids and terms are taken at this date. */
  on: string;
}

/** Query parameters of the dashboard and its exports, kept only when well-formed. */
export function inclusionParams(sp: Record<string, string | string[] | undefined>, now: () => string = today): InclusionParams {
  const one = (v: string | string[] | undefined) => (typeof v === "string" && v.length <= 32 ? v : undefined);
  const by = one(sp.by);
  const on = one(sp.on);
  return {
    by: by && (breakdowns as readonly string[]).includes(by) ? (by as Breakdown) : "activity",
    on: on && isIsoDate(on) && on >= "1900-01-01" && on <= "2100-12-31" ? on : now(),
  };
}

/** A date inside a sentence: in Arabic it keeps its left-to-right order only inside a bidi isolate. */
export const dateInText = (isoDate: string, locale: string) => (locale === "ar" ? `\u2066${isoDate}\u2069` : isoDate);
