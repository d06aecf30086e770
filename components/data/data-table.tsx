import { cellText, type DataTableModel, type TableColumn } from "@/lib/exports/table";
import { isMark } from "@/lib/privacy/suppress";
import { DisclosureNote } from "./disclosure-note";
import { sortRows, Table, type TableSort } from "./table";

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
 * A dashboard table: the same model the exports serialise, through the portal's one table
 * (components/data/table.tsx). With `locale`, numbers are written in the reader's grouping, each
 * cell keeping the exported value in `data-value`. Columns that name a `group` get a heading row
 * above them. With `sort` (the page's URL order), each column sorts the rows by its values.
 */
export function DataTable({ table, empty, locale, sort }: { table: DataTableModel; empty: string; locale?: string; sort?: TableSort }) {
  if (table.rows.length === 0) return <p>{empty}</p>;
  const marks = table.rows.flatMap((r) => r.slice(1).filter(isMark));
  const numeric = table.columns.map((_, j) => j > 0 && table.rows.some((r) => typeof r[j] === "number"));
  const at = sort?.by ? table.columns.findIndex((c) => c.key === sort.by) : -1;
  const rows = at >= 0 && sort ? sortRows(table.rows, (r) => (isMark(r[at]) ? null : r[at]), sort.dir, locale ?? "fr") : table.rows;
  return (
    <>
      <Table
        head={table.columns.map((c, j) => ({ label: c.label, key: c.key, numeric: numeric[j], sort: sort ? c.key : undefined }))}
        groups={table.columns.some((c) => c.group) ? columnGroups(table.columns) : undefined}
        caption={table.title}
        captionHidden
        testId={`table-${table.id}`}
        sort={sort}
        className="rounded border border-slate-300"
      >
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((v, j) =>
              j === 0 ? (
                <th key={j} scope="row" className="text-start font-medium whitespace-nowrap">
                  {cellText(v)}
                </th>
              ) : typeof v === "number" || isMark(v) ? (
                <td key={j} className="num" dir="ltr" data-value={locale ? cellText(v) : undefined}>
                  {locale && typeof v === "number" ? formatCell(v, locale) : cellText(v)}
                </td>
              ) : (
                <td key={j}>{cellText(v)}</td>
              ),
            )}
          </tr>
        ))}
      </Table>
      {marks.length ? <DisclosureNote cells={marks} /> : null}
    </>
  );
}
