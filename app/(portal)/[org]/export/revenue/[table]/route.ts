import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/** Download of a revenue dashboard table: same resolver, permission, filters and loader as the dashboard page. */
export const GET = exportRoute<{ org: string; table: string }>(exportSources.revenue);
