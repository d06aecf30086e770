import "server-only";
import type { NextRequest } from "next/server";
import type { Permission } from "@/lib/permissions";
import { resolveTenant, type TenantContext } from "@/lib/auth/tenant";
import type { CurrentUser } from "@/lib/auth/session";
import { readerOf, type Reader } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";
import { exportMeta, type Disclosure } from "./context";
import type { ExportFilter, ExportMeta } from "./meta";
import { exportRequest, type ExportRequest } from "./request";
import { exportResponse } from "./response";
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
  ctx: TenantContext<CurrentUser>;
  params: P;
  sp: URLSearchParams;
  er: ExportRequest;
  reader: Reader;
}

const notFound = () => new Response("Not found", { status: 404 });

/**
 * The one path of every download route: the tenant and permission as the page resolves them (plus
 * `exports:read`), the user's export rate limit (in the database, across instances: 429 beyond
 * it), the format and language asked (`exportRequest`), then the route's loader (the page's own
 * query, scope and suppression) and the file with its metadata block. Anything the reader may not
 * see, or that does not exist, is "not found"; no session is 401.
 */
export function exportRoute<P extends { org: string }>(
  permission: Permission,
  load: (a: ExportArgs<P>) => Promise<ExportFile | null | undefined>,
  allowed: (ctx: TenantContext<CurrentUser>) => boolean = () => true,
) {
  return async function GET(req: NextRequest, { params }: { params: Promise<P> }): Promise<Response> {
    const p = await params;
    const r = await resolveTenant(p.org, permission);
    if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
    if (r.kind !== "ok" || !r.ctx.can("exports:read") || !allowed(r.ctx)) return notFound();
    const ctx = r.ctx;
    const limited = await exportLimit(req, ctx);
    if (limited) return limited;
    const sp = req.nextUrl.searchParams;
    const er = await exportRequest(sp);
    if (!er) return notFound();
    const reader = readerOf(ctx);
    const file = await load({ ctx, params: p, sp, er, reader });
    if (!file) return notFound();
    const meta = await exportMeta({
      locale: er.locale,
      title: file.table.title,
      org: file.org ?? ctx.org,
      reader,
      disclosure: file.disclosure,
      period: file.period,
      filters: file.filters,
    });
    return exportResponse(file.table, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta, what: file.what });
  };
}
