import type { NextRequest } from "next/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { exportMeta } from "@/lib/exports/context";
import { groupFiltersOf, groupsExport } from "@/lib/exports/groups";
import { exportRequest } from "@/lib/exports/request";
import { exportResponse } from "@/lib/exports/response";
import { mustSuppress, readerOf } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";

/** Download of the groups list with the page's filters: same resolver, permission, scope and query as the groups page. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const r = await resolveTenant(slug, "groups:read");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || !r.ctx.can("exports:read")) return new Response("Not found", { status: 404 });
  const ctx = r.ctx;
  // Rate limit per user and organisation, in the database (holds across instances): 429 beyond it.
  const limited = await exportLimit(req, ctx);
  if (limited) return limited;
  const sp = req.nextUrl.searchParams;
  const er = await exportRequest(sp);
  if (!er) return new Response("Not found", { status: 404 });
  const reader = readerOf(ctx);
  const { table, filters } = await groupsExport(ctx, groupFiltersOf(sp), er.locale, undefined, reader);
  // Member counts of 1 to 4 are "<5" for a reader who may not see people: the note says so.
  const meta = await exportMeta({ locale: er.locale, title: table.title, org: ctx.org, reader, disclosure: mustSuppress(reader) ? "counts" : "list", filters });
  return exportResponse(table, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta, what: "groups" });
}
