import { asc, desc, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { isIsoDate } from "@/lib/dates";

/**
 * Keyset pagination for every unbounded list. A page is asked for by `?after=<cursor>` (the rows
 * after that one in the list's order: "next") or `?before=<cursor>` ("previous", read by the
 * reversed query), and `?size=` (50 by default, at most 200). The cursor is the sort key of a row,
 * as base64url JSON; it is opaque to readers and validated strictly: a malformed or tampered one
 * is ignored and the first page is shown. A list's sort is total (it ends with the id).
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const MAX_CURSOR_LENGTH = 2048;
const MAX_TEXT_LENGTH = 300;

/** The SQL type of each part of a sort key. */
export type KeyPart = "date" | "timestamptz" | "uuid" | "int" | "bigint" | "text";
export type SortKey = (string | number)[];

/** What the URL asks for; the cursors are still unverified (a list decodes them with its shape). */
export interface PageRequest {
  size: number;
  after?: string;
  before?: string;
}

export interface Page<T> {
  rows: T[];
  /** Cursors of the next and previous pages; absent at either end of the list. */
  next?: string;
  previous?: string;
}

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const cursorChars = /^[A-Za-z0-9_-]+$/;

export function parsePageSize(v: string | string[] | undefined, defaultSize = DEFAULT_PAGE_SIZE): number {
  const s = first(v);
  if (!s || !/^\d{1,6}$/.test(s)) return defaultSize;
  const n = Number(s);
  return n < 1 ? defaultSize : Math.min(n, MAX_PAGE_SIZE);
}

/** The page a URL asks for. Both directions at once make no sense: the first page then. */
export function readPageRequest(sp: Search, defaultSize = DEFAULT_PAGE_SIZE): PageRequest {
  const cursor = (k: string) => {
    const v = first(sp[k]);
    return v && v.length <= MAX_CURSOR_LENGTH && cursorChars.test(v) ? v : undefined;
  };
  const [after, before] = [cursor("after"), cursor("before")];
  const size = parsePageSize(sp.size, defaultSize);
  if (after && before) return { size };
  return { size, ...(after ? { after } : {}), ...(before ? { before } : {}) };
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

function isPart(v: unknown, part: KeyPart): boolean {
  switch (part) {
    case "date":
      return typeof v === "string" && isIsoDate(v);
    case "timestamptz": {
      // Exactly the form keySql writes: UTC, microseconds (a JavaScript Date would lose them).
      const m = typeof v === "string" ? /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/.exec(v) : null;
      return m !== null && isIsoDate(m[1]);
    }
    case "uuid":
      return typeof v === "string" && isUuid(v);
    case "int":
      return Number.isInteger(v) && Math.abs(v as number) <= 2_147_483_647;
    case "bigint":
      return Number.isSafeInteger(v);
    case "text":
      return typeof v === "string" && v.length <= MAX_TEXT_LENGTH && !v.includes("\u0000") && v.isWellFormed();
  }
}

/** The sort key a cursor holds if it has exactly the list's shape, else undefined. */
export function decodeCursor(cursor: string | undefined, shape: readonly KeyPart[]): SortKey | undefined {
  if (!cursor || cursor.length > MAX_CURSOR_LENGTH || !cursorChars.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, "base64url");
  // Only the canonical spelling: no padding games, no bytes the decoder skipped.
  if (bytes.toString("base64url") !== cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length) return undefined;
  return key.every((v, i) => isPart(v, shape[i])) ? (key as SortKey) : undefined;
}

/** The href of the same list with a cursor, every other parameter (the filters) kept. */
export function pageHref(path: string, sp: Search, cursor: { after?: string; before?: string } = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    if (k === "after" || k === "before" || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
  }
  if (cursor.after) q.set("after", cursor.after);
  if (cursor.before) q.set("before", cursor.before);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Rows as fetched (at most size + 1, in the query's order) made into a page: the extra row only
 * says there is more; a "previous" read comes back reversed and is put in the list's order.
 */
export function toPage<T>(fetched: T[], size: number, keyOf: (row: T) => SortKey, from: { after?: SortKey; before?: SortKey } = {}): Page<T> {
  const hasMore = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (from.before) rows.reverse();
  const [head, tail] = [rows[0], rows[rows.length - 1]];
  const hasNext = from.before ? true : hasMore;
  const hasPrevious = from.before ? hasMore : from.after !== undefined;
  // An empty page past either end still links back to the rows on the other side of its cursor.
  const next = hasNext ? (tail !== undefined ? keyOf(tail) : from.before) : undefined;
  const previous = hasPrevious ? (head !== undefined ? keyOf(head) : from.after) : undefined;
  return { rows, ...(next ? { next: encodeCursor(next) } : {}), ...(previous ? { previous: encodeCursor(previous) } : {}) };
}

const pgType: Record<KeyPart, string> = { date: "date", timestamptz: "timestamptz", uuid: "uuid", int: "int", bigint: "bigint", text: "text" };

export interface KeyColumn {
  column: SQLWrapper;
  type: KeyPart;
}

/**
 * The keyset of one list: its sort columns (ending with the id) and direction. `keySql` selects a
 * row's sort key (timestamps to the microsecond, as text); `plan` turns a request into the
 * condition, order and limit of the query, and `finish` the fetched rows into a page.
 */
export function keyset(columns: readonly KeyColumn[], direction: "asc" | "desc") {
  const shape = columns.map((c) => c.type);
  const keyExpr = (c: KeyColumn) =>
    c.type === "timestamptz" ? sql`to_char(${c.column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : sql`${c.column}`;
  const keySql = sql<string>`json_build_array(${sql.join(columns.map(keyExpr), sql`, `)})::text`;
  const list = (xs: SQL[]) => sql.join(xs, sql`, `);

  function plan(req: PageRequest) {
    const after = decodeCursor(req.after, shape);
    const before = after ? undefined : decodeCursor(req.before, shape);
    const key = after ?? before;
    // Read backwards for "previous": the order and the comparison flip.
    const forward = before === undefined;
    const ascending = (direction === "asc") === forward;
    const where = key
      ? sql`(${list(columns.map((c) => sql`${c.column}`))}) ${sql.raw(ascending ? ">" : "<")} (${list(key.map((v, i) => sql`${v}::${sql.raw(pgType[shape[i]])}`))})`
      : undefined;
    const orderBy = columns.map((c) => (ascending ? asc(c.column) : desc(c.column)));
    return {
      where,
      orderBy,
      limit: req.size + 1,
      finish: <T extends { cursorKey: string }>(fetched: T[]): Page<Omit<T, "cursorKey">> => {
        const page = toPage(fetched, req.size, (r) => JSON.parse(r.cursorKey) as SortKey, { after, before });
        return { ...page, rows: page.rows.map(({ cursorKey: _, ...r }) => r) };
      },
    };
  }
  /** The list's order, for a read of the whole list. */
  const orderBy = columns.map((c) => (direction === "asc" ? asc(c.column) : desc(c.column)));
  return { shape, keySql, orderBy, plan };
}
