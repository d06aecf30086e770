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
}

export interface DataTableModel {
  /** Stable id, used in export URLs and file names. */
  id: string;
  title: string;
  columns: TableColumn[];
  rows: CellValue[][];
}

/** Text of a cell as shown on the page and written to CSV: empty for missing values. */
export function cellText(v: CellValue): string {
  return v == null ? "" : String(v);
}
