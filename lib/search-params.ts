/**
 * Page and route parameters are read like form fields: a value PostgreSQL cannot hold or a
 * reader would not type (NUL and other control characters, lone surrogates, overlong) is no
 * value at all, so a hostile URL gives an empty filter or a 404, never a database error.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The longest search parameter any page reads (ids, slugs, codes, dates, cursors are shorter). */
export const MAX_PARAM_LENGTH = 200;

/** The value as a safe string, or undefined. */
export function safeText(value: unknown, max = MAX_PARAM_LENGTH): string | undefined {
  if (typeof value !== "string" || value === "" || value.length > max) return undefined;

  if (/[\u0000-\u001f\u007f]/.test(value) || !value.isWellFormed()) return undefined;
  return value;
}

/** The first value of a search parameter as a safe string, or undefined. */
export function searchParam(sp: SearchParams | URLSearchParams, key: string, max = MAX_PARAM_LENGTH): string | undefined {
  const v = sp instanceof URLSearchParams ? sp.get(key) : sp[key];
  return safeText(Array.isArray(v) ? v[0] : v, max);
}
