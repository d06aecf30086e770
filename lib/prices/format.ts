/** Numbers with Western digits in every language (as written on Mauritanian price boards). */
export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(`${locale}-u-nu-latn`, { maximumFractionDigits: 1 }).format(n);
}

export function formatAmount(n: number | null | undefined, currency: string, locale: string): string {
  return n === null || n === undefined ? "—" : `${formatNumber(n, locale)} ${currency}`;
}

export function formatSigned(n: number, locale: string): string {
  return `${n > 0 ? "+" : ""}${formatNumber(n, locale)}`;
}
