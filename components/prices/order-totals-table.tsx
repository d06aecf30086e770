import type { Total } from "@/lib/prices/order-totals";
import { formatAmount, formatNumber, formatSigned } from "@/lib/prices/format";
import { ScrollBox } from "@/components/ui/scroll-box";

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
    <tr key={r.key} className={`border-t border-slate-200 ${strong ? "font-semibold" : ""}`} data-testid={`${testId}-row`}>
      <th scope="row" className="p-2 text-start font-normal">
        {name}
      </th>
      <td className="p-2 text-end tabular-nums">{formatNumber(r.quantity, locale)}</td>
      <td className="p-2 text-end tabular-nums">{formatAmount(r.amount, currency, locale)}</td>
      <td className="p-2 text-end tabular-nums">{formatAmount(r.deliveredAmount, currency, locale)}</td>
      <td className={`p-2 text-end tabular-nums ${r.amountDifference < 0 ? "text-red-800" : ""}`}>
        {formatSigned(r.quantityDifference, locale)} / {formatSigned(r.amountDifference, locale)} {currency}
      </td>
    </tr>
  );
  return (
    <ScrollBox>
      <table className="w-full text-start" data-testid={testId}>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="p-2 text-start">
              {labels.name}
            </th>
            <th scope="col" className="p-2 text-end">
              {labels.quantity}
            </th>
            <th scope="col" className="p-2 text-end">
              {labels.amount}
            </th>
            <th scope="col" className="p-2 text-end">
              {labels.delivered}
            </th>
            <th scope="col" className="p-2 text-end">
              {labels.difference}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => row(r, names.get(r.key) ?? r.key))}
          {row(overall, labels.total, true)}
        </tbody>
      </table>
    </ScrollBox>
  );
}
