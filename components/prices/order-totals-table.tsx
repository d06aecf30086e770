import type { Total } from "@/lib/prices/order-totals";
import { formatAmount, formatNumber, formatSigned } from "@/lib/prices/format";
import { Table } from "@/components/data/table";

export interface TotalsLabels {
  name: string;
  quantity: string;
  amount: string;
  delivered: string;
  difference: string;
  total: string;
}

/** Ordered and delivered totals with their differences, one row per key. */
export function OrderTotalsTable({
  rows,
  overall,
  names,
  labels,
  currency,
  locale,
  testId,
}: {
  rows: Total[];
  overall: Total;
  names: Map<string, string>;
  labels: TotalsLabels;
  currency: string;
  locale: string;
  testId: string;
}) {
  const row = (r: Total, name: string, strong = false) => (
    <tr key={r.key} className={strong ? "font-semibold" : undefined} data-testid={`${testId}-row`}>
      <th scope="row" className="text-start font-normal">
        {name}
      </th>
      <td className="num">{formatNumber(r.quantity, locale)}</td>
      <td className="num">{formatAmount(r.amount, currency, locale)}</td>
      <td className="num">{formatAmount(r.deliveredAmount, currency, locale)}</td>
      <td className={r.amountDifference < 0 ? "num text-red-800" : "num"}>
        {formatSigned(r.quantityDifference, locale)} / {formatSigned(r.amountDifference, locale)} {currency}
      </td>
    </tr>
  );
  return (
    <Table
      head={[
        labels.name,
        { label: labels.quantity, numeric: true },
        { label: labels.amount, numeric: true },
        { label: labels.delivered, numeric: true },
        { label: labels.difference, numeric: true },
      ]}
      testId={testId}
    >
      {rows.map((r) => row(r, names.get(r.key) ?? r.key))}
      {row(overall, labels.total, true)}
    </Table>
  );
}
