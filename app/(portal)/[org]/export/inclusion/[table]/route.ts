import { getTranslations } from "next-intl/server";
import { withTenantRead } from "@/lib/tenant-db";
import { inclusionTableIds, loadInclusionDashboard, type InclusionTableId } from "@/lib/inclusion/dashboard";
import { inclusionParams } from "@/lib/inclusion/params";
import { scopeOrgOf } from "@/lib/compare/members";
import { exportRoute } from "@/lib/exports/route";

/**
 * Download of an inclusion dashboard table. Tenant, permission, scope, suppression and query are
 * exactly the page's (same resolver, same loader), so the file holds the figures the page shows;
 * a person list the reader may not receive does not exist for them. `member` (consortium only)
 * exports a member's tables as the drill-down shows them, to the consortium's reader rights.
 */
export const GET = exportRoute<{ org: string; table: string }>("groups:read", async ({ ctx, params: { table }, sp, er, reader }) => {
  if (!(inclusionTableIds as readonly string[]).includes(table)) return null;
  const t = await getTranslations({ locale: er.locale, namespace: "inclusion" });
  const p = inclusionParams(Object.fromEntries(sp.entries()));
  const result = await withTenantRead(ctx, async (tx) => {
    const scopeOrg = await scopeOrgOf(tx, ctx.org, sp.get("member"));
    return scopeOrg && { scopeOrg, dash: await loadInclusionDashboard(tx, scopeOrg, reader, p, t, er.locale) };
  });
  const model = result?.dash.tables[table as InclusionTableId];
  if (!result || !model) return null;
  return {
    table: model,
    what: `inclusion-${table}`,
    disclosure: "counts",
    org: result.scopeOrg,
    period: { on: p.on },
    filters: [{ label: t("filterBy"), value: t(`by.${p.by}`), slug: `by-${p.by}` }],
  };
});
