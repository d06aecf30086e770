import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { consortiumMembers, organisations } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";

const cols = { id: organisations.id, slug: organisations.slug, name: organisations.name, type: organisations.type };

/** A consortium's member organisations (the only ones it may drill into). */
export async function listMemberOrgs(db: Queryable, consortiumId: string): Promise<TenantOrg[]> {
  return db
    .select(cols)
    .from(consortiumMembers)
    .innerJoin(organisations, eq(organisations.id, consortiumMembers.memberOrgId))
    .where(eq(consortiumMembers.consortiumId, consortiumId))
    .orderBy(asc(organisations.type), asc(organisations.name));
}

/** One member by slug, or null (answer "not found"): membership is part of the query. */
export async function findMemberOrg(db: Queryable, consortiumId: string, memberSlug: string): Promise<TenantOrg | null> {
  const [row] = await db
    .select(cols)
    .from(consortiumMembers)
    .innerJoin(organisations, eq(organisations.id, consortiumMembers.memberOrgId))
    .where(and(eq(consortiumMembers.consortiumId, consortiumId), eq(organisations.slug, memberSlug)));
  return row ?? null;
}

/**
 * Whose dashboard an export or page reads: the tenant itself, or (`memberSlug`, consortium only)
 * one of its members, as the drill-down shows it. Null answers "not found".
 */
export async function scopeOrgOf(db: Queryable, org: TenantOrg, memberSlug: string | null): Promise<TenantOrg | null> {
  if (!memberSlug) return org;
  if (org.type !== "consortium") return null;
  return findMemberOrg(db, org.id, memberSlug);
}
