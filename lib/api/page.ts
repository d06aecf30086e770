import type { CellValue, DataTableModel, ExportTable } from "@/lib/exports/table";

export const API_PAGE_SIZE = 500;
export const API_PAGE_SIZE_MAX = 1000;
/** Pages beyond this are refused (400): a BI tool reads a large table with filters, not by walking it for ever. */
export const API_PAGE_MAX = 10_000;

export interface PageRequest {
  page: number;
  size: number;
}

/** `page` (from 1) and `pageSize` (1 to 1000, 500 by default); null when either is not such a number. */
export function pageRequestOf(sp: URLSearchParams): PageRequest | null {
  const num = (k: string, d: number) => {
    const v = sp.get(k);
    return v === null ? d : /^[1-9]\d{0,5}$/.test(v) ? Number(v) : NaN;
  };
  const page = num("page", 1);
  const size = num("pageSize", API_PAGE_SIZE);
  if (!(page >= 1 && page <= API_PAGE_MAX && size >= 1 && size <= API_PAGE_SIZE_MAX)) return null;
  return { page, size };
}

/**
 * One page of a table's rows, in the table's own order (the export's): the rows are read in turn
 * and the reading stops after the page (a long ledger is not read to its end), so consecutive
 * pages hold every row exactly once while the data does not change.
 */
export async function pageOf(table: DataTableModel | ExportTable, p: PageRequest): Promise<{ rows: CellValue[][]; hasNext: boolean; total: number }> {
  const total = "rowCount" in table ? table.rowCount : table.rows.length;
  const skip = (p.page - 1) * p.size;
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
  return { rows, hasNext, total };
}
