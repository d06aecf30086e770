import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/**
 * Download of an inclusion dashboard table. Tenant, permission, scope, suppression and query are
 * exactly the page's (same resolver, same loader), so the file holds the figures the page shows.
 */
export const GET = exportRoute<{ org: string; table: string }>(exportSources.inclusion);
