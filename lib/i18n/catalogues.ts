import type { Locale } from "./locales";

/**
 * Message catalogues, one file per area and locale under messages/<locale>/<area>.json; an area
 * adds its name here. Namespaces of the same name in several files are merged (each area adds
 * its keys to the shared `errors` and `messages` namespaces that client forms receive).
 */
export const areas = [
  "core",
  "groups",
  "cohesion",
  "prices",
  "audit",
  "inclusion",
  "advocacy",
  "pagination",
  "exports",
  "invitations",
  "people",
  "records",
  "search",
  "api",
  "plans",
  "imports",
  "stock",
  "till",
] as const;

type Catalogue = Record<string, Record<string, unknown>>;
/** The merged catalogue of each locale, built once per process (the files are part of the build). */
const merged = new Map<Locale, Promise<Catalogue>>();

export function loadMessages(locale: Locale): Promise<Catalogue> {
  let m = merged.get(locale);
  if (!m) {
    m = mergeCatalogue(locale);
    merged.set(locale, m);
  }
  return m;
}

async function mergeCatalogue(locale: Locale): Promise<Catalogue> {
  const parts = await Promise.all(areas.map((a) => import(`./messages/${locale}/${a}.json`) as Promise<{ default: Catalogue }>));
  const out: Catalogue = {};
  for (const part of parts) {
    for (const [ns, value] of Object.entries(part.default)) {
      out[ns] = { ...out[ns], ...value };
    }
  }
  return out;
}
