import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * The read-only API's page cursor (issue 14.5), opaque to a client: `<position>.<seal>`.
 *
 * - The position is `k<the list's own cursor>` for the long lists (lib/pagination.ts: the sort key
 *   of the page's last row, base64url JSON; the next page is read `WHERE (key) > (cursor) ORDER BY
 *   key LIMIT size + 1`), or `o<offset>` for a dashboard's table (small, computed whole).
 * - The seal is an HMAC-SHA256 (AUTH_SECRET, which production requires), cut to 128 bits, of the
 *   position with what it was made for: the token's organisation, the table's path and its
 *   filters. A cursor altered, made up, or made for another organisation, table or set of filters
 *   is refused (400) before anything is read; it never restarts a walk silently.
 */
export interface CursorScope {
  orgId: string;
  /** The table's path under the organisation (`ledger`, `revenue/by-month`…). */
  path: string;
  /** The table's filters: every query parameter but the API's own. */
  filters: URLSearchParams;
}

export type CursorPosition = { kind: "key"; after: string } | { kind: "offset"; offset: number };

const MAX_CURSOR_LENGTH = 2100;
const CURSOR = /^(k[A-Za-z0-9_-]{1,2048}|o(?:0|[1-9]\d{0,8}))\.([A-Za-z0-9_-]{22})$/;
/** Development only: production refuses to start without AUTH_SECRET (lib/env.ts). */
const DEV_SECRET = "tamkin-api-cursor-development-secret";

function seal(scope: CursorScope, position: string): Buffer {
  const filters = [...scope.filters.entries()].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  return createHmac("sha256", authSecret() ?? DEV_SECRET)
    .update(JSON.stringify(["tamkin-api-cursor/1", scope.orgId, scope.path, filters, position]))
    .digest()
    .subarray(0, 16);
}

export function signCursor(scope: CursorScope, position: CursorPosition): string {
  const p = position.kind === "key" ? `k${position.after}` : `o${position.offset}`;
  return `${p}.${seal(scope, p).toString("base64url")}`;
}

/** The position a cursor holds if this API sealed it for this scope, else null (answer 400). */
export function openCursor(scope: CursorScope, cursor: string): CursorPosition | null {
  const m = cursor.length <= MAX_CURSOR_LENGTH ? CURSOR.exec(cursor) : null;
  if (!m) return null;
  const given = Buffer.from(m[2], "base64url");
  // Only the canonical spelling of the seal (22 characters hold 132 bits: the last 4 must be 0).
  if (given.length !== 16 || given.toString("base64url") !== m[2] || !timingSafeEqual(given, seal(scope, m[1]))) return null;
  return m[1].startsWith("k") ? { kind: "key", after: m[1].slice(1) } : { kind: "offset", offset: Number(m[1].slice(1)) };
}
