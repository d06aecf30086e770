import { currencies, type Currency } from "@/lib/money";
import { isIsoDate } from "@/lib/dates";

export interface CompareParams {
  /** Revenue period, both ends optional and included (ISO dates). */
  from?: string;
  to?: string;
  /** The consortium's display currency for revenue (XOF by default: the programme reports in CFA francs). */
  currency: Currency;
}

/** Query parameters of the comparison page and its export, kept only when well-formed. */
export function compareParams(sp: Record<string, string | string[] | undefined>): CompareParams {
  const one = (v: string | string[] | undefined) => (typeof v === "string" && v.length <= 16 ? v : undefined);
  const date = (v: string | undefined) => (v && isIsoDate(v) ? v : undefined);
  const currency = one(sp.currency);
  return {
    from: date(one(sp.from)),
    to: date(one(sp.to)),
    currency: currency && (currencies as readonly string[]).includes(currency) ? (currency as Currency) : "XOF",
  };
}
