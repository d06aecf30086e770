/** Calendar dates (YYYY-MM-DD) as the committee lives them: in Mauritania's time zone. */
export const COMMITTEE_TIME_ZONE = "Africa/Nouakchott";

const dateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: COMMITTEE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The local calendar date of an instant in Africa/Nouakchott. */
export function localDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** Add whole days to a calendar date (no time-zone arithmetic involved). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** The month `n` months before (negative) or after a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

/** A real calendar date (YYYY-MM-DD): "2025-02-30" is refused, not rolled over to March. */
export const isIsoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

const stampFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: COMMITTEE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "YYYY-MM-DD HH:mm" in Africa/Nouakchott, for "changed by NAME at TIME". */
export function localStamp(instant: Date): string {
  return stampFormat.format(instant).replace(",", "");
}

/** Today's date in Africa/Nouakchott. */
export const today = () => localDate(new Date());
