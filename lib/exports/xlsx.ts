/**
 * XLSX exports with exceljs's streaming writer: rows are committed to the zip as they are
 * written, in slices with a pause between them, and the next slice is only written once the
 * reader has taken what came before, so a long export holds neither the whole file in memory
 * nor the server's event loop. The first sheet holds the table (labels, optional HXL row, data),
 * right-to-left for Arabic; the second the file's title, date, filters and disclosure note.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { metaLines, type ExportMeta } from "./meta";
import type { CellValue, DataTableModel, ExportTable } from "./table";

const SLICE = 500;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return (
    title
      .replace(/[:\\/?*[\]]/g, " ")
      .slice(0, 31)
      .trim() || "Sheet1"
  );
}

/** Characters XML 1.0 does not allow are dropped (exceljs would write them as they are). */

const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

const cellOut = (v: CellValue) => (v == null || v === "" ? null : typeof v === "number" ? (Number.isFinite(v) ? v : null) : xmlSafe(v));

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Until the stream flows again (or is closed). */
const resumed = (out: PassThrough) =>
  new Promise<void>((resolve) => {
    const done = () => {
      out.off("resume", done).off("close", done);
      resolve();
    };
    out.on("resume", done).on("close", done);
  });

export interface XlsxOptions {
  rtl?: boolean;
  hxl?: boolean;
  meta?: ExportMeta;
}

/** Writes the workbook into `out`, waiting whenever the reader lags; resolves once the zip is complete. */
export async function writeXlsx(table: ExportTable, out: PassThrough, opts: XlsxOptions = {}): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 4 } } });
  book.creator = "Tamkin";
  book.created = opts.meta?.generatedAt ?? new Date();
  if (opts.meta) book.title = xmlSafe(opts.meta.title);
  // One workbook view, which the sheets' views name (workbookViewId="0"); right-to-left belongs on
  // the sheet views, the workbook view has no such attribute.
  book.views = [{ x: 0, y: 0, width: 12000, height: 24000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  const frozen = opts.hxl ? 2 : 1;
  const views = [{ rightToLeft: !!opts.rtl, state: "frozen" as const, ySplit: frozen, xSplit: 0, topLeftCell: `A${frozen + 1}` }];
  const sheet = book.addWorksheet(sheetName(xmlSafe(table.title)), { views });
  const head = sheet.addRow(table.columns.map((c) => xmlSafe(c.label)));
  head.font = { bold: true };
  head.commit();
  if (opts.hxl) {
    const tags = sheet.addRow(table.columns.map((c) => c.hxl ?? null));
    tags.font = { italic: true };
    tags.commit();
  }
  if (opts.meta) {
    const about = book.addWorksheet(sheetName(opts.meta.labels.aboutSheet), { views: [{ rightToLeft: !!opts.rtl }] });
    about.columns = [{ width: 24 }, { width: 90 }];
    for (const [k, v] of metaLines(opts.meta)) {
      const row = about.addRow([xmlSafe(k), xmlSafe(v)]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { wrapText: true, vertical: "top" };
      row.commit();
    }
    about.commit();
  }
  let n = 0;
  for await (const row of table.rows) {
    sheet.addRow(row.map(cellOut)).commit();
    if (++n % SLICE === 0) {
      await pause();
      // The stream is paused while the reader has not taken what it was given: wait for it.
      while (out.isPaused() && !out.destroyed) await resumed(out);
    }
  }
  sheet.commit();
  await book.commit();
}

/**
 * The workbook as a byte stream, produced as it is read (see `writeXlsx`). Accepts a dashboard
 * table (rows in memory) or an export table (rows as they are read).
 */
export function xlsxStream(table: DataTableModel | ExportTable, opts: XlsxOptions = {}): ReadableStream<Uint8Array> {
  const source: ExportTable = "rowCount" in table ? table : { ...table, rowCount: table.rows.length };
  const out = new PassThrough();
  let failed: unknown = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      out.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) out.pause();
      });
      out.on("end", () => (failed ? null : controller.close()));
      writeXlsx(source, out, opts).catch((err) => {
        failed = err;
        controller.error(err);
        out.destroy();
      });
    },
    pull() {
      out.resume();
    },
    cancel() {
      out.destroy();
    },
  });
}
