import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { consortiumMembers, orgCommunes, organisations } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";

export interface VisibleCommune {
  id: string;
  slug: string;
  name: string;
  territoryPlaceId: string | null;
}

/**
 * The communes whose data an organisation may read: a commune its own; an NGO or a network
 * the communes it works in; a consortium the communes among its members.
 */
export async function listVisibleCommunes(db: Queryable, org: Pick<TenantOrg, "id" | "type">): Promise<VisibleCommune[]> {
  const cols = {
    id: organisations.id,
    slug: organisations.slug,
    name: organisations.name,
    territoryPlaceId: organisations.territoryPlaceId,
  };
  if (org.type === "commune") {
    return db.select(cols).from(organisations).where(eq(organisations.id, org.id));
  }
  if (org.type === "consortium") {
    return db
      .select(cols)
      .from(consortiumMembers)
      .innerJoin(organisations, eq(organisations.id, consortiumMembers.memberOrgId))
      .where(and(eq(consortiumMembers.consortiumId, org.id), eq(organisations.type, "commune")))
      .orderBy(asc(organisations.name));
  }
  return db
    .select(cols)
    .from(orgCommunes)
    .innerJoin(organisations, eq(organisations.id, orgCommunes.communeOrgId))
    .where(and(eq(orgCommunes.orgId, org.id), eq(organisations.type, "commune")))
    .orderBy(asc(organisations.name));
}

/** One commune by slug, if the organisation may read it; otherwise null (answer "not found"). */
export async function findVisibleCommune(db: Queryable, org: Pick<TenantOrg, "id" | "type">, communeSlug: string) {
  const all = await listVisibleCommunes(db, org);
  return all.find((c) => c.slug === communeSlug) ?? null;
}

/** Member organisations of a consortium (for roll-ups). */
export async function listConsortiumMemberIds(db: Queryable, consortiumId: string): Promise<string[]> {
  const rows = await db.select({ id: consortiumMembers.memberOrgId }).from(consortiumMembers).where(eq(consortiumMembers.consortiumId, consortiumId));
  return rows.map((r) => r.id);
}
