import "server-only";
import { csvHead, csvLinesAsync } from "./csv";
import { LINES_HEADER, ROWS_HEADER } from "./download";
import { exportFileName, type ExportMeta } from "./meta";
import type { DataTableModel, ExportTable } from "./table";
import { xlsxStream } from "./xlsx";

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const asExportTable = (t: DataTableModel | ExportTable): ExportTable => ("rowCount" in t ? t : { ...t, rowCount: t.rows.length });

/** The CSV as a stream of lines, a slice at a time, a pause between slices. */
export function csvStream(table: DataTableModel | ExportTable, opts: { hxl?: boolean; meta?: ExportMeta }): ReadableStream<Uint8Array> {
  const lines = csvLinesAsync(asExportTable(table), opts);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        const next = await lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

export interface ExportOptions {
  hxl?: boolean;
  rtl?: boolean;
  /** The file's title, organisation, date, period, filters and disclosure note (written into the file). */
  meta?: ExportMeta;
}

export function exportBody(table: DataTableModel | ExportTable, format: ExportFormat, opts: ExportOptions) {
  return format === "csv" ? csvStream(table, opts) : xlsxStream(table, opts);
}

/**
 * The download: streamed, never cached, named for what it holds (table, organisation, period,
 * filters, hashtags, language: `exportFileName`), with its size in rows (and, for CSV, in lines)
 * so that the download links can show progress.
 */
export function exportResponse(table: DataTableModel | ExportTable, format: ExportFormat, opts: ExportOptions & { meta: ExportMeta; what?: string }) {
  const t = asExportTable(table);
  const name = exportFileName({ what: opts.what ?? t.id, meta: opts.meta, hxl: opts.hxl, format });
  return new Response(exportBody(t, format, opts), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Content-Language": opts.meta.locale,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      [ROWS_HEADER]: String(t.rowCount),
      ...(format === "csv" ? { [LINES_HEADER]: String(t.rowCount + csvHead(t, opts).length) } : {}),
    },
  });
}
