import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { groupMemberships, groups, people, quarterLocks, technicalAids } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { AppError } from "@/lib/errors";
import { today } from "@/lib/dates";
import { quarterOf, quartersBetween } from "@/lib/quarters/quarter";
import { updateVersioned } from "@/lib/versioned";
import { planMembershipMerge } from "./merge-plan";
import type { MergePeopleInput } from "./merge-schema";

type Org = Pick<TenantOrg, "id" | "type">;

/** The memberships of some people, with their group's name (for the audit record). */
async function membershipsOf(tx: Queryable, personIds: string[]) {
  return tx
    .select({
      id: groupMemberships.id,
      personId: groupMemberships.personId,
      groupId: groupMemberships.groupId,
      groupName: groups.name,
      joinedOn: groupMemberships.joinedOn,
      leftOn: groupMemberships.leftOn,
    })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(inArray(groupMemberships.personId, personIds))
    .orderBy(asc(groupMemberships.joinedOn), asc(groupMemberships.id));
}

/**
 * Merges a duplicate into the person kept (issue 14.4), in the caller's transaction: the
 * duplicate's memberships (lib/people/merge-plan.ts for the periods both were members of one group)
 * and technical aids move to the person kept, people merged into the duplicate before are merged
 * into the person kept instead (no chains), and the duplicate is archived with `merged_into_id`.
 * Both versions go up. The kept person's details stay as they are. Nothing is deleted.
 *
 * Locked quarters: moving a membership changes the figures of every quarter it spans (the person
 * counted there becomes the kept one, and one person fewer where both were members), and moving an
 * aid those of the quarter it was received in. The merge is refused while any of them is locked,
 * as an edit of a person's counted details is (migration 0033); an admin may unlock the quarter
 * with a reason, then merge. The database holds the same rule (migration 0055); this check comes
 * first only to name the quarter and the person in the message.
 */
export async function mergePeople(tx: Queryable, org: Org, input: MergePeopleInput) {
  if (org.type !== "ngo" || input.keptId === input.duplicateId) throw new AppError("not_found");
  const rows = await tx
    .select()
    .from(people)
    .where(and(inArray(people.id, [input.keptId, input.duplicateId]), eq(people.ngoOrgId, org.id)))
    .orderBy(asc(people.id))
    .for("update");
  const kept = rows.find((p) => p.id === input.keptId);
  const duplicate = rows.find((p) => p.id === input.duplicateId);
  if (!kept || !duplicate) throw new AppError("not_found");
  if (duplicate.mergedIntoId) throw new AppError("validation", "personAlreadyMerged", { duplicateId: "personAlreadyMerged" });
  if (kept.mergedIntoId) throw new AppError("validation", "mergeIntoMerged", { keptId: "mergeIntoMerged" });
  if (kept.archivedAt) throw new AppError("validation", "mergeKeptArchived", { keptId: "mergeKeptArchived" });

  const scope = eq(people.ngoOrgId, org.id);
  await updateVersioned(tx, people, { id: kept.id, scope, expectedVersion: input.keptVersion }, {});
  // Archived now (an archived duplicate keeps its date); merged_into_id once nothing points to it.
  await updateVersioned(tx, people, { id: duplicate.id, scope, expectedVersion: input.duplicateVersion }, {
    archivedAt: duplicate.archivedAt ?? sql`now()`,
  } as never);

  const memberships = await membershipsOf(tx, [kept.id, duplicate.id]);
  const aids = await tx
    .select({ id: technicalAids.id, aidType: technicalAids.aidType, receivedOn: technicalAids.receivedOn })
    .from(technicalAids)
    .where(and(eq(technicalAids.personId, duplicate.id), eq(technicalAids.ngoOrgId, org.id)));
  const fromDuplicate = memberships.filter((m) => m.personId === duplicate.id);
  const quarters = [
    ...new Set([...fromDuplicate.flatMap((m) => quartersBetween(m.joinedOn, m.leftOn ?? today())), ...aids.map((a) => quarterOf(a.receivedOn))]),
  ];
  if (quarters.length > 0) {
    const [locked] = await tx
      .select({ quarter: quarterLocks.quarter })
      .from(quarterLocks)
      .where(and(eq(quarterLocks.ngoOrgId, org.id), isNull(quarterLocks.unlockedAt), inArray(quarterLocks.quarter, quarters)))
      .orderBy(asc(quarterLocks.quarter))
      .limit(1);
    if (locked) throw new AppError("conflict", "mergeQuarterLocked", undefined, { quarter: locked.quarter, name: duplicate.name });
  }

  const plan = planMembershipMerge(
    memberships.filter((m) => m.personId === kept.id),
    fromDuplicate,
  );
  for (const m of plan.moved) {
    await tx
      .update(groupMemberships)
      .set({ personId: kept.id, joinedOn: m.joinedOn, leftOn: m.leftOn })
      .where(and(eq(groupMemberships.id, m.id), eq(groupMemberships.personId, duplicate.id)));
  }
  const added =
    plan.added.length === 0
      ? []
      : await tx
          .insert(groupMemberships)
          .values(plan.added.map((a) => ({ groupId: a.groupId, personId: kept.id, joinedOn: a.joinedOn, leftOn: a.leftOn })))
          .returning({ id: groupMemberships.id, groupId: groupMemberships.groupId, joinedOn: groupMemberships.joinedOn, leftOn: groupMemberships.leftOn });
  if (aids.length > 0) {
    await tx
      .update(technicalAids)
      .set({ personId: kept.id })
      .where(and(eq(technicalAids.personId, duplicate.id), eq(technicalAids.ngoOrgId, org.id)));
  }
  const repointed = await tx
    .update(people)
    .set({ mergedIntoId: kept.id })
    .where(and(eq(people.mergedIntoId, duplicate.id), scope))
    .returning({ id: people.id });
  await tx
    .update(people)
    .set({ mergedIntoId: kept.id })
    .where(and(eq(people.id, duplicate.id), scope));

  const groupName = new Map(memberships.map((m) => [m.groupId, m.groupName]));
  return {
    keptId: kept.id,
    audit: {
      before: {
        kept: { id: kept.id, name: kept.name },
        duplicate: { id: duplicate.id, name: duplicate.name, archived: duplicate.archivedAt !== null },
      },
      after: {
        kept: { id: kept.id, name: kept.name },
        duplicate: { id: duplicate.id, name: duplicate.name, archived: true, mergedIntoId: kept.id },
        memberships: plan.moved.map((m) => ({
          id: m.id,
          group: groupName.get(m.groupId),
          before: m.before,
          after: { joinedOn: m.joinedOn, leftOn: m.leftOn },
        })),
        addedMemberships: added.map((a) => ({ id: a.id, group: groupName.get(a.groupId), joinedOn: a.joinedOn, leftOn: a.leftOn })),
        aids: aids.map((a) => ({ id: a.id, aidType: a.aidType, receivedOn: a.receivedOn })),
        alsoMergedInto: repointed.map((r) => r.id),
      },
    },
  };
}
