import { cellText, type DataTableModel, type TableColumn } from "@/lib/exports/table";
import { isMark } from "@/lib/privacy/suppress";
import { DisclosureNote } from "./disclosure-note";
import { ScrollBox } from "@/components/ui/scroll-box";

/** A number in the reader's grouping ("1 234 567,5"), Western digits as the rest of the portal. */
function formatCell(v: number, locale: string) {
  return new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale, { maximumFractionDigits: 2 }).format(v);
}

/** Runs of consecutive columns under the same group heading (none: a run without heading). */
export function columnGroups(columns: readonly TableColumn[]): { label?: string; span: number }[] {
  const runs: { label?: string; span: number }[] = [];
  for (const c of columns) {
    const last = runs[runs.length - 1];
    if (last && last.label === c.group) last.span++;
    else runs.push({ label: c.group, span: 1 });
  }
  return runs;
}

/**
 * A dashboard table: the same model the exports serialise. Scrolls sideways on small screens.
 * With `locale`, numbers are written in the reader's grouping, each cell keeping the exported
 * value in `data-value`. Columns that name a `group` get a heading row above them.
 */
export function DataTable({ table, empty, locale }: { table: DataTableModel; empty: string; locale?: string }) {
  if (table.rows.length === 0) return <p>{empty}</p>;
  const marks = table.rows.flatMap((r) => r.slice(1).filter(isMark));
  return (
    <>
      <ScrollBox className="rounded border border-slate-300" label={table.title}>
        <table className="table-sticky-first w-full text-sm" data-testid={`table-${table.id}`}>
          <caption className="sr-only">{table.title}</caption>
          <thead className="bg-slate-100">
            {table.columns.some((c) => c.group) ? (
              <tr>
                {columnGroups(table.columns).map((g, i) =>
                  g.label ? (
                    <th key={i} scope="colgroup" colSpan={g.span} className="border-s border-slate-300 p-2 text-center font-semibold">
                      {g.label}
                    </th>
                  ) : (
                    <td key={i} colSpan={g.span} />
                  ),
                )}
              </tr>
            ) : null}
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className="p-2 text-start align-bottom font-semibold" data-key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i} className="border-t border-slate-200">
                {row.map((v, j) =>
                  j === 0 ? (
                    <th key={j} scope="row" className="p-2 text-start font-medium whitespace-nowrap">
                      {cellText(v)}
                    </th>
                  ) : typeof v === "number" || isMark(v) ? (
                    <td key={j} className="p-2 text-end tabular-nums whitespace-nowrap" dir="ltr" data-value={locale ? cellText(v) : undefined}>
                      {locale && typeof v === "number" ? formatCell(v, locale) : cellText(v)}
                    </td>
                  ) : (
                    <td key={j} className="p-2 text-start">
                      {cellText(v)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {marks.length ? <DisclosureNote cells={marks} /> : null}
    </>
  );
}
