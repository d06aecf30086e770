import { personTableIds } from "@/lib/inclusion/dashboard";
import { exportSources, type ExportSource, type SourceParams } from "@/lib/exports/sources";

/**
 * The API's tables (issue 14.5) are the exports' (lib/exports/sources.ts), at the same paths:
 * `/api/v1/<org>/<path>` serves what `/<org>/export/<path>` downloads, through the same loader.
 * Person-level lists (names of people) are left out: a token is kept in a BI tool's settings,
 * shared more widely than a session, so it never receives a row per person.
 */
export function apiTableOf(org: string, path: readonly string[]): { source: ExportSource; params: SourceParams } | null {
  const [kind, arg, ...rest] = path;
  if (rest.length > 0) return null;
  switch (kind) {
    case "groups":
    case "ledger":
    case "compare":
      return arg === undefined ? { source: exportSources[kind], params: { org } } : null;
    case "revenue":
    case "supply":
    case "cohesion":
    case "inclusion":
      if (!arg || (kind === "inclusion" && (personTableIds as readonly string[]).includes(arg))) return null;
      return { source: exportSources[kind], params: { org, table: arg } };
    case "observations":
    case "price-history":
      return arg ? { source: exportSources[kind], params: { org, commune: arg } } : null;
    default:
      return null;
  }
}
