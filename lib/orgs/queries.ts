import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/db/app-role";
import { consortiumMembers, orgCommunes, organisations, places } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";

/** The commune places an organisation covers: its own territory, or its communes of operation. */
async function communePlaceIds(db: Queryable, org: TenantOrg): Promise<string[]> {
  if (org.type === "commune") {
    const [o] = await db.select({ placeId: organisations.territoryPlaceId }).from(organisations).where(eq(organisations.id, org.id));
    return o?.placeId ? [o.placeId] : [];
  }
  const commune = alias(organisations, "commune");
  const orgIds =
    org.type === "consortium"
      ? (await db.select({ id: consortiumMembers.memberOrgId }).from(consortiumMembers).where(eq(consortiumMembers.consortiumId, org.id))).map((r) => r.id)
      : [org.id];
  if (orgIds.length === 0) return [];
  const direct = await db
    .selectDistinct({ placeId: commune.territoryPlaceId })
    .from(orgCommunes)
    .innerJoin(commune, eq(commune.id, orgCommunes.communeOrgId))
    .where(inArray(orgCommunes.orgId, orgIds));
  const own = await db
    .select({ placeId: organisations.territoryPlaceId })
    .from(organisations)
    .where(and(inArray(organisations.id, orgIds), sql`${organisations.territoryPlaceId} is not null`));
  return [...new Set([...direct, ...own].map((r) => r.placeId).filter((x): x is string => !!x))];
}

export interface CommuneSummary {
  id: string;
  name: string;
  pcode: string | null;
  path: string[];
  settlements: { id: string; name: string; level: "village" | "campement"; community: "host" | "refugee"; pcode: string | null }[];
}

/** The organisation's places: each commune with its parents and settlements. */
export async function listOrgPlaces(db: Queryable, org: TenantOrg): Promise<CommuneSummary[]> {
  const ids = await communePlaceIds(db, org);
  if (ids.length === 0) return [];
  const moughataa = alias(places, "moughataa");
  const wilaya = alias(places, "wilaya");
  const communes = await db
    .select({ id: places.id, name: places.name, pcode: places.pcode, moughataa: moughataa.name, wilaya: wilaya.name })
    .from(places)
    .leftJoin(moughataa, eq(moughataa.id, places.parentId))
    .leftJoin(wilaya, eq(wilaya.id, moughataa.parentId))
    .where(inArray(places.id, ids))
    .orderBy(asc(places.name));
  const settlements = await db
    .select({
      id: places.id,
      name: places.name,
      level: places.level,
      community: places.community,
      pcode: places.pcode,
      parentId: places.parentId,
    })
    .from(places)
    .where(inArray(places.parentId, ids))
    .orderBy(asc(places.level), asc(places.name));
  return communes.map((c) => ({
    id: c.id,
    name: c.name,
    pcode: c.pcode,
    path: [c.wilaya, c.moughataa].filter((x): x is string => !!x),
    settlements: settlements
      .filter((s) => s.parentId === c.id)
      .map((s) => ({
        id: s.id,
        name: s.name,
        level: s.level as "village" | "campement",
        community: s.community ?? "host",
        pcode: s.pcode,
      })),
  }));
}

/** Organisations linked to this one: a consortium's members, or an NGO's / network's communes. */
export async function listLinkedOrgs(db: Queryable, org: TenantOrg) {
  if (org.type === "consortium") {
    return db
      .select({ slug: organisations.slug, name: organisations.name, type: organisations.type })
      .from(consortiumMembers)
      .innerJoin(organisations, eq(organisations.id, consortiumMembers.memberOrgId))
      .where(eq(consortiumMembers.consortiumId, org.id))
      .orderBy(asc(organisations.type), asc(organisations.name));
  }
  if (org.type === "commune") return [];
  return db
    .select({ slug: organisations.slug, name: organisations.name, type: organisations.type })
    .from(orgCommunes)
    .innerJoin(organisations, eq(organisations.id, orgCommunes.communeOrgId))
    .where(eq(orgCommunes.orgId, org.id))
    .orderBy(asc(organisations.name));
}

/**
 * How many portal accounts an organisation has. Through app_org_account_count (0011): a
 * consortium counts its members' accounts without reading their memberships; null when the
 * current context may not read that organisation.
 */
export async function countMembers(db: Queryable, orgId: string): Promise<number | null> {
  const [r] = rowsOf<{ n: number | null }>(await db.execute(sql`select app_org_account_count(${orgId}::uuid) as n`));
  return r?.n ?? null;
}
