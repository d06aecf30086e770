import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { groups, organisations, places } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { listConsortiumMemberIds } from "@/lib/orgs/scope";

/**
 * Which groups an organisation reads: an NGO the groups it supports; a commune those of its
 * territory's villages; a network its affiliated groups; a consortium its members' groups
 * (supported by a member NGO, affiliated to a member network, or in a member commune).
 * Returned as a condition on `groups`, applied first in every query.
 * (The group-business branch owns the groups pages; after merge both should share one scope.)
 */
export async function visibleGroupsCondition(db: Queryable, org: TenantOrg): Promise<SQL> {
  const none = sql`false`;
  const inTerritory = (communeOrgIds: SQL | string[]) =>
    inArray(
      groups.villageId,
      db
        .select({ id: places.id })
        .from(places)
        .innerJoin(organisations, eq(organisations.territoryPlaceId, places.parentId))
        .where(Array.isArray(communeOrgIds) ? inArray(organisations.id, communeOrgIds) : communeOrgIds),
    );
  switch (org.type) {
    case "ngo":
      return eq(groups.ngoOrgId, org.id);
    case "cooperative_network":
      return eq(groups.networkOrgId, org.id);
    case "commune":
      return inTerritory([org.id]);
    case "consortium": {
      const members = await listConsortiumMemberIds(db, org.id);
      if (members.length === 0) return none;
      return or(inArray(groups.ngoOrgId, members), inArray(groups.networkOrgId, members), inTerritory(and(inArray(organisations.id, members), eq(organisations.type, "commune"))!)) ?? none;
    }
    default:
      return none;
  }
}
