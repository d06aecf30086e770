/**
 * Unicode isolates for values placed inside translated sentences: in an Arabic sentence a Latin
 * name, a date or a figure otherwise takes part in the sentence's right-to-left ordering, and
 * "من 2026-01-01 إلى 2026-03-31" or a list of Latin names come out scrambled. French and
 * English sentences are left-to-right like their values: they are left as they are.
 */

/** A name or any text: its own direction, from its first strong letter (FSI … PDI). */
export const isolate = (value: string | number) => `\u2068${value}\u2069`;

/** A date, a figure or a code: always left to right (LRI … PDI). */
export const isolateLtr = (value: string | number) => `\u2066${value}\u2069`;

const isRtl = (locale: string) => locale === "ar";

/** A name inside a sentence of the reader's language. */
export const nameInText = (value: string, locale: string) => (isRtl(locale) ? isolate(value) : value);

/** A date, a quarter, a time or a figure inside a sentence of the reader's language. */
export const valueInText = (value: string | number, locale: string) => (isRtl(locale) ? isolateLtr(value) : value);

/** Placeholders of the catalogues that hold a date, a period, a time or an amount. */
const valueKeys = new Set(["date", "from", "to", "time", "floor", "earliest", "latest", "quarter", "limit", "price", "version"]);
/** Placeholders that hold a name. */
const nameKeys = new Set(["name", "org", "names"]);

/**
 * A message's values ready for its sentence: dates, times and amounts isolated left to right,
 * names isolated, in Arabic. Plural and select arguments (count, kind, days…) are left as they
 * are: the message formatter reads them.
 */
export function valuesInText<V extends Record<string, string | number>>(values: V, locale: string): V {
  if (!isRtl(locale)) return values;
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, valueKeys.has(k) ? isolateLtr(v) : nameKeys.has(k) && typeof v === "string" ? isolate(v) : v]),
  ) as V;
}

/** "A, B et C" in the reader's language, each name isolated in Arabic. */
export const listOf = (items: readonly string[], locale: string) =>
  new Intl.ListFormat(locale, { type: "conjunction" }).format(items.map((i) => nameInText(i, locale)));

type Translator = (key: string, values?: Record<string, string | number>) => string;

/**
 * A translator whose values are made ready for the reader's sentences (valuesInText): for the
 * loaders that build titles from a `t` they are given (tables, charts), so that a quarter or a
 * date inside an Arabic title reads in order without each loader knowing the locale.
 */
export function translatorInText<T extends Translator>(t: T, locale: string): T {
  if (!isRtl(locale)) return t;
  const wrapped = (key: string, values?: Record<string, string | number>) => t(key, values && valuesInText(values, locale));
  return Object.assign(wrapped, t);
}
