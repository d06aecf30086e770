/**
 * A dashboard table as data: the page renders it and the exports serialise the very same object,
 * so a downloaded figure always equals the one on screen.
 */
export type CellValue = string | number | null;

export interface TableColumn {
  key: string;
  label: string;
  /** HXL hashtag with attributes, e.g. `#loc+name`, for the optional hashtag row. */
  hxl?: string;
  /** The heading of the column's group (revenue, inclusion…), shown above runs of columns that share it. */
  group?: string;
}

export interface DataTableModel {
  /** Stable id, used in export URLs and file names. */
  id: string;
  title: string;
  columns: TableColumn[];
  rows: CellValue[][];
}

/**
 * A table to export whose rows may arrive as they are read (a long ledger, page after page), so
 * that neither the server nor the writer ever holds the whole of it.
 */
export interface ExportTable {
  id: string;
  title: string;
  columns: TableColumn[];
  /** The number of data rows (sent ahead in a header, for the download's progress). */
  rowCount: number;
  rows: Iterable<CellValue[]> | AsyncIterable<CellValue[]>;
  /** Set when the table was loaded for one page asked by its sort key (`KeysetRequest`): then `rows` are that page's. */
  page?: KeysetPage;
}

/** One page asked of a long table (the read-only API): its size, and the list's cursor of the row it follows. */
export interface KeysetRequest {
  size: number;
  after?: string;
}

/**
 * One page of a long table, read by its keyset (lib/pagination.ts: `WHERE (key) > (cursor) ORDER BY
 * key LIMIT size + 1`), never by walking the table from its start: its rows, the list's cursor of
 * its last row while rows remain, and the count of the matching rows, on the first page only (a
 * count reads all of them).
 */
export interface KeysetPage {
  rows: CellValue[][];
  next?: string;
  total?: number;
}

/** A dashboard table as an export table. */
export const exportTableOf = (t: DataTableModel): ExportTable => ({ ...t, rowCount: t.rows.length, rows: t.rows });

/** Text of a cell as shown on the page and written to CSV: empty for missing values. */
export function cellText(v: CellValue): string {
  return v == null ? "" : String(v);
}

/** The cell of a table's row (the last row, its total, by default) under a column key. */
export function cellOf(table: DataTableModel | undefined, key: string, row = -1): CellValue {
  if (!table) return null;
  const j = table.columns.findIndex((c) => c.key === key);
  const r = table.rows.at(row);
  return j < 0 || !r ? null : r[j];
}

/**
 * Two columns of a table as chart data, the first column giving the labels: a chart drawn from
 * it shows exactly the table's figures (none where the table shows none or a suppressed cell).
 */
export function columnPair(table: DataTableModel, keys: readonly [string, string]): { label: string; a: number | null; b: number | null }[] {
  const [ia, ib] = keys.map((k) => table.columns.findIndex((c) => c.key === k));
  const num = (v: CellValue | undefined) => (typeof v === "number" ? v : null);
  return table.rows.map((r) => ({ label: cellText(r[0]), a: num(r[ia]), b: num(r[ib]) }));
}

/**
 * The points a chart of these rows and columns does not draw because the table hides them
 * ("<5" or "•"), as "row – column" for the chart's caption.
 */
export function hiddenPoints(table: DataTableModel, rows: readonly number[], keys: readonly string[], marks: readonly string[] = ["<5", "•"]): string[] {
  return rows.flatMap((i) =>
    keys.flatMap((k) => {
      const j = table.columns.findIndex((c) => c.key === k);
      const v = table.rows[i]?.[j];
      return typeof v === "string" && marks.includes(v) ? [`${cellText(table.rows[i][0])} – ${table.columns[j].label} (${v})`] : [];
    }),
  );
}
