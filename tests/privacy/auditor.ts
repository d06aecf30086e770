/**
 * The disclosure auditor: an attacker who holds every table a reader got on one page (or in one
 * export) and tries to recover the hidden cells by arithmetic. Independent of lib/privacy: it
 * learns which cells add up from the true figures (the same pages rendered without suppression,
 * pooled over every reader and page, so that a coincidence in one small table is refuted by the
 * others), reads the published marks as a reader would ("<5": 1 to 4; "•": any count, 0 or
 * more), and combines every sum of the page by elimination (subtraction along rows, columns,
 * totals and across tables) and by bounds (constraint propagation). A hidden cell whose value it
 * pins down is recovered; a "<5" on a cell that is not 1 to 4 is a false statement.
 */

export const SMALL_MARK = "<5";
export const HIDDEN_MARKS = ["•"];

/** A table as read off a page or an export: its name, column labels and cells as text. */
export interface SeenTable {
  name: string;
  columns: string[];
  rows: string[][];
}

export interface Finding {
  table: string;
  row: string;
  column: string;
  shown: string;
  recovered?: number;
  truth: number;
  kind: "recovered" | "false-small";
}

const num = (s: string | undefined): number | null => {
  if (s == null) return null;
  const t = s.replace(/[\s\u00a0\u202f]/g, "").replace(/,(\d+)$/, ".$1");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
};
const isMark = (s: string) => s === SMALL_MARK || HIDDEN_MARKS.includes(s);

interface Cell {
  table: string;
  row: string;
  column: string;
  shown: string;
  truth: number;
  lo: number;
  hi: number;
  hidden: boolean;
}
/** total = Σ parts (cell indexes). */
interface Sum {
  total: number;
  parts: number[];
}

/** Which cells add up, learnt from the true tables (pooled by table kind). */
export interface Relations {
  /** kind → [column, its parts (two or more columns)], in every row. */
  cols: Map<string, [string, string[]][]>;
  /** kind → the columns whose last row is the sum of the rows above it. */
  totals: Map<string, Set<string>>;
  /** kind → [row, its parts (two or more rows)], in every count column. */
  rows: Map<string, [string, string[]][]>;
}

/** A table's kind: its column headings but the first (by activity or by village, on a page or in its export). */
export const kindOf = (t: SeenTable) => t.columns.slice(1).join("|");
const isCountColumn = (label: string, values: (number | null)[]) => !label.includes("%") && values.every((v) => v != null && Number.isInteger(v) && v >= 0);
const nonZeroKey = (k: string) => !/^(0,)*0$/.test(k);

function* subsets<T>(items: T[], min = 2): Generator<T[]> {
  if (items.length > 14) return;
  for (let mask = 1; mask < 1 << items.length; mask++) {
    const s = items.filter((_, i) => mask & (1 << i));
    if (s.length >= min) yield s;
  }
}

/**
 * Additive relations that hold in every true table of a kind: a column equal to the sum of two or
 * more others in every row, a last row equal to the sum of the rows above it, a row equal to the
 * sum of two or more others in every count column. Each must hold in at least two different
 * non-zero rows. Shares (%) and means are left out.
 */
export function learnRelations(truths: SeenTable[], isNoSum: (target: string, parts: string[]) => boolean = () => false): Relations {
  const byKind = new Map<string, SeenTable[]>();
  for (const t of truths) if (t.rows.length) byKind.set(kindOf(t), [...(byKind.get(kindOf(t)) ?? []), t]);
  const rel: Relations = { cols: new Map(), totals: new Map(), rows: new Map() };
  for (const [kind, ts] of byKind) {
    const labels = ts[0].columns;
    const count = labels.map(
      (l, j) =>
        j > 0 &&
        ts.every((t) =>
          isCountColumn(
            l,
            t.rows.map((r) => num(r[j])),
          ),
        ),
    );
    const all = ts.flatMap((t) => t.rows.map((r) => r.map(num)));
    const nonZero = labels.map((_, j) => j).filter((j) => count[j] && all.some((r) => r[j] !== 0));
    const support = (cells: number[]) => new Set(all.map((r) => cells.map((j) => r[j]).join(",")).filter(nonZeroKey)).size >= 2;
    const cols: [string, string[]][] = [];
    for (const c of nonZero)
      for (const s of subsets(nonZero.filter((x) => x !== c)))
        if (
          all.every((r) => s.reduce((a, x) => a + r[x]!, 0) === r[c]) &&
          support([c, ...s]) &&
          !isNoSum(
            labels[c],
            s.map((x) => labels[x]),
          )
        )
          cols.push([labels[c], s.map((x) => labels[x])]);
    rel.cols.set(kind, cols);
    const tall = ts.filter((t) => t.rows.length >= 2);
    const totals = nonZero.filter(
      (j) => tall.length > 0 && tall.every((t) => t.rows.slice(0, -1).reduce((a, r) => a + num(r[j])!, 0) === num(t.rows.at(-1)![j])),
    );
    rel.totals.set(kind, new Set(totals.map((j) => labels[j])));
    const rows: [string, string[]][] = [];
    const rowLabels = [...new Set(ts.flatMap((t) => t.rows.map((r) => r[0])))];
    if (rowLabels.length <= 8)
      for (const target of rowLabels)
        for (const s of subsets(rowLabels.filter((x) => x !== target))) {
          const holding = ts.filter((t) => [target, ...s].every((l) => t.rows.some((r) => r[0] === l)));
          const v = (t: SeenTable, l: string, j: number) => num(t.rows.find((r) => r[0] === l)![j])!;
          const ok = holding.length > 0 && holding.every((t) => nonZero.every((j) => s.reduce((a, l) => a + v(t, l, j), 0) === v(t, target, j)));
          if (ok && new Set(holding.flatMap((t) => nonZero.map((j) => [target, ...s].map((l) => v(t, l, j)).join(",")))).size >= 2) rows.push([target, s]);
        }
    rel.rows.set(kind, rows);
  }
  return rel;
}

/**
 * Audits the tables of one page: `seen` as published, `truth` the same tables unsuppressed
 * (matched by name, same shape), with the relations learnt. Returns every hidden cell it
 * recovers and every "<5" that is false.
 */
export function auditPage(seen: SeenTable[], truth: SeenTable[], relations: Relations): Finding[] {
  const cells: Cell[] = [];
  const sums: Sum[] = [];
  const equal: [number, number][] = [];
  const index = new Map<string, number>();
  const findings: Finding[] = [];
  const tableIds = new Map<string, { t: SeenTable; ids: (number | null)[][] }>();
  for (const t of seen) {
    const tt = truth.find((x) => x.name === t.name);
    if (!tt || tt.rows.length !== t.rows.length) continue;
    const width = t.columns.length;
    const kind = kindOf(t);
    const ids: (number | null)[][] = t.rows.map(() => new Array<number | null>(width).fill(null));
    tableIds.set(t.name, { t, ids });
    for (let j = 1; j < width; j++) {
      const truthCol = tt.rows.map((r) => num(r[j]));
      t.rows.forEach((r, i) => {
        const v = truthCol[i];
        if (r[j] === SMALL_MARK && v != null && !(v >= 1 && v <= 4))
          findings.push({ table: t.name, row: r[0], column: t.columns[j], shown: r[j], truth: v, kind: "false-small" });
      });
      if (!isCountColumn(t.columns[j], truthCol) || !t.rows.every((r) => isMark(r[j] ?? "") || num(r[j]) != null)) continue;
      t.rows.forEach((r, i) => {
        const s = r[j];
        const v = truthCol[i]!;
        const known = num(s);
        const cell: Cell = { table: t.name, row: r[0], column: t.columns[j], shown: s, truth: v, lo: 0, hi: Infinity, hidden: known == null };
        if (known != null) cell.lo = cell.hi = known;
        else if (s === SMALL_MARK) {
          cell.lo = 1;
          cell.hi = 4;
        }
        ids[i][j] = cells.push(cell) - 1;
        // The same row and column in another table of the page: the same figure.
        const key = `${r[0]}\u0000${t.columns[j]}`;
        const other = index.get(key);
        if (other != null && cells[other].truth === v && cells[other].table !== t.name) equal.push([other, ids[i][j]!]);
        else if (other == null) index.set(key, ids[i][j]!);
      });
    }
    const col = (l: string) => t.columns.indexOf(l);
    const row = (l: string) => t.rows.findIndex((r) => r[0] === l);
    const add = (total: number | null, parts: (number | null)[]) => {
      if (total != null && parts.length && parts.every((p) => p != null)) sums.push({ total, parts: parts.filter((p) => p != null) });
    };
    for (const [c, s] of relations.cols.get(kind) ?? [])
      t.rows.forEach((_, i) =>
        add(
          ids[i][col(c)],
          s.map((x) => ids[i][col(x)]),
        ),
      );
    if (t.rows.length >= 2)
      for (const c of relations.totals.get(kind) ?? [])
        add(
          ids[t.rows.length - 1][col(c)],
          t.rows.slice(0, -1).map((_, i) => ids[i][col(c)]),
        );
    for (const [r, s] of relations.rows.get(kind) ?? [])
      if (row(r) >= 0 && s.every((x) => row(x) >= 0))
        for (let j = 1; j < width; j++)
          add(
            ids[row(r)][j],
            s.map((x) => ids[row(x)][j]),
          );
  }
  for (const [a, b] of equal) sums.push({ total: a, parts: [b] });
  // Across tables of the same columns: a row of one that is the sum of the rows of another (a
  // quarter's trend row and that quarter's villages; the sex × disability total and the
  // activities), in every count column.
  for (const [a, ta] of tableIds)
    for (const [b, tb] of tableIds) {
      if (a === b || kindOf(ta.t) !== kindOf(tb.t)) continue;
      for (const part of [tb.ids, tb.ids.slice(0, -1)]) {
        if (part.length < 2) continue;
        ta.ids.forEach((ra) => {
          const js = ra.map((id, j) => j).filter((j) => ra[j] != null && part.every((rb) => rb[j] != null));
          const nz = js.filter((j) => cells[ra[j]!].truth !== 0);
          if (nz.length < 2 || !js.every((j) => part.reduce((x, rb) => x + cells[rb[j]!].truth, 0) === cells[ra[j]!].truth)) return;
          for (const j of js) sums.push({ total: ra[j]!, parts: part.map((rb) => rb[j]!) });
        });
      }
    }
  solve(cells, sums);
  for (const c of cells)
    if (c.hidden && c.lo === c.hi && !findings.some((f) => f.table === c.table && f.row === c.row && f.column === c.column))
      findings.push({ table: c.table, row: c.row, column: c.column, shown: c.shown, recovered: c.lo, truth: c.truth, kind: "recovered" });
  return findings;
}

/** Elimination over the sums (exact values), then bounds propagation, until nothing changes. */
function solve(cells: Cell[], sums: Sum[]) {
  for (let round = 0; round < 50; round++) {
    let changed = eliminate(cells, sums);
    for (let pass = 0; pass < 100; pass++) {
      let moved = false;
      for (const s of sums) {
        const all = [s.total, ...s.parts];
        const sign = (k: number) => (k === 0 ? 1 : -1);
        // Σ sign·x = 0: each x bounded by the others.
        all.forEach((x, k) => {
          let lo = 0;
          let hi = 0;
          all.forEach((y, m) => {
            if (m === k) return;
            const sg = -sign(m) * sign(k);
            lo += sg > 0 ? cells[y].lo : -cells[y].hi;
            hi += sg > 0 ? cells[y].hi : -cells[y].lo;
          });
          const c = cells[x];
          const nlo = Math.max(c.lo, Math.ceil(lo - 1e-9));
          const nhi = Math.min(c.hi, Math.floor(hi + 1e-9));
          if (nlo > c.lo || nhi < c.hi) {
            if (nlo <= nhi) {
              c.lo = nlo;
              c.hi = nhi;
              moved = true;
            }
          }
        });
      }
      if (!moved) break;
      changed = true;
    }
    if (!changed) break;
  }
}

/** Gauss-Jordan elimination over the unknown cells; a row left with one unknown gives its value. */
function eliminate(cells: Cell[], sums: Sum[]): boolean {
  const unknown = cells.map((c, i) => (c.lo === c.hi ? -1 : i)).filter((i) => i >= 0);
  if (unknown.length === 0) return false;
  const col = new Map(unknown.map((u, k) => [u, k]));
  const m: number[][] = [];
  for (const s of sums) {
    const row = new Array<number>(unknown.length + 1).fill(0);
    let any = false;
    [s.total, ...s.parts].forEach((x, k) => {
      const sg = k === 0 ? 1 : -1;
      const j = col.get(x);
      if (j == null) row[unknown.length] -= sg * cells[x].lo;
      else {
        row[j] += sg;
        any = true;
      }
    });
    if (any) m.push(row);
  }
  let r = 0;
  const n = unknown.length;
  for (let c = 0; c < n && r < m.length; c++) {
    let p = -1;
    for (let i = r; i < m.length && p < 0; i++) if (Math.abs(m[i][c]) > 1e-9) p = i;
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    const pv = m[r][c];
    for (let j = c; j <= n; j++) m[r][j] /= pv;
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][c]) < 1e-12) continue;
      const f = m[i][c];
      for (let j = c; j <= n; j++) m[i][j] -= f * m[r][j];
    }
    r++;
  }
  let changed = false;
  for (const row of m) {
    const nz = row
      .slice(0, n)
      .map((v, j) => (Math.abs(v) > 1e-9 ? j : -1))
      .filter((j) => j >= 0);
    if (nz.length !== 1) continue;
    const v = Math.round(row[n] / row[nz[0]]);
    const c = cells[unknown[nz[0]]];
    if (c.lo !== c.hi && v >= c.lo && v <= c.hi) {
      c.lo = c.hi = v;
      changed = true;
    }
  }
  return changed;
}

/** The tables of a rendered page: every <table>, its caption or test id, headings and cells (data-value when given). */
export function tablesOfHtml(html: string, page: string): SeenTable[] {
  const out: SeenTable[] = [];
  let k = 0;
  for (const m of html.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/g)) {
    const id = /data-testid="([^"]+)"/.exec(m[1])?.[1] ?? /<caption[^>]*>([\s\S]*?)<\/caption>/.exec(m[2])?.[1]?.replace(/<[^>]+>/g, "") ?? `table${k}`;
    k++;
    const head = /<thead[^>]*>([\s\S]*?)<\/thead>/.exec(m[2])?.[1] ?? "";
    const headRows = [...head.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)];
    const columns = headRows.length ? cellsOf(headRows[headRows.length - 1][1]) : [];
    const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(m[2])?.[1] ?? m[2].replace(/<thead[\s\S]*?<\/thead>/, "");
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => cellsOf(r[1]));
    out.push({ name: `${page} ${id}`, columns, rows });
  }
  return out;
}

function cellsOf(tr: string): string[] {
  return [...tr.matchAll(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/g)].map((c) => {
    const dv = /data-value="([^"]*)"/.exec(c[2])?.[1];
    const text = c[3]
      .replace(/<[^>]+>/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, " ")
      .trim();
    return dv != null && dv !== "" ? dv.replace(/&lt;/g, "<") : text;
  });
}

export const describeFinding = (f: Finding) =>
  f.kind === "recovered"
    ? `${f.table} | ${f.row} | ${f.column}: "${f.shown}" recovered = ${f.recovered} (true ${f.truth})`
    : `${f.table} | ${f.row} | ${f.column}: "${f.shown}" written on a cell of ${f.truth}`;
