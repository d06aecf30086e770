import { formatNumber } from "@/components/groups/ui";
import type { GapKind } from "@/lib/plans/gaps";
import { Table } from "@/components/data/table";

export interface QuarterRow {
  quarter: string;
  inProgress: boolean;
  planVersion: number;
  currency: string;
  plannedSales: number;
  sales: number;
  margin: number | null;
  plannedMargin: number;
  restocks: number;
  rhythm: number | null;
  plannedRhythm: number;
  flags: GapKind[];
}

type T = (key: string, values?: Record<string, string | number>) => string;

/** Plan against results, one row a quarter; a flagged gap is marked in words and by a sign, not by colour alone. */
export function ResultsTable({ rows, t, locale, compact = false }: { rows: QuarterRow[]; t: T; locale: string; compact?: boolean }) {
  const n = (v: number) => formatNumber(v, locale);
  // On the printed A4 sheet (compact), ruled cells; on a page, the table's own.
  const cell = compact ? "border border-slate-500 px-1 py-0.5" : undefined;
  // On a phone the table scrolls in its own box (by keyboard too); on the printed sheet it fits the page.
  return (
    <Table
      head={[t("quarter"), `${t("sales")} / ${t("plannedSales")}`, t("marginActual"), t("rhythm"), t("flags")]}
      caption={t("resultsTitle")}
      captionHidden
      testId="plan-results"
      small={compact}
      sticky={!compact}
    >
      {rows.map((r) => (
        <tr key={r.quarter} data-testid="plan-quarter" data-flagged={r.flags.length > 0 ? "yes" : "no"}>
          <th scope="row" className={cell ? `${cell} text-start font-medium` : "text-start font-medium"}>
            <span dir="ltr">{r.quarter}</span>
            {r.inProgress ? ` (${t("inProgress")})` : ""}
            <br />
            <span className="text-xs text-slate-700">{t("planVersion", { version: r.planVersion })}</span>
          </th>
          <td className={cell}>
            <span dir="ltr" className="whitespace-nowrap">
              {n(r.sales)} / {n(r.plannedSales)} {r.currency}
            </span>
          </td>
          <td className={cell}>
            <span dir="ltr" className="whitespace-nowrap">
              {r.margin === null ? "—" : `${r.margin} %`} / {r.plannedMargin} %
            </span>
          </td>
          <td className={cell}>
            <span dir="ltr">
              {r.rhythm ?? "—"} / {r.plannedRhythm}
            </span>
            <br />
            <span className="text-xs">{t("restockCount", { count: r.restocks })}</span>
          </td>
          <td className={cell} data-testid="plan-flags">
            {r.flags.length === 0 ? (
              t("flagsNone")
            ) : (
              <ul>
                {r.flags.map((f) => (
                  <li key={f} className="font-semibold text-red-900">
                    ⚠ {t(`gaps.${f}`)}
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
