import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/**
 * Download of the ledger with the page's filters: every matching operation, not only the page
 * shown. Same resolver, permission, scope and query as the ledger page (lib/exports/ledger.ts).
 */
export const GET = exportRoute<{ org: string }>(exportSources.ledger);
