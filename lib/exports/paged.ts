import type { CellValue, KeysetPage, KeysetRequest } from "./table";

/** A page of a keyset-paginated list (lib/pagination.ts). */
export interface ListPage<R> {
  rows: R[];
  next?: string;
  previous?: string;
}

/**
 * The rows of a list, page after page, as the file is written: the first page as already read,
 * then each next page read by `fetchAfter` (one short tenant transaction each), so that neither
 * the server nor a transaction ever holds the whole list.
 */
export async function* pagedRows<R>(
  first: ListPage<R>,
  fetchAfter: (cursor: string) => Promise<ListPage<R>>,
  toRow: (r: R) => CellValue[],
): AsyncGenerator<CellValue[]> {
  let page = first;
  for (;;) {
    for (const r of page.rows) yield toRow(r);
    if (!page.next) return;
    page = await fetchAfter(page.next);
  }
}

/** A cursor the list cannot read (the list's plan would have read its first page instead). */
export class BadCursorError extends Error {
  constructor() {
    super("bad_cursor");
    this.name = "BadCursorError";
  }
}

/**
 * The page asked of a list (`asked`), read by the list's keyset, as a table's page. A cursor the
 * list did not decode is an error, never its first page: a forward read after a cursor it decoded
 * always links back to a previous page (lib/pagination.ts, `toPage`), one it ignored never does.
 */
export function askedPage<R>(asked: KeysetRequest, page: ListPage<R>, toRow: (r: R) => CellValue[], total?: number): KeysetPage {
  if (asked.after !== undefined && page.previous === undefined) throw new BadCursorError();
  return { rows: page.rows.map(toRow), ...(page.next ? { next: page.next } : {}), ...(total !== undefined ? { total } : {}) };
}
