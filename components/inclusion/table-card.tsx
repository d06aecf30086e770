import type { ReactNode } from "react";
import type { DataTableModel } from "@/lib/exports/table";
import { DataTable, ExportLinks, type ExportLinkLabels } from "@/components/data/data-table";
import { Card } from "@/components/ui/card";

export interface TableCardProps {
  table: DataTableModel;
  /** Download link of the table in a format; absent when the reader may not export. */
  href?: (format: "csv" | "xlsx", hxl: boolean) => string;
  labels: ExportLinkLabels;
  empty: string;
  /** A chart of the same figures, above the table; and text below it. */
  chart?: ReactNode;
  children?: ReactNode;
}

/** One dashboard table in its card: an optional chart, the table, its downloads. */
export function TableCard({ table, href, labels, empty, chart, children }: TableCardProps) {
  return (
    <Card title={table.title}>
      <div className="flex flex-col gap-3">
        {chart}
        <DataTable table={table} empty={empty} />
        {children}
        {href && table.rows.length > 0 ? <ExportLinks href={href} labels={labels} tableTitle={table.title} /> : null}
      </div>
    </Card>
  );
}
