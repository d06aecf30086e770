import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/**
 * Download of a cohesion dashboard table. The tenant, permission, scope and query are exactly
 * the page's (same resolver, same loader), so the file holds the figures the page shows.
 */
export const GET = exportRoute<{ org: string; table: string }>(exportSources.cohesion);
