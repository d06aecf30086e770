/**
 * Small-cell suppression for single figures and simple tables, on top of the disclosure policy
 * (lib/privacy/policy.ts) and its engine (lib/privacy/disclosure.ts). Pages with several related
 * tables register them all in one `Disclosure`, so that no table gives away another's hidden cell.
 */
import { Disclosure } from "./disclosure";
import { isSmall, mustSuppress, SUPPRESSED, type Cell, type Reader } from "./policy";

export { Disclosure, type Ref } from "./disclosure";
export {
  HIDDEN,
  isMark,
  isSmall,
  mayReceivePersonRows,
  mustSuppress,
  readerOf,
  SUPPRESSED,
  SUPPRESSION_THRESHOLD,
  type Cell,
  type Mark,
  type Reader,
} from "./policy";

export function suppressCount(n: number, reader: Reader): Cell {
  return mustSuppress(reader) && isSmall(n) ? SUPPRESSED : n;
}

/**
 * A row of counts shown with its total (`total`, the sum by default): small cells are hidden, and
 * a second cell wherever the total would give one away, the total itself kept where possible.
 */
export function suppressRow(counts: readonly number[], reader: Reader, total = counts.reduce((a, b) => a + b, 0)): { cells: Cell[]; total: Cell } {
  const d = new Disclosure(reader);
  const refs = counts.map((n) => d.cell(n));
  const t = d.cell(total, { weight: 2 });
  d.sum(t, refs);
  return { cells: refs.map((r) => d.show(r)), total: d.show(t) };
}

/** A value derived from few people (a mean, a share) is withheld like the count it comes from. */
export function suppressDerived<T>(value: T, basedOn: number, reader: Reader): T | typeof SUPPRESSED {
  return mustSuppress(reader) && isSmall(basedOn) ? SUPPRESSED : value;
}
