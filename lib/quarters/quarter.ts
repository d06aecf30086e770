/** Calendar quarters, written "2026-Q3". Pure, shared by the forms, the locks and the dashboards. */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export function quarterOf(date: string | Date): string {
  const iso = typeof date === "string" ? date : date.toISOString().slice(0, 10);
  const year = iso.slice(0, 4);
  const month = Number(iso.slice(5, 7));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export function isQuarter(q: string): boolean {
  return QUARTER_PATTERN.test(q);
}

/** First and last day (ISO dates) of a quarter. */
export function quarterBounds(q: string): { start: string; end: string } {
  const m = QUARTER_PATTERN.exec(q);
  if (!m) throw new Error(`not a quarter: ${q}`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  const startMonth = (n - 1) * 3 + 1;
  const endDay = new Date(Date.UTC(year, startMonth + 2, 0)).getUTCDate();
  const pad = (x: number) => String(x).padStart(2, "0");
  return { start: `${year}-${pad(startMonth)}-01`, end: `${year}-${pad(startMonth + 2)}-${pad(endDay)}` };
}

export function previousQuarter(q: string): string {
  const m = QUARTER_PATTERN.exec(q);
  if (!m) throw new Error(`not a quarter: ${q}`);
  const n = Number(m[2]);
  return n === 1 ? `${Number(m[1]) - 1}-Q4` : `${m[1]}-Q${n - 1}`;
}

export function nextQuarter(q: string): string {
  const m = QUARTER_PATTERN.exec(q);
  if (!m) throw new Error(`not a quarter: ${q}`);
  const n = Number(m[2]);
  return n === 4 ? `${Number(m[1]) + 1}-Q1` : `${m[1]}-Q${n + 1}`;
}

/** The quarters a period of dates touches, in order. */
export function quartersBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let q = quarterOf(from), last = quarterOf(to); q <= last; q = nextQuarter(q)) out.push(q);
  return out;
}

/** The last `count` quarters ending with `last`, oldest first. */
export function lastQuarters(last: string, count: number): string[] {
  const out = [last];
  while (out.length < count) out.unshift(previousQuarter(out[0]));
  return out;
}
