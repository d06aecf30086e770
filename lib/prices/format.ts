/** Numbers with Western digits in every language (as written on Mauritanian price boards). */
export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(`${locale}-u-nu-latn`, { maximumFractionDigits: 1 }).format(n);
}

/** The digits a commune chose for its Arabic price board (price_settings.board_digits). */
export type BoardDigits = "latn" | "arab";

/**
 * A figure of the price board: Arabic-Indic digits (١٢٬٣٠٠) on an Arabic board whose commune
 * chose them, Latin digits otherwise, grouped as the board's language groups them.
 */
export function formatBoardNumber(n: number, lang: string, digits: BoardDigits): string {
  return new Intl.NumberFormat(`${lang}-u-nu-${lang === "ar" && digits === "arab" ? "arab" : "latn"}`, { maximumFractionDigits: 1 }).format(n);
}

/** A date (or any Latin digits) of the price board in the commune's digits. */
export function boardDigitsOf(text: string, lang: string, digits: BoardDigits): string {
  return lang === "ar" && digits === "arab" ? text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))) : text;
}

export function formatAmount(n: number | null | undefined, currency: string, locale: string): string {
  return n === null || n === undefined ? "—" : `${formatNumber(n, locale)} ${currency}`;
}

export function formatSigned(n: number, locale: string): string {
  return `${n > 0 ? "+" : ""}${formatNumber(n, locale)}`;
}
