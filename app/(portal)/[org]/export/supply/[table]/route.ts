import { exportRoute } from "@/lib/exports/route";
import { exportSources } from "@/lib/exports/sources";

/** Download of a supply dashboard table: same resolver, permission and loader as the supply page. */
export const GET = exportRoute<{ org: string; table: string }>(exportSources.supply);
