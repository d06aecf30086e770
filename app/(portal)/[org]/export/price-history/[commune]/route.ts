import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/** Download of a commune's negotiated price history: same resolver, permission, commune and product checks as the history pages. */
export const GET = exportRoute<{ org: string; commune: string }>(exportSources["price-history"]);
