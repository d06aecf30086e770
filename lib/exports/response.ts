import "server-only";
import { csvLines } from "./csv";
import { LINES_HEADER, ROWS_HEADER } from "./download";
import type { DataTableModel } from "./table";
import { xlsxStream } from "./xlsx";

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The CSV as a stream of lines, a slice at a time. */
export function csvStream(table: DataTableModel, opts: { hxl?: boolean }): ReadableStream<Uint8Array> {
  const lines = csvLines(table, opts);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        const next = lines.next();
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
  });
}

export function exportBody(table: DataTableModel, format: ExportFormat, opts: { hxl?: boolean; rtl?: boolean }) {
  return format === "csv" ? csvStream(table, opts) : xlsxStream(table, opts);
}

/**
 * The download: streamed, never cached, with an ASCII file name, and its size in rows (and, for
 * CSV, in lines) so that the download links can show progress.
 */
export function exportResponse(table: DataTableModel, format: ExportFormat, opts: { hxl?: boolean; rtl?: boolean; fileBase: string }) {
  const date = new Date().toISOString().slice(0, 10);
  const name = `${opts.fileBase}-${table.id}-${date}`.replace(/[^a-zA-Z0-9._-]/g, "_");
  return new Response(exportBody(table, format, opts), {
    headers: {
      "Content-Type":
        format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.${format}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      [ROWS_HEADER]: String(table.rows.length),
      ...(format === "csv" ? { [LINES_HEADER]: String(table.rows.length + (opts.hxl ? 2 : 1)) } : {}),
    },
  });
}
