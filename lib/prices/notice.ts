import { addDays, localDate } from "./dates";

export type NoticeCheck =
  | { ok: true; isIncrease: boolean; earliest: string }
  | { ok: false; reason: "tooShort"; earliest: string };

/**
 * The advance-notice rule: an increase of the agreed selling price takes effect no earlier than
 * `noticeDays` days after its notice is published (dates in Africa/Nouakchott); a decrease or an
 * unchanged price may take effect at once.
 */
export function checkNotice(args: {
  previousPrice: number | null;
  newPrice: number;
  /** Publication: a calendar date, or the instant it was published. */
  publishedOn: string | Date;
  effectiveOn: string;
  noticeDays: number;
}): NoticeCheck {
  const published = typeof args.publishedOn === "string" ? args.publishedOn : localDate(args.publishedOn);
  const isIncrease = args.previousPrice !== null && args.newPrice > args.previousPrice;
  if (!isIncrease) return { ok: true, isIncrease, earliest: published };
  const earliest = addDays(published, args.noticeDays);
  if (args.effectiveOn < earliest) return { ok: false, reason: "tooShort", earliest };
  return { ok: true, isIncrease, earliest };
}

/** Whether a recorded increase was announced early enough (for the dashboard). */
export function isAnnouncedOnTime(publishedOn: string, effectiveOn: string, noticeDays: number): boolean {
  return effectiveOn >= addDays(publishedOn, noticeDays);
}
