import "server-only";
import type { NextRequest } from "next/server";
import { resolveTenant, type TenantContext } from "@/lib/auth/tenant";
import { readerOf, type Reader } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";
import { exportMeta, type Disclosure } from "./context";
import type { ExportFilter, ExportMeta } from "./meta";
import { exportRequest, type ExportRequest } from "./request";
import { exportResponse } from "./response";
import type { ExportSource, SourceParams } from "./sources";
import type { DataTableModel, ExportTable } from "./table";

/** What an export's loader hands back: the table, whose it is, its disclosure rule, period and filters. */
export interface ExportFile {
  table: DataTableModel | ExportTable;
  /** The file name's "what" (`tamkin-<what>-<org>…`). */
  what: string;
  disclosure: Disclosure;
  /** Whose figures: the scope organisation (a consortium member, a commune), else the reader's own. */
  org?: { slug: string; name: string };
  period?: ExportMeta["period"];
  filters?: ExportFilter[];
}

export interface ExportArgs<P> {
  ctx: TenantContext<{ id: string }>;
  params: P;
  sp: URLSearchParams;
  er: ExportRequest;
  reader: Reader;
}

/**
 * A source's table for a resolved tenant (a signed-in member, or an API token's organisation):
 * the source's permission and `exports:read` checked, its loader run with the reader's
 * suppression, and the metadata block in the requested language. Null: "not found".
 */
export async function loadExport(
  source: ExportSource,
  ctx: TenantContext<{ id: string }>,
  params: SourceParams,
  sp: URLSearchParams,
  er: ExportRequest,
): Promise<{ file: ExportFile; meta: ExportMeta } | null> {
  if (!ctx.can(source.permission) || !ctx.can("exports:read") || !(source.allowed?.(ctx) ?? true)) return null;
  const reader = readerOf(ctx);
  const file = await source.load({ ctx, params, sp, er, reader });
  if (!file) return null;
  const meta = await exportMeta({
    locale: er.locale,
    title: file.table.title,
    org: file.org ?? ctx.org,
    reader,
    disclosure: file.disclosure,
    period: file.period,
    filters: file.filters,
  });
  return { file, meta };
}

const notFound = () => new Response("Not found", { status: 404 });

/**
 * The one path of every download route: the tenant and permission as the page resolves them (plus
 * `exports:read`), the user's export rate limit (in the database, across instances: 429 beyond
 * it), the format and language asked (`exportRequest`), then the source's loader (the page's own
 * query, scope and suppression: lib/exports/sources.ts) and the file with its metadata block.
 * Anything the reader may not see, or that does not exist, is "not found"; no session is 401.
 */
export function exportRoute<P extends SourceParams>(source: ExportSource) {
  return async function GET(req: NextRequest, { params }: { params: Promise<P> }): Promise<Response> {
    const p = await params;
    const r = await resolveTenant(p.org, source.permission);
    if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
    if (r.kind !== "ok" || !r.ctx.can("exports:read") || !(source.allowed?.(r.ctx) ?? true)) return notFound();
    const ctx = r.ctx;
    const limited = await exportLimit(req, ctx);
    if (limited) return limited;
    const sp = req.nextUrl.searchParams;
    const er = await exportRequest(sp);
    if (!er) return notFound();
    const loaded = await loadExport(source, ctx, p, sp, er);
    if (!loaded) return notFound();
    return exportResponse(loaded.file.table, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta: loaded.meta, what: loaded.file.what });
  };
}
