import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { coachingFollowUps, coachingVisits, groupEvaluations, groups } from "@/db/schema";
import { today } from "@/lib/dates";
import { AlreadyRecorded, AppError, fieldError } from "@/lib/errors";
import { assertQuarterOpen } from "@/lib/quarters/locks";
import { quarterBounds } from "@/lib/quarters/quarter";
import { updateVersioned } from "@/lib/versioned";
import { followUpsOf, type CoachingVisitInput, type EvaluationInput } from "./schema";

/**
 * The group, if this NGO supports it (the only writer of its coaching records). Another
 * tenant's group answers exactly like one that does not exist ("not found", SECURITY.md).
 */
async function requireOwnGroup(tx: Tx, ngoOrgId: string, groupId: string) {
  const [g] = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.ngoOrgId, ngoOrgId), eq(groups.id, groupId)));
  if (!g) throw new AppError("not_found");
  return g;
}

export async function recordVisit(tx: Tx, ngoOrgId: string, coach: { id: string; name: string }, input: CoachingVisitInput) {
  await requireOwnGroup(tx, ngoOrgId, input.groupId);
  // Before the rules: a retry of a visit already recorded is answered as such, even if a rule changed.
  if (input.clientKey) {
    const [prior] = await tx
      .select({ id: coachingVisits.id })
      .from(coachingVisits)
      .where(and(eq(coachingVisits.ngoOrgId, ngoOrgId), eq(coachingVisits.clientKey, input.clientKey)));
    if (prior) throw new AlreadyRecorded(prior.id);
  }
  if (input.visitedOn > today()) throw fieldError("visitedOn", "dateInFuture");
  await assertQuarterOpen(tx, ngoOrgId, input.visitedOn);
  const [visit] = await tx
    .insert(coachingVisits)
    .values({
      ngoOrgId,
      groupId: input.groupId,
      visitedOn: input.visitedOn,
      coachUserId: coach.id,
      coachName: coach.name,
      topics: input.topics,
      findings: input.findings,
      clientKey: input.clientKey ?? null,
    })
    .returning();
  const followUps = followUpsOf(input);
  if (followUps.length > 0) {
    await tx.insert(coachingFollowUps).values(followUps.map((f) => ({ ngoOrgId, visitId: visit.id, action: f.action, dueOn: f.dueOn })));
  }
  return { visit, followUps };
}

export async function voidVisit(tx: Tx, ngoOrgId: string, visitId: string, reason: string) {
  const [visit] = await tx
    .select()
    .from(coachingVisits)
    .where(and(eq(coachingVisits.ngoOrgId, ngoOrgId), eq(coachingVisits.id, visitId)))
    .for("update");
  if (!visit) throw new AppError("not_found");
  if (visit.voidedAt) throw new AppError("conflict", "alreadyVoided");
  await assertQuarterOpen(tx, ngoOrgId, visit.visitedOn);
  await updateVersioned(
    tx,
    coachingVisits,
    { id: visitId, scope: eq(coachingVisits.ngoOrgId, ngoOrgId), expectedVersion: visit.version },
    { voidedAt: new Date(), voidReason: reason },
  );
  return visit;
}

/** Marks a follow-up done; it is dated on its completion day, which must be in an open quarter. */
export async function completeFollowUp(tx: Tx, ngoOrgId: string, followUpId: string, doneOn: string) {
  const [f] = await tx
    .select({ id: coachingFollowUps.id, doneOn: coachingFollowUps.doneOn, visitedOn: coachingVisits.visitedOn, voidedAt: coachingVisits.voidedAt })
    .from(coachingFollowUps)
    .innerJoin(coachingVisits, eq(coachingVisits.id, coachingFollowUps.visitId))
    .where(and(eq(coachingFollowUps.ngoOrgId, ngoOrgId), eq(coachingFollowUps.id, followUpId)));
  if (!f || f.voidedAt) throw new AppError("not_found");
  if (f.doneOn) throw new AppError("conflict", "alreadyDone");
  if (doneOn > today() || doneOn < f.visitedOn) throw fieldError("doneOn", "dateInvalid");
  await assertQuarterOpen(tx, ngoOrgId, doneOn);
  await tx
    .update(coachingFollowUps)
    .set({ doneOn })
    .where(and(eq(coachingFollowUps.ngoOrgId, ngoOrgId), eq(coachingFollowUps.id, followUpId)));
  return f;
}

/**
 * Records the quarter's evaluation of a group, replacing this quarter's previous one (kept,
 * voided). The evaluation is dated in the quarter it evaluates: a locked quarter refuses it.
 */
export async function recordEvaluation(tx: Tx, ngoOrgId: string, evaluatorId: string, input: EvaluationInput) {
  await requireOwnGroup(tx, ngoOrgId, input.groupId);
  const { start } = quarterBounds(input.quarter);
  if (input.evaluatedOn < start || input.evaluatedOn > today()) throw fieldError("evaluatedOn", "evaluationDateInvalid");
  await assertQuarterOpen(tx, ngoOrgId, input.quarter);
  const [previous] = await tx
    .select()
    .from(groupEvaluations)
    .where(
      and(
        eq(groupEvaluations.ngoOrgId, ngoOrgId),
        eq(groupEvaluations.groupId, input.groupId),
        eq(groupEvaluations.quarter, input.quarter),
        isNull(groupEvaluations.voidedAt),
      ),
    )
    .for("update");
  if (previous) {
    await updateVersioned(
      tx,
      groupEvaluations,
      { id: previous.id, scope: eq(groupEvaluations.ngoOrgId, ngoOrgId), expectedVersion: previous.version },
      { voidedAt: new Date(), voidReason: "replaced" },
    );
  }
  const [row] = await tx
    .insert(groupEvaluations)
    .values({ ngoOrgId, evaluatorUserId: evaluatorId, ...input })
    .returning();
  return { row, previous: previous ?? null };
}

export async function voidEvaluation(tx: Tx, ngoOrgId: string, evaluationId: string, reason: string) {
  const [e] = await tx
    .select()
    .from(groupEvaluations)
    .where(and(eq(groupEvaluations.ngoOrgId, ngoOrgId), eq(groupEvaluations.id, evaluationId)))
    .for("update");
  if (!e) throw new AppError("not_found");
  if (e.voidedAt) throw new AppError("conflict", "alreadyVoided");
  await assertQuarterOpen(tx, ngoOrgId, e.quarter);
  await updateVersioned(
    tx,
    groupEvaluations,
    { id: evaluationId, scope: eq(groupEvaluations.ngoOrgId, ngoOrgId), expectedVersion: e.version },
    { voidedAt: new Date(), voidReason: reason },
  );
  return e;
}
