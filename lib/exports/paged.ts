import type { CellValue } from "./table";

/** A page of a keyset-paginated list (lib/pagination.ts). */
export interface ListPage<R> {
  rows: R[];
  next?: string;
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
