import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { groupMemberships, groups, households, people, places, technicalAids } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { AppError } from "@/lib/errors";
import { changes } from "@/lib/records/history";
import { updateVersioned } from "@/lib/versioned";
import { editPersonSchema } from "./edit-schema";
import { choiceField, chooseDetails, detailsOf, isCountedDetail, mergeDetailFields, type MergeDetailField, type PersonDetails } from "./merge-details";
import { planMembershipMerge } from "./merge-plan";
import { loadMergeFacts } from "./merge-queries";
import type { MergePeopleInput } from "./merge-schema";

type Org = Pick<TenantOrg, "id" | "type">;
type Person = typeof people.$inferSelect;

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

/** The NGO's own households among these, with their village (what the history names). */
async function householdsOf(tx: Queryable, orgId: string, ids: (string | null)[]) {
  const wanted = ids.filter((x): x is string => x !== null);
  if (wanted.length === 0) return new Map<string, { settlement: string | null; householdStatus: string; size: number }>();
  const rows = await tx
    .select({ id: households.id, settlement: places.name, householdStatus: households.status, size: households.size })
    .from(households)
    .leftJoin(places, eq(places.id, households.settlementId))
    .where(and(inArray(households.id, wanted), eq(households.ngoOrgId, orgId)));
  return new Map(rows.map(({ id, ...h }) => [id, h]));
}

/**
 * The details the writer chose, checked as a person edit checks them (its zod schema: a name of 2
 * to 120 letters, a plausible year of birth...): a refusal names the detail's choice on the form.
 */
function checkAsEdit(kept: Person, version: number, values: PersonDetails): PersonDetails {
  const { householdId, ...edit } = values;
  const parsed = editPersonSchema.safeParse({ personId: kept.id, version, ...edit });
  if (parsed.success) {
    const { personId: _id, version: _v, ...checked } = parsed.data;
    return { ...checked, householdId };
  }
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const f = String(issue.path[0]);
    if ((mergeDetailFields as readonly string[]).includes(f)) fieldErrors[choiceField(f as MergeDetailField)] ??= issue.message;
  }
  throw new AppError("validation", "validation", fieldErrors);
}

/**
 * Merges a duplicate into the person kept (issue 14.4), in the caller's transaction: the
 * duplicate's memberships (lib/people/merge-plan.ts for the periods both were members of one group)
 * and technical aids move to the person kept, people merged into the duplicate before are merged
 * into the person kept instead (no chains), and the duplicate is archived with `merged_into_id`.
 * Both versions go up; a record saved since the form was shown is a conflict. Nothing is deleted
 * but one row of the same aid recorded on both records (merge-plan.ts, planAidMerge: the later
 * one, unless a locked quarter's figures depend on it), whose row the audit record keeps.
 *
 * The kept person's details (name, sex, year of birth, answers, household) become those the writer
 * chose detail by detail (lib/people/merge-details.ts), written as a person edit is: its schema,
 * and the database's refusal of a change of a counted detail while a quarter of the person's
 * memberships is locked (migration 0033), which also covers, since the details are written last,
 * the memberships moved from the duplicate.
 *
 * Locked quarters: moving a membership changes the figures of every quarter it spans (the person
 * counted there becomes the kept one, and one person fewer where both were members), and moving an
 * aid those of the quarter it was received in and of the later ones in which the person kept is
 * counted (merge-plan.ts). The merge is refused while any of them is locked,
 * as an edit of a person's counted details is (migration 0033); an admin may unlock the quarter
 * with a reason, then merge. The database holds the same rules (migrations 0033, 0055); the checks
 * here come first only to name the quarter, the person and the detail in the message.
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

  const chosen = chooseDetails(kept, duplicate, Object.fromEntries(mergeDetailFields.map((f) => [f, input[choiceField(f)]])));
  const { fromDuplicate } = chosen;
  const values = fromDuplicate.length > 0 ? checkAsEdit(kept, input.keptVersion, chosen.values) : chosen.values;
  const homes = await householdsOf(tx, org.id, [kept.householdId, values.householdId]);
  if (values.householdId !== null && !homes.has(values.householdId)) throw new AppError("validation", "invalid", { householdFrom: "invalid" });

  const scope = eq(people.ngoOrgId, org.id);
  await updateVersioned(tx, people, { id: kept.id, scope, expectedVersion: input.keptVersion }, {});
  // Archived now (an archived duplicate keeps its date); merged_into_id once nothing points to it.
  await updateVersioned(tx, people, { id: duplicate.id, scope, expectedVersion: input.duplicateVersion }, {
    archivedAt: duplicate.archivedAt ?? sql`now()`,
  } as never);

  const memberships = await membershipsOf(tx, [kept.id, duplicate.id]);
  const facts = await loadMergeFacts(tx, org.id, kept.id, duplicate.id);
  if (facts.moveLocked) throw new AppError("conflict", "mergeQuarterLocked", undefined, { quarter: facts.moveLocked, name: duplicate.name });
  const counted = fromDuplicate.filter(isCountedDetail);
  if (counted.length > 0 && facts.detailsLocked) {
    const fieldErrors = Object.fromEntries(counted.map((f) => [choiceField(f), "mergeDetailLockedChoice"]));
    throw new AppError("conflict", "mergeDetailLocked", fieldErrors, { quarter: facts.detailsLocked });
  }

  const plan = planMembershipMerge(
    memberships.filter((m) => m.personId === kept.id),
    memberships.filter((m) => m.personId === duplicate.id),
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

  // The same aid on both records made one (lib/people/merge-plan.ts). The locks are asked again
  // through the database's own check, which waits for a lock being taken meanwhile: no quarter
  // whose figures the rows moved or removed change may be locked by then.
  const { aidPlan } = facts;
  if (aidPlan.quarters.length > 0) await tx.execute(sql`select app_assert_quarters_open(${org.id}::uuid, ${`{${aidPlan.quarters.join(",")}}`}::text[])`);
  for (const { removed } of aidPlan.merged) {
    await tx.delete(technicalAids).where(and(eq(technicalAids.id, removed.id), eq(technicalAids.ngoOrgId, org.id)));
  }
  if (aidPlan.moved.length > 0) {
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

  // The chosen details, last: the database checks the locked quarters of all the kept person's memberships.
  if (fromDuplicate.length > 0) {
    await tx
      .update(people)
      .set(values)
      .where(and(eq(people.id, kept.id), scope));
  }

  const historyOf = (p: PersonDetails) => {
    const { householdId, ...details } = p;
    const h = householdId ? homes.get(householdId) : undefined;
    return { ...details, householdId, settlement: h?.settlement ?? null, householdStatus: h?.householdStatus ?? null, size: h?.size ?? null };
  };
  const diff = changes(historyOf(detailsOf(kept)), historyOf(values));
  const aidOf = (a: (typeof facts.aids)[number]) => ({ id: a.id, aidType: a.aidType, details: a.details, receivedOn: a.receivedOn });
  const groupName = new Map(memberships.map((m) => [m.groupId, m.groupName]));
  return {
    keptId: kept.id,
    audit: {
      before: {
        ...diff.before,
        kept: { id: kept.id, name: kept.name },
        duplicate: { id: duplicate.id, name: duplicate.name, archived: duplicate.archivedAt !== null },
      },
      after: {
        ...diff.after,
        kept: { id: kept.id, name: values.name },
        duplicate: { id: duplicate.id, name: duplicate.name, archived: true, mergedIntoId: kept.id },
        /** The details the person kept took from the duplicate (their values before and after: above). */
        fromDuplicate,
        memberships: plan.moved.map((m) => ({
          id: m.id,
          group: groupName.get(m.groupId),
          before: m.before,
          after: { joinedOn: m.joinedOn, leftOn: m.leftOn },
        })),
        addedMemberships: added.map((a) => ({ id: a.id, group: groupName.get(a.groupId), joinedOn: a.joinedOn, leftOn: a.leftOn })),
        aids: aidPlan.moved.map(aidOf),
        /** The same aid on both records: the row kept, and the row removed with all it held (and why the later date stayed). */
        aidsMerged: aidPlan.merged.map((m) => ({ kept: m.stays.id, removed: { ...aidOf(m.removed), from: m.removedFrom }, laterKeptFor: m.laterKept })),
        alsoMergedInto: repointed.map((r) => r.id),
      },
    },
  };
}
