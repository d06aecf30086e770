import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { dashboardTableIds, loadCohesionDashboard, type DashboardTableId } from "@/lib/cohesion/dashboard";
import { dashboardParams } from "@/lib/cohesion/page-data";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import { scopeOrgOf } from "@/lib/compare/members";
import { exportMeta } from "@/lib/exports/context";
import { exportRequest } from "@/lib/exports/request";
import { exportResponse } from "@/lib/exports/response";
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
  const er = await exportRequest(sp);
  if (!er) return notFound();
  const t = await getTranslations({ locale: er.locale, namespace: "cohesion" });
  const filters = dashboardParams(Object.fromEntries(sp.entries()));
  const reader = readerOf(ctx);

  const result = await withTenantRead(ctx, async (tx) => {
    const scopeOrg = await scopeOrgOf(tx, ctx.org, sp.get("member"));
    if (!scopeOrg) return null;
    const dash = await loadCohesionDashboard(tx, scopeOrg, reader, filters, t);
    const village = filters.village ? (await listVisibleVillages(tx, scopeOrg)).find((v) => v.id === filters.village) : undefined;
    return dash ? { dash, scopeOrg, village } : null;
  });
  if (!result) return notFound();
  const model = result.dash.tables[table as DashboardTableId];
  const meta = await exportMeta({
    locale: er.locale,
    title: model.title,
    org: result.scopeOrg,
    reader,
    disclosure: "counts",
    // The quarter chooses the village table's quarter; the trends cover every quarter.
    period: filters.quarter && table === "villages" ? { quarter: filters.quarter } : undefined,
    filters: result.village ? [{ label: t("filterVillage"), value: result.village.name }] : [],
  });
  return exportResponse(model, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta, what: `cohesion-${table}` });
}
