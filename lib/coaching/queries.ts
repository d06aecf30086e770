import "server-only";
import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { coachingFollowUps, coachingVisits, groupEvaluations, groups, places } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { groupScopeSql } from "@/lib/groups/scope";
import { DEFAULT_PAGE_SIZE, keyset, type PageRequest } from "@/lib/pagination";

export async function listVisibleGroups(db: Queryable, org: TenantOrg) {
  const scope = groupScopeSql(org);
  return db
    .select({ id: groups.id, name: groups.name, ngoOrgId: groups.ngoOrgId, village: places.name })
    .from(groups)
    .innerJoin(places, eq(places.id, groups.villageId))
    .where(scope)
    .orderBy(asc(groups.name));
}

const visitKeyset = keyset(
  [
    { column: coachingVisits.visitedOn, type: "date" },
    { column: coachingVisits.createdAt, type: "timestamptz" },
    { column: coachingVisits.id, type: "uuid" },
  ],
  "desc",
);

/** One page of the visits to visible groups, latest first, with their follow-ups. */
export async function listVisits(db: Queryable, org: TenantOrg, page: PageRequest = { size: DEFAULT_PAGE_SIZE }) {
  const scope = groupScopeSql(org);
  const plan = visitKeyset.plan(page);
  const fetched = await db
    .select({
      id: coachingVisits.id,
      ngoOrgId: coachingVisits.ngoOrgId,
      visitedOn: coachingVisits.visitedOn,
      group: groups.name,
      coachName: coachingVisits.coachName,
      topics: coachingVisits.topics,
      findings: coachingVisits.findings,
      voidedAt: coachingVisits.voidedAt,
      voidReason: coachingVisits.voidReason,
      cursorKey: visitKeyset.keySql,
    })
    .from(coachingVisits)
    .innerJoin(groups, eq(groups.id, coachingVisits.groupId))
    .where(and(scope, eq(coachingVisits.ngoOrgId, groups.ngoOrgId), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const { rows: visits, next, previous } = plan.finish(fetched);
  const followUps = visits.length
    ? await db
        .select()
        .from(coachingFollowUps)
        .where(
          inArray(
            coachingFollowUps.visitId,
            visits.map((v) => v.id),
          ),
        )
        .orderBy(asc(coachingFollowUps.dueOn))
    : [];
  return { next, previous, rows: visits.map((v) => ({ ...v, followUps: followUps.filter((f) => f.visitId === v.id) })) };
}

/** Follow-ups not done whose due date has passed, oldest first; voided visits excluded. */
export async function listOverdueFollowUps(db: Queryable, org: TenantOrg, today: string) {
  const scope = groupScopeSql(org);
  return db
    .select({
      id: coachingFollowUps.id,
      ngoOrgId: coachingFollowUps.ngoOrgId,
      action: coachingFollowUps.action,
      dueOn: coachingFollowUps.dueOn,
      visitedOn: coachingVisits.visitedOn,
      group: groups.name,
      daysLate: sql<number>`(${today}::date - ${coachingFollowUps.dueOn})::int`,
    })
    .from(coachingFollowUps)
    .innerJoin(coachingVisits, eq(coachingVisits.id, coachingFollowUps.visitId))
    .innerJoin(groups, eq(groups.id, coachingVisits.groupId))
    .where(and(scope, isNull(coachingFollowUps.doneOn), isNull(coachingVisits.voidedAt), lt(coachingFollowUps.dueOn, today)))
    .orderBy(asc(coachingFollowUps.dueOn));
}

/** Every visible group with its evaluation of the quarter (if any). */
export async function listEvaluations(db: Queryable, org: TenantOrg, quarter: string) {
  const scope = groupScopeSql(org);
  return db
    .select({
      groupId: groups.id,
      ngoOrgId: groups.ngoOrgId,
      group: groups.name,
      village: places.name,
      evaluationId: groupEvaluations.id,
      evaluatedOn: groupEvaluations.evaluatedOn,
      rulesRespected: groupEvaluations.rulesRespected,
      booksKept: groupEvaluations.booksKept,
      stockChecked: groupEvaluations.stockChecked,
      score: groupEvaluations.score,
      comments: groupEvaluations.comments,
    })
    .from(groups)
    .innerJoin(places, eq(places.id, groups.villageId))
    .leftJoin(
      groupEvaluations,
      and(
        eq(groupEvaluations.groupId, groups.id),
        eq(groupEvaluations.ngoOrgId, groups.ngoOrgId),
        eq(groupEvaluations.quarter, quarter),
        isNull(groupEvaluations.voidedAt),
      ),
    )
    .where(scope)
    .orderBy(asc(groups.name));
}
