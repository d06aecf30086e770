import { valuesInText } from "@/lib/i18n/isolate";

/** Values of a server message that are amounts, grouped in the reader's language (e.g. "5 000 000"). */
const amountKeys = new Set(["limit"]);

/**
 * The values of a message as the catalogue needs them: amounts formatted like the rest of the
 * portal (Latin digits in Arabic too, components/groups/ui.tsx); in Arabic, dates, times, amounts
 * and names isolated so that they read in order inside the sentence (lib/i18n/isolate.ts).
 */
export function messageValues(values: Record<string, string | number> | undefined, locale: string): Record<string, string | number> | undefined {
  if (!values) return undefined;
  const format = new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale, { maximumFractionDigits: 0 });
  const formatted = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, amountKeys.has(k) && typeof v === "number" ? format.format(v) : v]));
  return valuesInText(formatted, locale);
}

/** A server's field message that warns (to confirm) rather than refuses. */
export const isWarningKey = (key: string | undefined) => !!key && key.startsWith("warn");
