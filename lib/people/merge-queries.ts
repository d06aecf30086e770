import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { aidTypes, groupMemberships, people, quarterLocks, technicalAids } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { today } from "@/lib/dates";
import { quartersBetween } from "@/lib/quarters/quarter";
import { planAidMerge } from "./merge-plan";
import { findNearDuplicatePeople } from "./search";

type Org = Pick<TenantOrg, "id" | "type">;

/** The person's likely duplicates among the NGO's people still in use (not themselves). */
export async function listLikelyDuplicates(db: Queryable, org: Org, p: { id: string; name: string; birthYear: number }, settlementId?: string | null) {
  if (org.type !== "ngo") return [];
  const found = await findNearDuplicatePeople(db, org.id, { name: p.name, birthYear: p.birthYear, settlementId: settlementId ?? undefined });
  return found.filter((d) => d.id !== p.id);
}

/** Who a merged person was merged into, and who was merged into this person: ids and names, the NGO's own. */
export async function listMergeLinks(db: Queryable, org: Org, p: { id: string; mergedIntoId: string | null }) {
  if (org.type !== "ngo") return { mergedInto: null, mergedHere: [] };
  const [mergedInto] = p.mergedIntoId
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(and(eq(people.id, p.mergedIntoId), eq(people.ngoOrgId, org.id)))
    : [];
  const mergedHere = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.mergedIntoId, p.id), eq(people.ngoOrgId, org.id)))
    .orderBy(asc(people.name));
  return { mergedInto: mergedInto ?? null, mergedHere };
}

/** Some people's technical aids (the NGO's own), oldest first, with their kind named in the reader's language. */
export async function listAidsOf(db: Queryable, orgId: string, personIds: string[], locale = "fr") {
  if (personIds.length === 0) return [];
  const name = locale === "ar" ? aidTypes.nameAr : locale === "en" ? aidTypes.nameEn : aidTypes.nameFr;
  return db
    .select({
      id: technicalAids.id,
      personId: technicalAids.personId,
      aidType: technicalAids.aidType,
      kind: name,
      details: technicalAids.details,
      receivedOn: technicalAids.receivedOn,
    })
    .from(technicalAids)
    .innerJoin(aidTypes, eq(aidTypes.code, technicalAids.aidType))
    .where(and(inArray(technicalAids.personId, personIds), eq(technicalAids.ngoOrgId, orgId)))
    .orderBy(asc(technicalAids.receivedOn), asc(technicalAids.id));
}

/** The NGO's locked quarters ("2026-Q3"), in order. */
export async function listLockedQuarters(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ quarter: quarterLocks.quarter })
    .from(quarterLocks)
    .where(and(eq(quarterLocks.ngoOrgId, orgId), isNull(quarterLocks.unlockedAt)))
    .orderBy(asc(quarterLocks.quarter));
  return rows.map((r) => r.quarter);
}

/** The quarters in which some memberships count a person (joined to left, or today), as the database's guards read them (migration 0033). */
export function membershipQuarters(ms: { joinedOn: string; leftOn: string | null }[]): string[] {
  return [...new Set(ms.flatMap((m) => quartersBetween(m.joinedOn, m.leftOn ?? today())))].sort();
}

/** Some people's memberships (the quarters they count in), read through the groups the reader sees. */
export async function listMembershipPeriods(db: Queryable, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({ personId: groupMemberships.personId, joinedOn: groupMemberships.joinedOn, leftOn: groupMemberships.leftOn })
    .from(groupMemberships)
    .where(inArray(groupMemberships.personId, personIds));
}

/**
 * What a merge of `duplicateId` into `keptId` would meet, read before it (the page's preview) and
 * inside it (the service, with both people locked): their aids and what becomes of them
 * (lib/people/merge-plan.ts, planAidMerge), the quarters either record is counted in, the first
 * locked quarter that refuses the merge (`moveLocked`: one the duplicate's memberships span, or
 * whose figures a move or removal of its aids would change), and the first locked quarter in which
 * either record is counted, which refuses taking a counted detail from the duplicate
 * (`detailsLocked`).
 */
export async function loadMergeFacts(db: Queryable, orgId: string, keptId: string, duplicateId: string, locale = "fr") {
  const [aids, periods, locked] = [
    await listAidsOf(db, orgId, [keptId, duplicateId], locale),
    await listMembershipPeriods(db, [keptId, duplicateId]),
    await listLockedQuarters(db, orgId),
  ];
  const counted = membershipQuarters(periods);
  const aidPlan = planAidMerge(
    aids.filter((a) => a.personId === keptId),
    aids.filter((a) => a.personId === duplicateId),
    locked,
    counted,
  );
  const spanned = new Set(membershipQuarters(periods.filter((m) => m.personId === duplicateId)));
  const byMembership = locked.find((q) => spanned.has(q)) ?? null;
  const byAid = aidPlan.locked;
  return {
    aids,
    aidPlan,
    counted,
    moveLocked: byMembership && byAid ? (byMembership < byAid ? byMembership : byAid) : (byMembership ?? byAid),
    detailsLocked: locked.find((q) => counted.includes(q)) ?? null,
  };
}
