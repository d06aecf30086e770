import { LazyRevenueBars } from "@/components/charts/lazy-revenue-bars";
import type { RevenueRow } from "@/lib/groups/dashboard";
import { Card } from "@/components/ui/card";
import type { ReactNode } from "react";
import { Money } from "./ui";
import { Table, Td } from "@/components/data/table";

/**
 * One breakdown of revenue: a chart and the same figures as a table, each row linking to its
 * ledger rows. At most `limit` rows, the largest (the caller sorts): at national scale an NGO's
 * villages run to hundreds, which no chart shows legibly and no phone should download; the rest
 * stay one click away in the ledger (`more`).
 */
export function RevenueBlock(props: {
  title: string;
  rows: RevenueRow[];
  layout: "horizontal" | "vertical";
  locale: string;
  headLabel: string;
  tableLabel: string;
  href: (row: RevenueRow) => string;
  testId: string;
  limit?: number;
  /** How many rows there are in all, when `rows` holds only the largest (default: rows.length). */
  count?: number;
  more?: (shown: number, count: number) => ReactNode;
  /** The table's download links (CSV, XLSX), when the reader may export. */
  exportLinks?: ReactNode;
}) {
  const rows = props.limit && props.rows.length > props.limit ? props.rows.slice(0, props.limit) : props.rows;
  return (
    <Card title={props.title}>
      {rows.length < (props.count ?? props.rows.length) && props.more ? (
        <p className="mb-2 text-sm text-slate-700" data-testid={`${props.testId}-limited`}>
          {props.more(rows.length, props.count ?? props.rows.length)}
        </p>
      ) : null}
      <LazyRevenueBars
        data={rows.map((r) => ({ label: r.label, value: r.xof }))}
        layout={props.layout}
        locale={props.locale}
        rtl={props.locale === "ar"}
        unit="XOF"
      />
      <details className="mt-2" open={rows.length <= 12}>
        <summary className="flex min-h-11 cursor-pointer items-center font-medium">{props.tableLabel}</summary>
        <Table head={[props.headLabel, "XOF", "MRU"]} testId={props.testId}>
          {rows.map((r) => (
            <tr key={r.key}>
              <Td>
                {/* One plain link per row (the label): lighter than a client link per cell. */}
                <a href={props.href(r)} className="text-emerald-900 underline underline-offset-4">
                  {r.label}
                </a>
              </Td>
              <Td>
                <Money amount={r.xof} currency="XOF" locale={props.locale} />
              </Td>
              <Td>
                <Money amount={r.mru} currency="MRU" locale={props.locale} />
              </Td>
            </tr>
          ))}
        </Table>
        {props.exportLinks && props.rows.length > 0 ? <div className="mt-2">{props.exportLinks}</div> : null}
      </details>
    </Card>
  );
}
