import { addDays, localDate } from "@/lib/dates";

export type NoticeCheck = { ok: true; isIncrease: boolean; earliest: string } | { ok: false; reason: "tooShort"; earliest: string };

const dayOf = (d: string | Date) => (typeof d === "string" ? d : localDate(d));

/**
 * The advance-notice rule: an increase of the agreed selling price takes effect no earlier than
 * `noticeDays` days after its notice is recorded (the moment the server enters it, as a date in
 * Africa/Nouakchott; never a date typed in the form); a decrease or an unchanged price may take
 * effect at once.
 */
export function checkNotice(args: {
  previousPrice: number | null;
  newPrice: number;
  /** When the notice is recorded: the instant, or its date in Africa/Nouakchott. */
  recordedAt: string | Date;
  effectiveOn: string;
  noticeDays: number;
}): NoticeCheck {
  const recorded = dayOf(args.recordedAt);
  const isIncrease = args.previousPrice !== null && args.newPrice > args.previousPrice;
  if (!isIncrease) return { ok: true, isIncrease, earliest: recorded };
  const earliest = addDays(recorded, args.noticeDays);
  if (args.effectiveOn < earliest) return { ok: false, reason: "tooShort", earliest };
  return { ok: true, isIncrease, earliest };
}

/** Whether an increase was announced early enough: recorded its notice period before it took effect. */
export function isAnnouncedOnTime(recordedAt: string | Date, effectiveOn: string, noticeDays: number): boolean {
  return effectiveOn >= addDays(dayOf(recordedAt), noticeDays);
}

export type EffectiveDateCheck = { ok: true } | { ok: false; reason: "past" } | { ok: false; reason: "beyondHorizon"; latest: string };

/**
 * A decision takes effect from the day it is recorded (never retroactively) and at most
 * `horizonDays` days later (the commune's horizon, one year by default).
 */
export function checkEffectiveDate(args: { effectiveOn: string; today: string; horizonDays: number }): EffectiveDateCheck {
  if (args.effectiveOn < args.today) return { ok: false, reason: "past" };
  const latest = addDays(args.today, args.horizonDays);
  if (args.effectiveOn > latest) return { ok: false, reason: "beyondHorizon", latest };
  return { ok: true };
}

/**
 * Whether a version already scheduled after another would be an increase over it without a notice
 * recorded in time: then the other cannot be decided (or withdrawn) as it stands. Versions already
 * in force are history and are not judged again.
 */
export function isUnannouncedIncrease(args: {
  previous: { sellingPrice: number } | null;
  version: { sellingPrice: number; effectiveOn: string };
  notice: { recordedAt: Date; noticeDays: number } | null;
  today: string;
}): boolean {
  const { previous, version, notice } = args;
  if (!previous || version.sellingPrice <= previous.sellingPrice || version.effectiveOn < args.today) return false;
  return !notice || !isAnnouncedOnTime(notice.recordedAt, version.effectiveOn, notice.noticeDays);
}
