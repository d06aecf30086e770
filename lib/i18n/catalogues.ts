import type { Locale } from "./locales";

/**
 * Message catalogues, one file per area and locale under messages/<locale>/<area>.json.
 * Each file holds its own top-level namespaces; an area adds its name here.
 */
export const areas = ["core"] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, Record<string, unknown>>> {
  const parts = await Promise.all(areas.map((a) => import(`./messages/${locale}/${a}.json`)));
  return Object.assign({}, ...parts.map((p) => p.default));
}
