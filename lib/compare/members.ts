import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { consortiumMembers, organisations } from "@/db/schema";
import { SLUG_PATTERN, type TenantOrg } from "@/lib/auth/tenant-core";
import { rowsOf } from "@/lib/groups/scope";

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
  // A slug from the URL is checked like a form field: NUL or anything else no slug holds is none.
  if (typeof memberSlug !== "string" || !SLUG_PATTERN.test(memberSlug)) return null;
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

/**
 * Portal accounts of each member (countMembers for all of them, in one statement): the count,
 * or null for an organisation the reader's context may not read.
 */
export async function countAccountsOfOrgs(db: Queryable, orgs: readonly Pick<TenantOrg, "id">[]): Promise<Map<string, number | null>> {
  if (orgs.length === 0) return new Map();
  const ids = sql`array[${sql.join(
    orgs.map((o) => sql`${o.id}`),
    sql`, `,
  )}]::uuid[]`;
  const rows = rowsOf<{ id: string; n: number | null }>(
    await db.execute(sql`select x.id::text as id, app_org_account_count(x.id) as n from unnest(${ids}) as x(id)`),
  );
  return new Map(rows.map((r) => [r.id, r.n == null ? null : Number(r.n)]));
}
