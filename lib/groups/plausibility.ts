/**
 * Plausibility of typed amounts and dates (issue 12, point 8), as pure rules. The limits come from
 * the database (the NGO's settings, else the defaults of migration 0019, the one place they are
 * set), which enforces the ceiling and the date floor itself; this side gives the precise message
 * beside the field and the soft-limit and duplicate confirmations, which the database cannot ask.
 */
import type { Currency } from "@/lib/money";

export const amountKinds = ["sale", "stock_purchase", "other_expense", "contribution", "repayment", "starting_capital"] as const;
export type AmountKind = (typeof amountKinds)[number];

export interface AmountLimit {
  kind: AmountKind;
  currency: Currency;
  ceiling: number;
  softLimit: number;
  /** No limit of the NGO's own: the default applies. */
  isDefault: boolean;
}

export interface Plausibility {
  /** No money record is dated before it (YYYY-MM-DD). */
  dateFloor: string;
  limits: AmountLimit[];
}

/** An identical entry recorded this recently (by anyone, in the same group) asks to confirm. */
export const DUPLICATE_WINDOW_MINUTES = 10;

export type AmountCheck = { level: "ok" } | { level: "refuse" | "confirm"; limit: number };

export function limitOf(p: Plausibility, kind: AmountKind, currency: Currency): AmountLimit | undefined {
  return p.limits.find((l) => l.kind === kind && l.currency === currency);
}

/** Above the ceiling: refused; above the soft limit: saved only once confirmed. */
export function checkAmount(p: Plausibility, kind: AmountKind, currency: Currency, amount: number): AmountCheck {
  const l = limitOf(p, kind, currency);
  if (!l) return { level: "ok" };
  if (amount > l.ceiling) return { level: "refuse", limit: l.ceiling };
  if (amount > l.softLimit) return { level: "confirm", limit: l.softLimit };
  return { level: "ok" };
}

export const isBeforeFloor = (p: Plausibility, isoDate: string) => isoDate < p.dateFloor;

/**
 * What a confirmation confirms: the warnings and the values they were about. A confirmation sent
 * with other values (the amount changed since) or for other warnings confirms nothing. Not a
 * secret: it only ties the tick box to what the user saw (FNV-1a, 53 bits).
 */
export function confirmationToken(parts: readonly (string | number | boolean | null | undefined)[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = JSON.stringify(parts);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h1.toString(36) + h2.toString(36)).slice(0, 16);
}
