import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/** Download of the groups list with the page's filters: same resolver, permission, scope and query as the groups page. */
export const GET = exportRoute<{ org: string }>(exportSources.groups);
