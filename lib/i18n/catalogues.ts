import type { Locale } from "./locales";

/**
 * Message catalogues, one file per area and locale under messages/<locale>/<area>.json; an area
 * adds its name here. Namespaces of the same name in several files are merged (each area adds
 * its keys to the shared `errors` and `messages` namespaces that client forms receive).
 */
export const areas = ["core", "groups", "cohesion", "prices", "audit", "inclusion", "advocacy", "pagination"] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, Record<string, unknown>>> {
  const parts = await Promise.all(areas.map((a) => import(`./messages/${locale}/${a}.json`)));
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [ns, value] of Object.entries(part.default as Record<string, Record<string, unknown>>)) {
      merged[ns] = { ...merged[ns], ...value };
    }
  }
  return merged;
}
