import type { NextRequest } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { dashboardTableIds, loadCohesionDashboard, type DashboardTableId } from "@/lib/cohesion/dashboard";
import { dashboardParams } from "@/lib/cohesion/page-data";
import type { Labels } from "@/lib/cohesion/tables";
import { scopeOrgOf } from "@/lib/compare/members";
import { exportFormats, exportResponse, type ExportFormat } from "@/lib/exports/response";
import { locales, toLocale, type Locale } from "@/lib/i18n/locales";
import { readerOf } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";

const notFound = () => new Response("Not found", { status: 404 });

/**
 * Download of a cohesion dashboard table. The tenant, permission, scope and query are exactly
 * the page's (same resolver, same loader), so the file holds the figures the page shows.
 * `member` (consortium only) exports a member's dashboard, as the drill-down page shows it.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string; table: string }> }) {
  const { org: slug, table } = await params;
  const r = await resolveTenant(slug, "cohesion:read");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || !r.ctx.can("exports:read")) return notFound();
  const ctx = r.ctx;
  // Rate limit per user and organisation, in the database (holds across instances): 429 beyond it.
  const limited = await exportLimit(req, ctx);
  if (limited) return limited;
  if (!(dashboardTableIds as readonly string[]).includes(table)) return notFound();
  const sp = req.nextUrl.searchParams;
  const format = sp.get("format") ?? "csv";
  if (!(exportFormats as readonly string[]).includes(format)) return notFound();
  const lang = sp.get("lang");
  const locale: Locale = lang && (locales as readonly string[]).includes(lang) ? (lang as Locale) : toLocale(await getLocale());
  const t = await getTranslations({ locale, namespace: "cohesion" });
  const filters = dashboardParams(Object.fromEntries(sp.entries()));
  const memberSlug = sp.get("member");

  const result = await withTenantRead(ctx, async (tx) => {
    const scopeOrg = await scopeOrgOf(tx, ctx.org, memberSlug);
    if (!scopeOrg) return null;
    const dash = await loadCohesionDashboard(tx, scopeOrg, readerOf(ctx), filters, t as unknown as Labels);
    return dash ? { dash, scopeOrg } : null;
  });
  if (!result) return notFound();
  return exportResponse(result.dash.tables[table as DashboardTableId], format as ExportFormat, {
    hxl: sp.get("hxl") === "1",
    rtl: locale === "ar",
    fileBase: result.scopeOrg.slug,
  });
}
