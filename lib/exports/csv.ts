import { metaLines, type ExportMeta } from "./meta";
import { cellText, type CellValue, type DataTableModel, type ExportTable } from "./table";

/** Byte-order mark, so that spreadsheet programs read the file as UTF-8 (and show Arabic). */
export const BOM = "\uFEFF";

/** One CSV field. Text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvField(v: CellValue): string {
  let s = cellText(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (cells: readonly CellValue[]) => `${cells.map(csvField).join(",")}\r\n`;

/**
 * The lines before the data: with metadata, a block of label/value lines (title, organisation,
 * date, period, filters, disclosure note) and an empty line; then the header labels and the
 * optional HXL hashtag row.
 */
export function csvHead(table: Pick<DataTableModel, "columns">, opts: { hxl?: boolean; meta?: ExportMeta } = {}): string[] {
  const lines = opts.meta ? [...metaLines(opts.meta).map(([k, v]) => csvLine([k, v])), "\r\n"] : [];
  lines.push(csvLine(table.columns.map((c) => c.label)));
  if (opts.hxl) lines.push(csvLine(table.columns.map((c) => c.hxl ?? "")));
  lines[0] = BOM + lines[0];
  return lines;
}

/** The table's lines: the head (see `csvHead`), then the data. */
export function* csvLines(table: DataTableModel, opts: { hxl?: boolean; meta?: ExportMeta } = {}): Generator<string> {
  yield* csvHead(table, opts);
  for (const row of table.rows) yield csvLine(row);
}

/** The same for rows that may arrive as they are read. */
export async function* csvLinesAsync(table: ExportTable, opts: { hxl?: boolean; meta?: ExportMeta } = {}): AsyncGenerator<string> {
  yield* csvHead(table, opts);
  for await (const row of table.rows) yield csvLine(row);
}
