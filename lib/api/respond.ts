import "server-only";
import type { ExportMeta } from "@/lib/exports/meta";
import type { ExportFile } from "@/lib/exports/route";
import { exportResponse } from "@/lib/exports/response";
import { periodSlug } from "@/lib/exports/meta";
import type { CellValue } from "@/lib/exports/table";
import { signCursor, type CursorPosition, type CursorScope } from "./cursor";
import { pageOf, type ApiPageRequest } from "./page";

const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export const apiError = (status: number, error: string, extra: Record<string, string> = {}, message?: string) =>
  Response.json(message ? { error, message } : { error }, { status, headers: { ...headers, ...extra } });

/**
 * The next page's path and query (relative to the server), or null on the last page: the same
 * query with `cursor` (sealed for this organisation, table and filters: lib/api/cursor.ts) and
 * `pageSize`, without the deprecated `page`.
 */
function nextPath(url: URL, scope: CursorScope, p: ApiPageRequest, next: CursorPosition | undefined): string | null {
  if (!next) return null;
  const sp = new URLSearchParams(url.searchParams);
  sp.delete("page");
  sp.set("cursor", signCursor(scope, next));
  sp.set("pageSize", String(p.size));
  return `${url.pathname}?${sp.toString()}`;
}

/**
 * A page of an export's table as JSON: `data` (one object per row, keyed by the columns' keys,
 * cells as the export writes them, "<5" and "•" included), `next` (the next page's path, with its
 * cursor), and `meta` (the export's metadata block: title, organisation, period, filters,
 * disclosure note, generation time, plus the columns and the page). Also in a `Link` header.
 */
export async function apiJson(url: URL, scope: CursorScope, file: ExportFile, meta: ExportMeta, p: ApiPageRequest): Promise<Response> {
  const { rows, next, total } = await pageOf(file.table, p);
  const keys = file.table.columns.map((c) => c.key);
  const data = rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null] as [string, CellValue])));
  const nextHref = nextPath(url, scope, p, next);
  const body = {
    data,
    next: nextHref,
    meta: {
      table: file.what,
      title: meta.title,
      organisation: meta.org,
      language: meta.locale,
      generatedAt: meta.generatedAt.toISOString(),
      period: meta.period ?? null,
      periodLabel: periodSlug(meta.period),
      filters: meta.filters.map((f) => ({ label: f.label, value: f.value })),
      disclosureNote: meta.note,
      columns: file.table.columns.map((c) => ({ key: c.key, label: c.label, hxl: c.hxl ?? null, group: c.group ?? null })),
      page: p.page ?? (p.from ? null : 1),
      pageSize: p.size,
      totalRows: total,
    },
  };
  const res = Response.json(body, { headers: { ...headers, "Content-Language": meta.locale } });
  if (nextHref) res.headers.set("Link", `<${nextHref}>; rel="next"`);
  return res;
}

/**
 * CSV: without `cursor`, `page` or `pageSize`, the export's file itself (the whole table, streamed
 * page after page by its keyset); with them, the same file holding that page's rows only, and a
 * `Link: <…>; rel="next"` header (with the next cursor) while rows remain.
 */
export async function apiCsv(url: URL, scope: CursorScope, file: ExportFile, meta: ExportMeta, p: ApiPageRequest | null, hxl: boolean): Promise<Response> {
  const opts = { hxl, rtl: meta.locale === "ar", meta, what: file.what };
  if (!p) return exportResponse(file.table, "csv", opts);
  const { rows, next } = await pageOf(file.table, p);
  const res = exportResponse({ ...file.table, rowCount: rows.length, rows }, "csv", opts);
  const nextHref = nextPath(url, scope, p, next);
  if (nextHref) res.headers.set("Link", `<${nextHref}>; rel="next"`);
  return res;
}
