import { z } from "zod";

/**
 * Calendar dates (YYYY-MM-DD) as the programme lives them: in Mauritania's time zone,
 * Africa/Nouakchott. It is UTC all year (no daylight saving time), so a date stored by PostgreSQL
 * or computed in UTC is the same day; the helpers still name the zone, so that nothing depends
 * on the server's own time zone.
 */
export const PROGRAMME_TIME_ZONE = "Africa/Nouakchott";

const dateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: PROGRAMME_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The programme's calendar date of an instant. */
export function localDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** Today's date in the programme's time zone: the one `today()` of the portal. */
export const today = (): string => localDate(new Date());

const stampFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: PROGRAMME_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "YYYY-MM-DD HH:mm" in the programme's time zone, for "changed by NAME at TIME". */
export function localStamp(instant: Date): string {
  return stampFormat.format(instant).replace(",", "");
}

/** A real calendar date (YYYY-MM-DD): "2025-02-30" is refused, not rolled over to March as Date.parse does. */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/** The one validator of a date field in every form schema; its error is the catalogue key `dateInvalid`. */
export const isoDate = z.string({ error: "dateInvalid" }).refine(isIsoDate, { error: "dateInvalid" });

/** Add whole days to a calendar date (no time-zone arithmetic involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The YYYY-MM month of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `n` months before (negative) or after a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}
