import { exportRoute } from "@/lib/exports/route";
import { revenueExport, revenueFiltersOf, revenueTableIds, type RevenueTableId } from "@/lib/exports/revenue";

/** Download of a revenue dashboard table: same resolver, permission, filters and loader as the dashboard page. */
export const GET = exportRoute<{ org: string; table: string }>("groups:read", async ({ ctx, params: { table }, sp, er }) => {
  if (!(revenueTableIds as readonly string[]).includes(table)) return null;
  const result = await revenueExport(ctx, table as RevenueTableId, revenueFiltersOf(sp), er.locale);
  return result && { table: result.table, what: `revenue-${table}`, disclosure: "amounts", period: result.period, filters: result.filters };
});
