import type { NextRequest } from "next/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { exportMeta } from "@/lib/exports/context";
import { priceHistoryExport } from "@/lib/exports/price-history";
import { exportRequest } from "@/lib/exports/request";
import { exportResponse } from "@/lib/exports/response";
import { readerOf } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";
import { searchParam } from "@/lib/search-params";

/**
 * Download of a commune's negotiated price history (every product, or `product`): same resolver,
 * permission, commune and product checks as the products' history pages.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string; commune: string }> }) {
  const { org: slug, commune } = await params;
  const r = await resolveTenant(slug, "prices:read");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || !r.ctx.can("exports:read")) return new Response("Not found", { status: 404 });
  const ctx = r.ctx;
  // Rate limit per user and organisation, in the database (holds across instances): 429 beyond it.
  const limited = await exportLimit(req, ctx);
  if (limited) return limited;
  const sp = req.nextUrl.searchParams;
  const er = await exportRequest(sp);
  if (!er) return new Response("Not found", { status: 404 });
  const result = await priceHistoryExport(ctx, commune, searchParam(sp, "product"), er.locale);
  if (!result) return new Response("Not found", { status: 404 });
  const meta = await exportMeta({ locale: er.locale, title: result.table.title, org: result.commune, reader: readerOf(ctx), disclosure: "list", filters: result.filters });
  return exportResponse(result.table, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta, what: "price-history" });
}
