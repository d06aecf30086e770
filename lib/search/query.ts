import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { isIsoDate } from "@/lib/dates";
import { searchParam, type SearchParams } from "@/lib/search-params";

/**
 * The search box of the lists (issue 14, point 4): `?q=` in the URL, read like any filter. Names
 * are matched in the database on a normalised key (migration 0036: accents, case, Arabic or
 * Latin script), so the same query finds "Aïcha", "AICHA" and "عائشة".
 */
export const MAX_QUERY_LENGTH = 100;

/** The query of a list, or undefined when there is nothing to look for (no letter nor digit). */
export function searchQueryOf(sp: SearchParams | URLSearchParams, key = "q"): string | undefined {
  const q = searchParam(sp, key, MAX_QUERY_LENGTH)?.trim();
  return q && /[\p{L}\p{N}]/u.test(q) ? q : undefined;
}

/**
 * A name matches when its key holds the normalised query, or when the query's consonant skeleton
 * is similar to a word of the key (pg_trgm word similarity, for spellings across scripts). Short
 * skeletons (fewer than three letters) match too much: substring only then.
 */
export function nameMatchSql(searchKey: SQLWrapper, q: string): SQL {
  return sql`(${searchKey} like '%' || app_search_norm(${q}) || '%'
    or (length(app_search_skeleton(app_search_norm(${q}))) >= 3 and ${searchKey} %> app_search_skeleton(app_search_norm(${q}))))`;
}

/** A text normalised on the fly (places, products, notes: few rows per scope) holding the query. */
export function textMatchSql(text: SQLWrapper, q: string): SQL {
  return nameMatchSql(sql`app_search_key(${text})`, q);
}

/** The generated search key of a table that has one (people, groups). */
export const searchKeyOf = (table: SQLWrapper) => sql`${table}.search_key`;

/** An amount typed as a reader writes it: "1500", "1 500", "1.500", "1,500" (whole units). */
export function amountOf(q: string): number | undefined {
  const s = q.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d{1,3}([.,]?\d{3})*$|^\d{1,15}$/.test(s)) return undefined;
  const n = Number(s.replace(/[.,]/g, ""));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** A day or a month typed as ISO (2024-05-12, 2024-05) or as in French and Arabic forms (12/05/2024, 05/2024). */
export function dateRangeOf(q: string): { from: string; to: string } | undefined {
  const s = q.trim();
  let y: string, m: string, d: string | undefined;
  let r = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (r) [y, m, d] = [r[1], r[2], r[3]];
  else if ((r = /^(?:(\d{1,2})[/.])?(\d{1,2})[/.](\d{4})$/.exec(s))) [y, m, d] = [r[3], r[2].padStart(2, "0"), r[1]?.padStart(2, "0")];
  else return undefined;
  if (d) {
    const day = `${y}-${m}-${d}`;
    return isIsoDate(day) ? { from: day, to: day } : undefined;
  }
  const first = `${y}-${m}-01`;
  if (!isIsoDate(first)) return undefined;
  const last = new Date(Date.UTC(Number(y), Number(m), 0)).toISOString().slice(0, 10);
  return { from: first, to: last };
}
