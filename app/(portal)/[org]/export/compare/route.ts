import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/** Download of the consortium's comparison table: same resolver, same loader, same parameters as the page. */
export const GET = exportRoute<{ org: string }>(exportSources.compare);
