import type { NextRequest } from "next/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { exportMeta } from "@/lib/exports/context";
import { exportRequest } from "@/lib/exports/request";
import { exportResponse } from "@/lib/exports/response";
import { revenueExport, revenueFiltersOf, revenueTableIds, type RevenueTableId } from "@/lib/exports/revenue";
import { readerOf } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";

const notFound = () => new Response("Not found", { status: 404 });

/** Download of a revenue dashboard table: same resolver, permission, filters and loader as the dashboard page. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string; table: string }> }) {
  const { org: slug, table } = await params;
  const r = await resolveTenant(slug, "groups:read");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || !r.ctx.can("exports:read")) return notFound();
  const ctx = r.ctx;
  // Rate limit per user and organisation, in the database (holds across instances): 429 beyond it.
  const limited = await exportLimit(req, ctx);
  if (limited) return limited;
  const sp = req.nextUrl.searchParams;
  const er = await exportRequest(sp);
  if (!er || !(revenueTableIds as readonly string[]).includes(table)) return notFound();
  const result = await revenueExport(ctx, table as RevenueTableId, revenueFiltersOf(sp), er.locale);
  if (!result) return notFound();
  const meta = await exportMeta({ locale: er.locale, title: result.table.title, org: ctx.org, reader: readerOf(ctx), disclosure: "amounts", period: result.period, filters: result.filters });
  return exportResponse(result.table, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta, what: `revenue-${table}` });
}
