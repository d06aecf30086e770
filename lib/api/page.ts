import { BadCursorError } from "@/lib/exports/paged";
import type { CellValue, DataTableModel, ExportTable, KeysetRequest } from "@/lib/exports/table";
import { openCursor, type CursorPosition, type CursorScope } from "./cursor";

export const API_PAGE_SIZE = 500;
export const API_PAGE_SIZE_MAX = 1000;
/**
 * The deprecated `page` parameter is served while the page ends within the first this-many rows
 * (page × pageSize); deeper, 400: a table is walked by its `next` cursor.
 */
export const API_PAGE_ROWS_MAX = 10_000;

export interface ApiPageRequest {
  size: number;
  /** The deprecated page number, when `page` was given (never with a cursor). */
  page?: number;
  /** Where the page starts, from a verified cursor: after a row's key, or at an offset. None: the first page. */
  from?: CursorPosition;
}

export type ApiPageError = "invalid_page" | "page_too_deep" | "invalid_cursor" | "cursor_with_page";

export const pageErrorMessages: Record<ApiPageError, string> = {
  invalid_page: `page must be a whole number from 1, and pageSize from 1 to ${API_PAGE_SIZE_MAX}.`,
  page_too_deep: `page is deprecated and served within the first ${API_PAGE_ROWS_MAX} rows only: follow the response's next cursor (JSON "next", or the Link header).`,
  invalid_cursor:
    "cursor is not one this API gave for this organisation, table and filters, or it was altered: start again without it, and keep the filters of the first page.",
  cursor_with_page: "Give cursor or page, not both: a cursor already says where the page starts.",
};

/**
 * `pageSize` (1 to 1000, 500 by default), and `cursor` (a `next` this API sealed for this scope:
 * lib/api/cursor.ts) or the deprecated `page` (from 1, within the first API_PAGE_ROWS_MAX rows).
 */
export function pageRequestOf(sp: URLSearchParams, scope: CursorScope): { ok: true; value: ApiPageRequest } | { ok: false; error: ApiPageError } {
  const num = (k: string, d: number) => {
    const v = sp.get(k);
    return v === null ? d : /^[1-9]\d{0,5}$/.test(v) ? Number(v) : NaN;
  };
  const page = num("page", 1);
  const size = num("pageSize", API_PAGE_SIZE);
  if (!(page >= 1 && size >= 1 && size <= API_PAGE_SIZE_MAX)) return { ok: false, error: "invalid_page" };
  const cursor = sp.get("cursor");
  if (cursor !== null) {
    if (sp.has("page")) return { ok: false, error: "cursor_with_page" };
    const from = openCursor(scope, cursor);
    return from ? { ok: true, value: { size, from } } : { ok: false, error: "invalid_cursor" };
  }
  if (page * size > API_PAGE_ROWS_MAX) return { ok: false, error: "page_too_deep" };
  return { ok: true, value: sp.has("page") ? { size, page } : { size } };
}

/**
 * What a long list's loader reads for this request (`ExportRequest.page`): the page after the
 * cursor's row, or from the start, by its keyset. A deprecated `page` N reads its N × size first
 * rows (at most API_PAGE_ROWS_MAX) and keeps the last size.
 */
export function keysetRequestOf(p: ApiPageRequest): KeysetRequest {
  if (p.from?.kind === "key") return { size: p.size, after: p.from.after };
  return { size: p.size * (p.page ?? 1) };
}

export interface ApiPage {
  rows: CellValue[][];
  /** Where the next page starts, while rows remain. */
  next?: CursorPosition;
  /** The matching rows, when known: on a long list's first page (counting reads all of them), always for a dashboard's table. */
  total: number | null;
}

/**
 * One page of a table as loaded for the request. A long list (its loader read the page by its
 * keyset: `table.page`) gives its rows and the key of its last row; a dashboard's table (computed
 * whole) is cut at an offset. A position of the other kind is a bad cursor.
 */
export async function pageOf(table: DataTableModel | ExportTable, p: ApiPageRequest): Promise<ApiPage> {
  if ("page" in table && table.page) {
    if (p.from?.kind === "offset") throw new BadCursorError();
    const skip = p.page ? (p.page - 1) * p.size : 0;
    const { rows, next, total } = table.page;
    return { rows: rows.slice(skip), ...(next ? { next: { kind: "key", after: next } } : {}), total: total ?? null };
  }
  if (p.from?.kind === "key") throw new BadCursorError();
  const skip = p.from?.kind === "offset" ? p.from.offset : ((p.page ?? 1) - 1) * p.size;
  const rows: CellValue[][] = [];
  let i = 0;
  let hasNext = false;
  for await (const row of table.rows) {
    if (i >= skip + p.size) {
      hasNext = true;
      break;
    }
    if (i >= skip) rows.push(row);
    i++;
  }
  const total = "rowCount" in table ? table.rowCount : table.rows.length;
  return { rows, ...(hasNext ? { next: { kind: "offset", offset: skip + rows.length } } : {}), total };
}
