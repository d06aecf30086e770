import { getTranslations } from "next-intl/server";
import { withTenantRead } from "@/lib/tenant-db";
import { dashboardTableIds, loadCohesionDashboard, type DashboardTableId } from "@/lib/cohesion/dashboard";
import { dashboardParams } from "@/lib/cohesion/page-data";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import { scopeOrgOf } from "@/lib/compare/members";
import { exportRoute } from "@/lib/exports/route";

/**
 * Download of a cohesion dashboard table. The tenant, permission, scope and query are exactly
 * the page's (same resolver, same loader), so the file holds the figures the page shows.
 * `member` (consortium only) exports a member's dashboard, as the drill-down page shows it.
 */
export const GET = exportRoute<{ org: string; table: string }>("cohesion:read", async ({ ctx, params: { table }, sp, er, reader }) => {
  if (!(dashboardTableIds as readonly string[]).includes(table)) return null;
  const t = await getTranslations({ locale: er.locale, namespace: "cohesion" });
  const filters = dashboardParams(Object.fromEntries(sp.entries()));
  const result = await withTenantRead(ctx, async (tx) => {
    const scopeOrg = await scopeOrgOf(tx, ctx.org, sp.get("member"));
    if (!scopeOrg) return null;
    const dash = await loadCohesionDashboard(tx, scopeOrg, reader, filters, t);
    const village = filters.village ? (await listVisibleVillages(tx, scopeOrg)).find((v) => v.id === filters.village) : undefined;
    return dash ? { dash, scopeOrg, village } : null;
  });
  if (!result) return null;
  return {
    table: result.dash.tables[table as DashboardTableId],
    what: `cohesion-${table}`,
    disclosure: "counts",
    org: result.scopeOrg,
    // The quarter chooses the village table's quarter; the trends cover every quarter.
    period: filters.quarter && table === "villages" ? { quarter: filters.quarter } : undefined,
    filters: result.village ? [{ label: t("filterVillage"), value: result.village.name }] : [],
  };
});
