import { LazyRevenueBars } from "@/components/charts/lazy-revenue-bars";
import type { RevenueRow } from "@/lib/groups/dashboard";
import { Card } from "@/components/ui/card";
import { Money, Table, Td, TextLink } from "./ui";

/** One breakdown of revenue: a chart and the same figures as a table, each linking to its ledger rows. */
export function RevenueBlock(props: {
  title: string;
  rows: RevenueRow[];
  layout: "horizontal" | "vertical";
  locale: string;
  headLabel: string;
  tableLabel: string;
  href: (row: RevenueRow) => string;
  testId: string;
}) {
  return (
    <Card title={props.title}>
      <LazyRevenueBars data={props.rows.map((r) => ({ label: r.label, value: r.xof }))} layout={props.layout} locale={props.locale} rtl={props.locale === "ar"} unit="XOF" />
      <details className="mt-2" open={props.rows.length <= 12}>
        <summary className="cursor-pointer font-medium">{props.tableLabel}</summary>
        <Table head={[props.headLabel, "XOF", "MRU"]} testId={props.testId}>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <Td>
                <TextLink href={props.href(r)}>{r.label}</TextLink>
              </Td>
              <Td>
                <TextLink href={props.href(r)}>
                  <Money amount={r.xof} currency="XOF" locale={props.locale} />
                </TextLink>
              </Td>
              <Td>
                <TextLink href={props.href(r)}>
                  <Money amount={r.mru} currency="MRU" locale={props.locale} />
                </TextLink>
              </Td>
            </tr>
          ))}
        </Table>
      </details>
    </Card>
  );
}
