/**
 * The header row of an import file to its columns: each header matched, by its last path segment
 * (a KoboToolbox export names columns `group_xyz/field`), to a field in French, Arabic or English,
 * or through the organisation's saved mapping. Refused whole: a missing required column, two
 * columns for one field, a blank header cell (a merged one reads as blank after its first cell),
 * and French and Arabic headers mixed.
 */
import { cellText, type Cell } from "./cells";
import { headerIndex, importFields, KOBO_UUID, normalise, type HeaderLang, type ImportKind } from "./fields";
import { columnLetter, ImportFileError } from "./read";

export interface HeaderMap {
  /** Field → column index. */
  columns: Record<string, number>;
  /** The Kobo `_uuid` column, if any. */
  uuidColumn: number | null;
  /** Headers left aside (Kobo's own columns, unknown ones). */
  ignored: string[];
  lang: HeaderLang | "kobo" | "code";
  /** Header text → field, as read (kept with the upload). */
  read: Record<string, string>;
}

/** The template's header of a field in a language. */
export const templateHeader = (kind: ImportKind, field: string, lang: HeaderLang) => importFields[kind].find((f) => f.key === field)?.headers[lang][0] ?? field;

export function mapHeaders(kind: ImportKind, cells: Cell[], saved: Record<string, string> = {}): HeaderMap {
  const index = headerIndex(kind);
  const texts = cells.map((c) => cellText(c));
  const lastFilled = texts.reduce((last, t, i) => (t !== "" ? i : last), -1);
  const columns: Record<string, number> = {};
  const read: Record<string, string> = {};
  const ignored: string[] = [];
  const langs = new Set<HeaderLang>();
  let kobo = false;
  let uuidColumn: number | null = null;
  for (let i = 0; i <= lastFilled; i++) {
    const text = texts[i];
    if (text === "") throw new ImportFileError("headerBlank", { column: columnLetter(i) });
    const segment = text.includes("/") ? text.slice(text.lastIndexOf("/") + 1) : text;
    if (segment !== text) kobo = true;
    if (segment === KOBO_UUID) {
      uuidColumn = i;
      kobo = true;
      continue;
    }
    const savedField = saved[normalise(text)] ?? saved[normalise(segment)];
    const hit = savedField ? { field: savedField, lang: null } : (index.get(normalise(segment)) ?? null);
    if (!hit || segment.startsWith("_")) {
      if (segment.startsWith("_")) kobo = true;
      ignored.push(text);
      continue;
    }
    if (hit.field in columns) throw new ImportFileError("headerTwice", { column: text });
    columns[hit.field] = i;
    read[text] = hit.field;
    if (hit.lang) langs.add(hit.lang);
  }
  if (langs.has("fr") && langs.has("ar")) throw new ImportFileError("headersMixed");
  const lang: HeaderMap["lang"] = kobo ? "kobo" : langs.has("ar") ? "ar" : langs.has("fr") ? "fr" : langs.has("en") ? "en" : "code";
  if (Object.keys(columns).length === 0) throw new ImportFileError("wrongColumns");
  const named = lang === "ar" || lang === "en" ? lang : "fr";
  const missing = importFields[kind].filter((f) => f.required && !(f.key in columns)).map((f) => templateHeader(kind, f.key, named));
  if (missing.length > 0) throw new ImportFileError("missingColumns", { columns: missing.join(", ") });
  return { columns, uuidColumn, ignored, lang, read };
}
