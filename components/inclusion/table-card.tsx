import type { ReactNode } from "react";
import type { DataTableModel } from "@/lib/exports/table";
import { DataTable } from "@/components/data/data-table";
import { ExportLinks, type ExportLinksProps } from "@/components/data/export-links";
import { Card } from "@/components/ui/card";

export interface TableCardProps {
  table: DataTableModel;
  /** Where the table's downloads live; absent when the reader may not export. */
  exportTo?: Omit<ExportLinksProps, "title">;
  empty: string;
  /** A chart of the same figures, above the table; and text below it. */
  chart?: ReactNode;
  children?: ReactNode;
}

/** One dashboard table in its card: an optional chart, the table, its downloads. */
export function TableCard({ table, exportTo, empty, chart, children }: TableCardProps) {
  return (
    <Card title={table.title}>
      <div className="flex flex-col gap-3">
        {chart}
        <DataTable table={table} empty={empty} />
        {children}
        {exportTo && table.rows.length > 0 ? <ExportLinks {...exportTo} title={table.title} /> : null}
      </div>
    </Card>
  );
}
