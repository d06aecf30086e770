/**
 * Money: integer amounts in the currency's own unit (XOF, MRU), converted with dated rates.
 * Sums are converted per rate period and rounded once at the end, exactly (rational
 * arithmetic on BigInt), so that no rounding drifts however the figures are split.
 */
export const currencies = ["XOF", "MRU"] as const;
export type Currency = (typeof currencies)[number];
/** Fixed parity of the CFA franc BCEAO. */
export const XOF_PER_EUR = "655.957";

/** A rate as an exact fraction: XOF per MRU = num / den. */
interface Fraction {
  num: bigint;
  den: bigint;
}

export function parseRate(rate: string): Fraction {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new Error(`invalid rate: ${rate}`);
  const decimals = m[2] ?? "";
  const f = { num: BigInt(m[1] + decimals), den: 10n ** BigInt(decimals.length) };
  if (f.num === 0n) throw new Error("rate must be positive");
  return f;
}

/** A period's sums in each currency, with the rate (XOF per MRU, decimal string) valid then. */
export interface PeriodSums {
  xofPerMru: string | null;
  xof: number;
  mru: number;
}

function add(a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

/** Half away from zero, once. */
function roundFraction(f: Fraction): number {
  const sign = f.num < 0n ? -1n : 1n;
  const n = f.num * sign;
  const q = n / f.den;
  const r = n % f.den;
  return Number(sign * (2n * r >= f.den ? q + 1n : q));
}

/**
 * Totals of several rate periods in both currencies. An amount without a rate (before the
 * first dated rate) cannot be converted: it is counted in `unconverted`, never guessed.
 */
export function convertTotals(periods: PeriodSums[]): { xof: number; mru: number; unconverted: { xof: number; mru: number } } {
  let xof: Fraction = { num: 0n, den: 1n };
  let mru: Fraction = { num: 0n, den: 1n };
  const unconverted = { xof: 0, mru: 0 };
  for (const p of periods) {
    if (!p.xofPerMru) {
      unconverted.xof += p.xof;
      unconverted.mru += p.mru;
      continue;
    }
    const r = parseRate(p.xofPerMru);
    xof = add(xof, { num: BigInt(p.xof) * r.den + BigInt(p.mru) * r.num, den: r.den });
    mru = add(mru, { num: BigInt(p.mru) * r.num + BigInt(p.xof) * r.den, den: r.num });
  }
  return { xof: roundFraction(xof), mru: roundFraction(mru), unconverted };
}

/** One amount at one rate (for a single line). */
export function convertAmount(amount: number, from: Currency, to: Currency, xofPerMru: string): number {
  if (from === to) return amount;
  return convertTotals([{ xofPerMru, xof: from === "XOF" ? amount : 0, mru: from === "MRU" ? amount : 0 }])[to === "XOF" ? "xof" : "mru"];
}

/** The rate valid on a date: the latest one dated on or before it. */
export function rateOn<R extends { validFrom: string }>(rates: R[], date: string): R | null {
  let best: R | null = null;
  for (const r of rates) if (r.validFrom <= date && (!best || r.validFrom > best.validFrom)) best = r;
  return best;
}
