import { exportRoute } from "@/lib/exports/route";
import { priceHistoryExport } from "@/lib/exports/price-history";
import { searchParam } from "@/lib/search-params";

/**
 * Download of a commune's negotiated price history (every product, or `product`): same resolver,
 * permission, commune and product checks as the products' history pages.
 */
export const GET = exportRoute<{ org: string; commune: string }>("prices:read", async ({ ctx, params: { commune }, sp, er }) => {
  const result = await priceHistoryExport(ctx, commune, searchParam(sp, "product"), er.locale);
  return result && { table: result.table, what: "price-history", disclosure: "list", org: result.commune, filters: result.filters };
});
