/**
 * Reading an export in the browser with progress (components/data/download-links.tsx). Pure
 * apart from the stream it reads, so that it runs under vitest too.
 */

/** Header of a CSV export: its number of lines (labels, optional hashtags, data rows). */
export const LINES_HEADER = "X-Export-Lines";
/** Header of every export: its number of data rows. */
export const ROWS_HEADER = "X-Export-Rows";

export interface Progress {
  bytes: number;
  /** Data rows received so far (CSV only: counted by line ends); null when unknown. */
  rows: number | null;
  /** Data rows in all, from the response header; null when unknown. */
  totalRows: number | null;
}

const headerNumber = (res: Response, name: string) => {
  const v = res.headers.get(name);
  return v && /^\d+$/.test(v) ? Number(v) : null;
};

/**
 * Reads the body chunk by chunk, reporting progress after each, and returns the chunks. Rows are
 * counted by line ends when the response says how many lines it has (CSV): the lines before the
 * data rows (labels, hashtags) are not counted.
 */
export async function readWithProgress(res: Response, onProgress: (p: Progress) => void): Promise<Uint8Array[]> {
  const totalRows = headerNumber(res, ROWS_HEADER);
  const totalLines = headerNumber(res, LINES_HEADER);
  const headLines = totalRows != null && totalLines != null ? totalLines - totalRows : null;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let lines = 0;
  if (!res.body) return chunks;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    if (headLines != null) for (const b of value) if (b === 0x0a) lines++;
    // A line end inside a quoted cell would count twice: never report more rows than there are.
    onProgress({ bytes, rows: headLines == null ? null : Math.min(totalRows!, Math.max(0, lines - headLines)), totalRows });
  }
  return chunks;
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = disposition && /filename="([^"]+)"/.exec(disposition);
  return m ? m[1] : fallback;
}

/** A catalogue text with `{name}` placeholders filled in (the texts come from the server). */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, k: string) => (k in values ? String(values[k]) : all));
}

/** A byte count for people: "12 kB", "1.4 MB", in the reader's language with Latin digits. */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : bytes >= 1_000 ? [bytes / 1_000, "kilobyte"] : [bytes, "byte"];
  return new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(
    value,
  );
}
