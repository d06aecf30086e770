/**
 * What every exported file says about itself (title, whose, when, which filters, the disclosure
 * note) and its name. Pure, so that the names are tested without a server.
 */
import type { Locale } from "@/lib/i18n/locales";

export interface ExportFilter {
  /** The filter's label in the file's language, e.g. "Village". */
  label: string;
  /** Its value as the reader knows it (a name, not an id), e.g. "Hassi Chegar". */
  value: string;
  /** The value in the file name (ASCII); defaults to `value` made ASCII. */
  slug?: string;
}

export interface ExportMeta {
  /** The title of the file, in its language. */
  title: string;
  /** Whose data: the organisation whose figures these are (a consortium's member, if asked). */
  org: { slug: string; name: string };
  locale: Locale;
  generatedAt: Date;
  /** The period, when the table has one (`from`/`to` ISO dates, a month `YYYY-MM`, or a quarter `YYYY-Qn`). */
  period?: { from?: string; to?: string; month?: string; quarter?: string; on?: string };
  filters: ExportFilter[];
  /** The disclosure note: what was suppressed, or why nothing was. */
  note: string;
  /** The labels of the metadata block, in the file's language. */
  labels: MetaLabels;
}

export interface MetaLabels {
  title: string;
  organisation: string;
  generated: string;
  period: string;
  filters: string;
  none: string;
  note: string;
  rows: string;
  /** The name of the workbook's second sheet. */
  aboutSheet: string;
}

const quarterOfRange = (from: string, to: string): string | null => {
  const m = /^(\d{4})-(\d{2})-01$/.exec(from);
  if (!m || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const end = (month: number) => new Date(Date.UTC(y, month, 0)).toISOString().slice(0, 10);
  if (mo === 1 && to === `${y}-12-31`) return String(y);
  if ((mo - 1) % 3 === 0 && to === end(mo + 2)) return `${y}-Q${(mo - 1) / 3 + 1}`;
  if (to === end(mo)) return `${y}-${m[2]}`;
  return null;
};

/**
 * The period in a file name: a year (`2025`), a quarter (`2025-Q3`), a month (`2025-07`), a range
 * (`2025-01-10_2025-02-20`), an open end (`from-2025-01-10`, `to-2025-02-20`), or a reference date.
 */
export function periodSlug(p: ExportMeta["period"]): string | null {
  if (!p) return null;
  if (p.quarter) return p.quarter;
  if (p.month) return p.month;
  if (p.from && p.to) return quarterOfRange(p.from, p.to) ?? `${p.from}_${p.to}`;
  if (p.from) return `from-${p.from}`;
  if (p.to) return `to-${p.to}`;
  if (p.on) return `on-${p.on}`;
  return null;
}

/** A value in a file name: ASCII letters, digits and hyphens (accents dropped; Arabic script left out). */
export function nameSlug(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/**
 * `tamkin-<what>-<whose>[-<period>][-<filter>…][-hxl]-<lang>.<ext>`: each variant of an export
 * (table, organisation, period, filters, hashtag row, language, format) gets its own name.
 */
export function exportFileName(o: { what: string; meta: ExportMeta; hxl?: boolean; format: string }): string {
  const parts = ["tamkin", nameSlug(o.what), nameSlug(o.meta.org.slug), periodSlug(o.meta.period)];
  for (const f of o.meta.filters) parts.push(nameSlug(f.slug ?? f.value) || null);
  if (o.hxl) parts.push("hxl");
  parts.push(o.meta.locale);
  // Whatever came from the URL, the name stays plain ASCII (it goes into a header).
  return `${parts
    .filter(Boolean)
    .join("-")
    .replace(/[^A-Za-z0-9._-]/g, "_")}.${o.format}`;
}

/** The period as the reader reads it ("2025-07-01 – 2025-09-30"), or null. */
export function periodText(p: ExportMeta["period"]): string | null {
  if (!p) return null;
  if (p.quarter || p.month) return (p.quarter ?? p.month)!;
  if (p.from || p.to) return `${p.from ?? "…"} – ${p.to ?? "…"}`;
  return p.on ?? null;
}

/** The metadata block as label/value pairs, in order: title, organisation, date, period, filters, note. */
export function metaLines(m: ExportMeta): [string, string][] {
  const l = m.labels;
  const period = periodText(m.period);
  const lines: [string, string][] = [
    [l.title, m.title],
    [l.organisation, `${m.org.name} (${m.org.slug})`],
    [l.generated, m.generatedAt.toISOString().replace("T", " ").slice(0, 16) + " UTC"],
  ];
  if (period) lines.push([l.period, period]);
  lines.push([l.filters, m.filters.length ? m.filters.map((f) => `${f.label}: ${f.value}`).join("; ") : l.none]);
  lines.push([l.note, m.note]);
  return lines;
}
