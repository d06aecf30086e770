import { cellText, type CellValue, type DataTableModel } from "./table";

/** Byte-order mark, so that spreadsheet programs read the file as UTF-8 (and show Arabic). */
export const BOM = "\uFEFF";

/** One CSV field. Text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvField(v: CellValue): string {
  let s = cellText(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (cells: readonly CellValue[]) => `${cells.map(csvField).join(",")}\r\n`;

/** The table's lines: header labels, then the optional HXL hashtag row, then the data. */
export function* csvLines(table: DataTableModel, opts: { hxl?: boolean } = {}): Generator<string> {
  yield BOM + csvLine(table.columns.map((c) => c.label));
  if (opts.hxl) yield csvLine(table.columns.map((c) => c.hxl ?? ""));
  for (const row of table.rows) yield csvLine(row);
}
