import { exportRoute } from "@/lib/exports/route";
import { ledgerExport, ledgerFiltersOf } from "@/lib/exports/ledger";

/**
 * Download of the ledger with the page's filters: every matching operation, not only the page
 * shown. Same resolver, permission, scope and query as the ledger page (lib/exports/ledger.ts).
 */
export const GET = exportRoute<{ org: string }>("groups:read", async ({ ctx, sp, er }) => {
  const { table, filters, period } = await ledgerExport(ctx, ledgerFiltersOf(sp), er.locale);
  return { table, what: "ledger", disclosure: "amounts", period, filters };
});
