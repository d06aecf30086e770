import Link from "next/link";
import { isValidElement, type ReactNode } from "react";
import { ScrollBox } from "@/components/ui/scroll-box";

/** A column heading with more than its label: a figure's column (aligned to the end), or a sortable one. */
export interface HeadCell {
  label: ReactNode;
  /** A figures' column: its heading aligned to the end, as its cells (`<Td numeric>`). */
  numeric?: boolean;
  /** The column can be sorted by the reader: the value the URL's `sort` takes for it (see `sort`). */
  sort?: string;
  /** The column's key (a model's column: `data-key`, as the exports name it). */
  key?: string;
}

/** The order a table is read in, kept in the URL (`sort`, `dir`), and the link to another order. */
export interface TableSort {
  by: string | undefined;
  dir: "asc" | "desc";
  /** The page's URL in this order, its other parameters kept. */
  href: (by: string, dir: "asc" | "desc") => string;
}

const isHeadCell = (h: ReactNode | HeadCell): h is HeadCell => typeof h === "object" && h !== null && !isValidElement(h) && "label" in h;

/**
 * A heading that sorts its column: a link to the page in that order (no JavaScript needed). Its
 * arrow is drawn by the stylesheet from the heading's `aria-sort` (app/globals.css), so it is
 * neither read aloud nor part of the heading's text.
 */
function SortLink({ label, by, sort }: { label: ReactNode; by: string; sort: TableSort }) {
  const next = sort.by === by && sort.dir === "asc" ? "desc" : "asc";
  return (
    <Link href={sort.href(by, next)} className="inline-flex min-h-11 items-center gap-1 underline underline-offset-4" data-sort={by}>
      {label}
    </Link>
  );
}

/**
 * The portal's one table (issue 15.3), for every page table and, through `DataTable`, the
 * exports' models:
 * - a caption (shown, or for screen readers only with `captionHidden`), which also names the box
 *   that scrolls sideways inside a page that never does (a phone);
 * - headings with their scope; a sortable one is a link to the page in that order, with
 *   `aria-sort`, so sorting works without JavaScript and the order stays in the URL;
 * - the first column kept in view while the rest scrolls (`sticky`, on by default);
 * - cells styled once by the table's class (`.data-cells`, app/globals.css), not by a class on
 *   each: a 50-row list stays light. `<Td numeric>` aligns figures to the end in tabular digits,
 *   left to right in Arabic too; `Money` and `formatNumber` (components/groups/ui.tsx) write
 *   them in the reader's grouping.
 * Rows are the caller's `<tr>`s, with `<Td>` cells (or `<th scope="row">`).
 */
export function Table({
  head,
  children,
  caption,
  captionHidden,
  testId,
  sort,
  groups,
  sticky = true,
  className,
  small = true,
}: {
  head: readonly (ReactNode | HeadCell)[];
  children: ReactNode;
  caption?: string;
  captionHidden?: boolean;
  testId?: string;
  sort?: TableSort;
  /** Headings above runs of columns (no label: an empty cell). */
  groups?: readonly { label?: string; span: number }[];
  sticky?: boolean;
  /** The scrolling box's classes (default: a rounded border on white). */
  className?: string;
  /** Small print (the default, as lists are read on phones). */
  small?: boolean;
}) {
  const tableClass = ["data-cells w-full text-start", small ? "text-sm" : "", sticky ? "table-sticky-first" : ""].filter(Boolean).join(" ");
  return (
    <ScrollBox className={className ?? "rounded-lg border border-slate-300 bg-white"} label={caption}>
      <table className={tableClass} data-testid={testId}>
        {caption ? <caption className={captionHidden ? "sr-only" : "p-2 text-start font-semibold"}>{caption}</caption> : null}
        <thead className="bg-slate-100">
          {groups ? (
            <tr>
              {groups.map((g, i) =>
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
            {head.map((h, i) => {
              const cell = isHeadCell(h) ? h : { label: h };
              const sorted = sort && cell.sort && sort.by === cell.sort ? (sort.dir === "asc" ? "ascending" : "descending") : undefined;
              return (
                <th
                  key={i}
                  scope="col"
                  className={cell.numeric ? "p-2 text-end align-bottom" : "p-2 text-start align-bottom"}
                  aria-sort={sorted}
                  data-key={cell.key}
                >
                  {sort && cell.sort ? <SortLink label={cell.label} by={cell.sort} sort={sort} /> : cell.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollBox>
  );
}

/** A cell of `Table`; `numeric`: a figure (end-aligned, tabular, never broken, left to right). */
export function Td({ children, className, numeric, testId }: { children?: ReactNode; className?: string; numeric?: boolean; testId?: string }) {
  const cls = numeric ? (className ? `num ${className}` : "num") : className;
  return (
    <td className={cls} dir={numeric ? "ltr" : undefined} data-testid={testId}>
      {children}
    </td>
  );
}

/** The order asked in the URL (`sort`, `dir`) among a table's sortable columns, else the default. */
export function sortOf<K extends string>(
  sp: Record<string, string | string[] | undefined>,
  allowed: readonly K[],
  fallback: { by: K; dir: "asc" | "desc" },
): { by: K; dir: "asc" | "desc" } {
  const by = typeof sp.sort === "string" && (allowed as readonly string[]).includes(sp.sort) ? (sp.sort as K) : fallback.by;
  const dir = sp.dir === "desc" ? "desc" : sp.dir === "asc" ? "asc" : by === fallback.by ? fallback.dir : "asc";
  return { by, dir };
}

/** The order asked in the URL, whatever the columns (a table whose columns are known once loaded: unknown keys sort nothing). */
export function urlSort(sp: Record<string, string | string[] | undefined>): { by: string | undefined; dir: "asc" | "desc" } {
  return { by: typeof sp.sort === "string" && sp.sort.length <= 64 ? sp.sort : undefined, dir: sp.dir === "desc" ? "desc" : "asc" };
}

/** The page's URL in another order, its other parameters kept (and its paging restarted). */
export function sortHref(path: string, sp: Record<string, string | string[] | undefined>) {
  return (by: string, dir: "asc" | "desc") => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(sp)) {
      if (k === "sort" || k === "dir" || k === "after" || k === "before" || k === "page" || v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
    }
    q.set("sort", by);
    q.set("dir", dir);
    return `${path}?${q.toString()}`;
  };
}

/** Rows in the order asked, by a value each gives: text by the reader's collation, numbers as numbers, empty values last. */
export function sortRows<R>(rows: readonly R[], value: (r: R) => string | number | null | undefined, dir: "asc" | "desc", locale: string): R[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  const sign = dir === "asc" ? 1 : -1;
  const empty = (v: unknown) => v == null || v === "";
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (empty(x) || empty(y)) return empty(x) === empty(y) ? 0 : empty(x) ? 1 : -1;
    if (typeof x === "number" && typeof y === "number") return sign * (x - y);
    return sign * collator.compare(String(x), String(y));
  });
}
