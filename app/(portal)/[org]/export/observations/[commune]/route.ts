import type { NextRequest } from "next/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { exportMeta } from "@/lib/exports/context";
import { observationsExport } from "@/lib/exports/observations";
import { exportRequest } from "@/lib/exports/request";
import { exportResponse } from "@/lib/exports/response";
import { readerOf } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";

/** Download of a commune's market observations: same resolver, permission and commune check as the market page. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string; commune: string }> }) {
  const { org: slug, commune } = await params;
  const r = await resolveTenant(slug, "prices:read");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || !r.ctx.can("exports:read")) return new Response("Not found", { status: 404 });
  const ctx = r.ctx;
  // Rate limit per user and organisation, in the database (holds across instances): 429 beyond it.
  const limited = await exportLimit(req, ctx);
  if (limited) return limited;
  const er = await exportRequest(req.nextUrl.searchParams);
  if (!er) return new Response("Not found", { status: 404 });
  const result = await observationsExport(ctx, commune, er.locale);
  if (!result) return new Response("Not found", { status: 404 });
  // Whose: the commune whose committee the observations belong to.
  const meta = await exportMeta({ locale: er.locale, title: result.table.title, org: result.commune, reader: readerOf(ctx), disclosure: "list" });
  return exportResponse(result.table, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta, what: "observations" });
}
