import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { apiCaller } from "@/lib/api/auth";
import { keysetRequestOf, pageErrorMessages, pageRequestOf } from "@/lib/api/page";
import { apiCsv, apiError, apiJson } from "@/lib/api/respond";
import { apiTableOf } from "@/lib/api/tables";
import { BadCursorError } from "@/lib/exports/paged";
import { loadExport } from "@/lib/exports/route";
import { locales, type Locale } from "@/lib/i18n/locales";
import { API_RULE, apiBucket, hitRateLimit } from "@/lib/rate-limit";

/** The API's own parameters; every other one is the table's filter, as on its page and export. */
const OWN = ["format", "cursor", "page", "pageSize", "lang", "hxl"];

/**
 * The read-only API for BI tools (issue 14.5): an export's table (lib/api/tables.ts) as JSON pages
 * or CSV, for the organisation of the bearer token. No or bad token (unknown, revoked, expired):
 * 401; over the token's rate limit (in the database, across instances): 429; another
 * organisation's slug, an unknown table, or one the organisation may not read: 404. GET only, no
 * cookie read, nothing written but the token's last use and its rate-limit counter. Pages go by a
 * sealed cursor (lib/api/cursor.ts): a long list's page is read by its keyset through the
 * export's loader, never from the table's start; a bad cursor is 400, never a first page.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string; path: string[] }> }): Promise<Response> {
  const caller = await apiCaller(req.headers.get("authorization"));
  if (!caller) return apiError(401, "unauthenticated", { "WWW-Authenticate": 'Bearer realm="tamkin"' });
  const limited = await hitRateLimit(await getDb(), apiBucket(caller.tokenId), API_RULE);
  if (!limited.allowed) return apiError(429, "rate_limited", { "Retry-After": String(limited.retryAfterSeconds) });
  const { org, path } = await params;
  const { ctx } = caller;
  const table = org === ctx.org.slug ? apiTableOf(org, path) : null;
  if (!table) return apiError(404, "not_found");
  const sp = req.nextUrl.searchParams;
  const format = sp.get("format") ?? "json";
  if (format !== "json" && format !== "csv") return apiError(400, "invalid_format", {}, "format must be json or csv.");
  const filters = new URLSearchParams([...sp.entries()].filter(([k]) => !OWN.includes(k)));
  const scope = { orgId: ctx.org.id, path: path.join("/"), filters };
  const asked = pageRequestOf(sp, scope);
  if (!asked.ok) return apiError(400, asked.error, {}, pageErrorMessages[asked.error]);
  const page = asked.value;
  // CSV without any paging parameter is the whole file; anything else is one page.
  const paged = format === "json" || ["cursor", "page", "pageSize"].some((k) => sp.has(k));
  const lang = sp.get("lang");
  const locale: Locale = lang && (locales as readonly string[]).includes(lang) ? (lang as Locale) : "fr";
  const hxl = sp.get("hxl") === "1";
  const url = new URL(req.url);
  try {
    const loaded = await loadExport(table.source, ctx, table.params, filters, {
      format: "csv",
      locale,
      hxl,
      ...(paged ? { page: keysetRequestOf(page) } : {}),
    });
    if (!loaded) return apiError(404, "not_found");
    if (format === "csv") return await apiCsv(url, scope, loaded.file, loaded.meta, paged ? page : null, hxl);
    return await apiJson(url, scope, loaded.file, loaded.meta, page);
  } catch (e) {
    if (e instanceof BadCursorError) return apiError(400, "invalid_cursor", {}, pageErrorMessages.invalid_cursor);
    throw e;
  }
}
