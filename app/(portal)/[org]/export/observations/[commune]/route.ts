import { exportRoute } from "@/lib/exports/route";
import { observationsExport } from "@/lib/exports/observations";

/** Download of a commune's market observations: same resolver, permission and commune check as the market page. */
export const GET = exportRoute<{ org: string; commune: string }>("prices:read", async ({ ctx, params: { commune }, er }) => {
  const result = await observationsExport(ctx, commune, er.locale);
  // Whose: the commune whose committee the observations belong to.
  return result && { table: result.table, what: "observations", disclosure: "list", org: result.commune };
});
