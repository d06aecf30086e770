import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/** Download of a commune's market observations: same resolver, permission and commune check as the market page. */
export const GET = exportRoute<{ org: string; commune: string }>(exportSources.observations);
