import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { places } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { listVisibleCommunes } from "@/lib/orgs/scope";

export interface VisibleVillage {
  id: string;
  name: string;
  community: "host" | "refugee";
  communeName: string;
}

/**
 * The villages and campements whose cohesion surveys an organisation reads: those of the
 * communes in its scope (a commune its territory, an NGO or network its communes of operation,
 * a consortium its member communes).
 */
export async function listVisibleVillages(db: Queryable, org: TenantOrg): Promise<VisibleVillage[]> {
  const communes = await listVisibleCommunes(db, org);
  const territoryIds = communes.map((c) => c.territoryPlaceId).filter((x): x is string => !!x);
  if (territoryIds.length === 0) return [];
  const commune = alias(places, "commune");
  const rows = await db
    .select({ id: places.id, name: places.name, community: places.community, communeName: commune.name })
    .from(places)
    .innerJoin(commune, eq(commune.id, places.parentId))
    .where(and(inArray(places.parentId, territoryIds), inArray(places.level, ["village", "campement"])))
    .orderBy(asc(commune.name), asc(places.level), asc(places.name));
  return rows.map((r) => ({ ...r, community: r.community ?? "host" }));
}
