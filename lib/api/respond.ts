import "server-only";
import type { ExportMeta } from "@/lib/exports/meta";
import type { ExportFile } from "@/lib/exports/route";
import { exportResponse } from "@/lib/exports/response";
import { periodSlug } from "@/lib/exports/meta";
import type { CellValue } from "@/lib/exports/table";
import { pageOf, type PageRequest } from "./page";

const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export const apiError = (status: number, error: string, extra: Record<string, string> = {}) =>
  Response.json({ error }, { status, headers: { ...headers, ...extra } });

/** The next page's path and query (relative to the server), or null on the last page. */
function nextPath(url: URL, p: PageRequest, hasNext: boolean): string | null {
  if (!hasNext) return null;
  const sp = new URLSearchParams(url.searchParams);
  sp.set("page", String(p.page + 1));
  sp.set("pageSize", String(p.size));
  return `${url.pathname}?${sp.toString()}`;
}

/**
 * A page of an export's table as JSON: `data` (one object per row, keyed by the columns' keys,
 * cells as the export writes them, "<5" and "•" included), `next`, and `meta` (the export's
 * metadata block: title, organisation, period, filters, disclosure note, generation time, plus
 * the columns and the page).
 */
export async function apiJson(url: URL, file: ExportFile, meta: ExportMeta, p: PageRequest): Promise<Response> {
  const { rows, hasNext, total } = await pageOf(file.table, p);
  const keys = file.table.columns.map((c) => c.key);
  const data = rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null] as [string, CellValue])));
  const body = {
    data,
    next: nextPath(url, p, hasNext),
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
      page: p.page,
      pageSize: p.size,
      totalRows: total,
    },
  };
  return Response.json(body, { headers: { ...headers, "Content-Language": meta.locale } });
}

/**
 * CSV: without `page`, the export's file itself (the whole table, streamed); with `page`, the same
 * file holding that page's rows only, and a `Link: <…>; rel="next"` header while rows remain.
 */
export async function apiCsv(url: URL, file: ExportFile, meta: ExportMeta, p: PageRequest | null, hxl: boolean): Promise<Response> {
  const opts = { hxl, rtl: meta.locale === "ar", meta, what: file.what };
  if (!p) return exportResponse(file.table, "csv", opts);
  const { rows, hasNext } = await pageOf(file.table, p);
  const res = exportResponse({ ...file.table, rowCount: rows.length, rows }, "csv", opts);
  const next = nextPath(url, p, hasNext);
  if (next) res.headers.set("Link", `<${next}>; rel="next"`);
  return res;
}
