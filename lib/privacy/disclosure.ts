/**
 * Disclosure control over everything one reader sees at once (a page, an export, a sheet): the
 * counts are registered as cells, the additive relations the reader can see as sums (rows,
 * columns, total rows, margin columns, with/without pairs, and tables of the same population
 * sharing a cell by key), then `resolve` decides what is published:
 *
 * 1. primary suppression: every count of 1 to 4 is hidden ("<5");
 * 2. complementary suppression: while a sum has exactly one hidden cell, or an attacker who knows
 *    every sum (elimination, then bounds: "<5" is 1..4, "•" is 5 or more, since zeros are never
 *    hidden) can pin a hidden cell down, the cheapest visible non-zero cell of a sum holding it
 *    is hidden too ("•"). Cheapest: the lowest `weight` (the headline, such as a total or the
 *    women of a women's network, weighs more), then the smallest value.
 *
 * Elimination is skipped above 400 hidden cells (national tables), where the sum rule and the
 * bounds still apply; SECURITY.md states that limit.
 */
import { HIDDEN, isSmall, mustSuppress, SUPPRESSED, type Cell, type Reader } from "./policy";

export type Ref = number;

interface Sum {
  total: Ref;
  parts: Ref[];
}

const ELIMINATION_LIMIT = 400;

export class Disclosure {
  private values: number[] = [];
  private weights: number[] = [];
  private keys = new Map<string, Ref>();
  private sums: Sum[] = [];
  private marks: (Cell | undefined)[] | null = null;

  constructor(readonly reader: Reader) {}

  get active() {
    return mustSuppress(this.reader);
  }

  /**
   * A count the reader sees. `key`: the same figure in another table of the page (one cell,
   * hidden everywhere or nowhere). `weight`: how much the reader loses if it is hidden (1 by default).
   */
  cell(value: number, opts: { key?: string; weight?: number } = {}): Ref {
    if (opts.key != null) {
      const known = this.keys.get(opts.key);
      if (known != null) {
        this.weights[known] = Math.max(this.weights[known], opts.weight ?? 1);
        return known;
      }
    }
    const ref = this.values.push(value) - 1;
    this.weights.push(opts.weight ?? 1);
    if (opts.key != null) this.keys.set(opts.key, ref);
    this.marks = null;
    return ref;
  }

  /** `total` = Σ `parts`, as the reader can see it. */
  sum(total: Ref, parts: Ref[]) {
    if (parts.length > 0) this.sums.push({ total, parts });
    this.marks = null;
  }

  /** What is published for a cell: its value, "<5" or "•". */
  show(ref: Ref): Cell {
    if (!this.active) return this.values[ref];
    this.marks ??= this.resolve();
    return this.marks[ref] ?? this.values[ref];
  }

  isHidden(ref: Ref) {
    return typeof this.show(ref) !== "number";
  }

  private resolve(): (Cell | undefined)[] {
    const n = this.values.length;
    const hidden = this.values.map(isSmall);
    const primary = [...hidden];
    const cheapest = (sum: Sum): Ref | undefined => {
      let best: Ref | undefined;
      for (const r of [sum.total, ...sum.parts]) {
        if (hidden[r] || this.values[r] <= 0) continue;
        if (best == null || this.weights[r] < this.weights[best] || (this.weights[r] === this.weights[best] && this.values[r] < this.values[best])) best = r;
      }
      return best;
    };
    const byCell: Sum[][] = Array.from({ length: n }, () => []);
    for (const s of this.sums) for (const r of [s.total, ...s.parts]) byCell[r].push(s);
    for (let guard = 0; guard < n + 1; guard++) {
      let changed = false;
      for (const s of this.sums) {
        if ([s.total, ...s.parts].filter((r) => hidden[r]).length !== 1) continue;
        const c = cheapest(s);
        if (c != null) {
          hidden[c] = true;
          changed = true;
        }
      }
      if (changed) continue;
      const exposed = attack(this.values, hidden, primary, this.sums);
      for (const r of exposed) {
        const c = byCell[r]
          .map(cheapest)
          .filter((x): x is Ref => x != null)
          .sort((a, b) => this.weights[a] - this.weights[b] || this.values[a] - this.values[b])[0];
        if (c != null) {
          hidden[c] = true;
          changed = true;
          break;
        }
      }
      if (!changed) break;
    }
    return this.values.map((_, r) => (!hidden[r] ? undefined : primary[r] ? SUPPRESSED : HIDDEN));
  }
}

/**
 * The cells an attacker pins down: elimination over the sums with the published values, then
 * bounds ("<5": 1..4; "•": 5 or more), until nothing moves. Returns the hidden cells whose value
 * is determined.
 */
export function attack(values: number[], hidden: boolean[], primary: boolean[], sums: Sum[]): Ref[] {
  const lo = values.map((v, i) => (!hidden[i] ? v : primary[i] ? 1 : 5));
  const hi = values.map((v, i) => (!hidden[i] ? v : primary[i] ? 4 : Infinity));
  const relevant = sums.filter((s) => [s.total, ...s.parts].some((r) => hidden[r]));
  for (let round = 0; round < 20; round++) {
    let moved = relevant.length && hidden.filter(Boolean).length <= ELIMINATION_LIMIT ? eliminate(lo, hi, relevant) : false;
    for (let pass = 0; pass < 50; pass++) {
      let step = false;
      for (const s of relevant) {
        let sumLo = 0;
        let sumHi = 0;
        for (const p of s.parts) {
          sumLo += lo[p];
          sumHi += hi[p];
        }
        // total within Σ parts; each part within total minus the others.
        const tLo = Math.max(lo[s.total], sumLo);
        const tHi = Math.min(hi[s.total], sumHi);
        if (tLo > lo[s.total] || tHi < hi[s.total]) {
          lo[s.total] = tLo;
          hi[s.total] = tHi;
          step = true;
        }
        for (const p of s.parts) {
          const pLo = Math.max(lo[p], lo[s.total] - (sumHi - hi[p]));
          const pHi = Math.min(hi[p], hi[s.total] - (sumLo - lo[p]));
          if (pLo > lo[p] || pHi < hi[p]) {
            lo[p] = pLo;
            hi[p] = pHi;
            step = true;
          }
        }
      }
      if (!step) break;
      moved = true;
    }
    if (!moved) break;
  }
  return values.map((_, i) => i).filter((i) => hidden[i] && lo[i] === hi[i]);
}

/** Gauss-Jordan elimination over the undetermined cells of the sums; fixes any it determines. */
function eliminate(lo: number[], hi: number[], sums: Sum[]): boolean {
  const unknown = [...new Set(sums.flatMap((s) => [s.total, ...s.parts]))].filter((r) => lo[r] !== hi[r]);
  if (unknown.length === 0) return false;
  const col = new Map(unknown.map((u, k) => [u, k]));
  const n = unknown.length;
  const m = sums.map((s) => {
    const row = new Array<number>(n + 1).fill(0);
    [s.total, ...s.parts].forEach((r, k) => {
      const sg = k === 0 ? 1 : -1;
      const j = col.get(r);
      if (j == null) row[n] -= sg * lo[r];
      else row[j] += sg;
    });
    return row;
  });
  let r = 0;
  for (let c = 0; c < n && r < m.length; c++) {
    let p = -1;
    for (let i = r; i < m.length && p < 0; i++) if (Math.abs(m[i][c]) > 1e-9) p = i;
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    const pv = m[r][c];
    for (let j = c; j <= n; j++) m[r][j] /= pv;
    for (let i = 0; i < m.length; i++) {
      const f = m[i][c];
      if (i === r || Math.abs(f) < 1e-12) continue;
      for (let j = c; j <= n; j++) m[i][j] -= f * m[r][j];
    }
    r++;
  }
  let changed = false;
  for (const row of m) {
    let only = -1;
    let count = 0;
    for (let j = 0; j < n; j++)
      if (Math.abs(row[j]) > 1e-9) {
        only = j;
        count++;
      }
    if (count !== 1) continue;
    const v = Math.round(row[n] / row[only]);
    const c = unknown[only];
    if (lo[c] !== hi[c]) {
      lo[c] = hi[c] = v;
      changed = true;
    }
  }
  return changed;
}
