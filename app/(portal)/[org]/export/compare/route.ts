import type { NextRequest } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { loadCompareTable } from "@/lib/compare/table";
import { exportFormats, exportResponse, type ExportFormat } from "@/lib/exports/response";
import { locales, toLocale, type Locale } from "@/lib/i18n/locales";
import { readerOf } from "@/lib/privacy/suppress";

/** Download of the consortium's comparison table: same resolver, same loader as the page. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const r = await resolveTenant(slug, "cohesion:compare");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || !r.ctx.can("exports:read") || r.ctx.org.type !== "consortium") return new Response("Not found", { status: 404 });
  const ctx = r.ctx;
  const sp = req.nextUrl.searchParams;
  const format = sp.get("format") ?? "csv";
  if (!(exportFormats as readonly string[]).includes(format)) return new Response("Not found", { status: 404 });
  const lang = sp.get("lang");
  const locale: Locale = lang && (locales as readonly string[]).includes(lang) ? (lang as Locale) : toLocale(await getLocale());
  const t = await getTranslations({ locale, namespace: "compare" });
  const tt = await getTranslations({ locale, namespace: "orgTypes" });
  const { table } = await withTenant(ctx, (tx) => loadCompareTable(tx, ctx.org, readerOf(ctx), t as never, (type) => tt(type as never)));
  return exportResponse(table, format as ExportFormat, { hxl: sp.get("hxl") === "1", rtl: locale === "ar", fileBase: ctx.org.slug });
}
