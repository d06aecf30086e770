/** Dates as day numbers (days since 1970-01-01, UTC) with precomputed ISO strings. */
const MS_PER_DAY = 86_400_000;
const FIRST = Date.UTC(2015, 0, 1) / MS_PER_DAY;
const LAST = Date.UTC(2030, 11, 31) / MS_PER_DAY;
const iso: string[] = [];
for (let d = FIRST; d <= LAST; d++) iso.push(new Date(d * MS_PER_DAY).toISOString().slice(0, 10));

export const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / MS_PER_DAY;
export const dayOfIso = (s: string) => Date.parse(`${s}T00:00:00Z`) / MS_PER_DAY;

export function isoOf(day: number): string {
  const s = iso[day - FIRST];
  if (s === undefined) throw new Error(`day out of range: ${day}`);
  return s;
}

/** A timestamp with time zone in PostgreSQL's text format (UTC). */
export function tsOf(day: number, secondsOfDay: number): string {
  const h = Math.floor(secondsOfDay / 3600);
  const m = Math.floor((secondsOfDay % 3600) / 60);
  const s = secondsOfDay % 60;
  return `${isoOf(day)} ${h < 10 ? "0" : ""}${h}:${m < 10 ? "0" : ""}${m}:${s < 10 ? "0" : ""}${s}+00`;
}

/** Months as indexes y*12 + (m-1). */
export const monthIndex = (y: number, m: number) => y * 12 + (m - 1);
export const yearOfMonth = (mi: number) => Math.floor(mi / 12);
export const monthOfYear = (mi: number) => (mi % 12) + 1;
export const firstDayOfMonth = (mi: number) => dayOf(yearOfMonth(mi), monthOfYear(mi), 1);
export const daysInMonth = (mi: number) => firstDayOfMonth(mi + 1) - firstDayOfMonth(mi);
export const lastDayOfMonth = (mi: number) => firstDayOfMonth(mi + 1) - 1;
export function monthOfDay(day: number): number {
  const s = isoOf(day);
  return monthIndex(Number(s.slice(0, 4)), Number(s.slice(5, 7)));
}
export const quarterOfMonth = (mi: number) => `${yearOfMonth(mi)}-Q${Math.floor((mi % 12) / 3) + 1}`;
