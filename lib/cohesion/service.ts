import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cohesionAnswers, cohesionSurveys } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { today } from "@/lib/dates";
import { AppError, fieldError } from "@/lib/errors";
import { assertQuarterOpen } from "@/lib/quarters/locks";
import { quarterOf } from "@/lib/quarters/quarter";
import { updateVersioned } from "@/lib/versioned";
import { communities, perceptionIndicators } from "./indicators";
import { toSurveyData, type CohesionSurveyInput } from "./schema";
import { listVisibleVillages } from "./scope";

/**
 * Records the quarterly survey of a village, or replaces it if this organisation entered it
 * before. The village must be in the organisation's scope; a survey of the same village and
 * quarter entered by another organisation is refused. An NGO's locked quarter is refused.
 */
export async function recordSurvey(tx: Tx, org: TenantOrg, userId: string, input: CohesionSurveyInput) {
  const villages = await listVisibleVillages(tx, org);
  if (!villages.some((v) => v.id === input.villageId)) throw fieldError("villageId", "villageRequired");
  if (input.surveyedOn > today()) throw fieldError("surveyedOn", "dateInFuture");
  if (org.type === "ngo") await assertQuarterOpen(tx, org.id, input.surveyedOn);
  const quarter = quarterOf(input.surveyedOn);
  const values = {
    orgId: org.id,
    villageId: input.villageId,
    quarter,
    surveyedOn: input.surveyedOn,
    hostWomen: input.hostWomen,
    hostMen: input.hostMen,
    refugeeWomen: input.refugeeWomen,
    refugeeMen: input.refugeeMen,
    disputesReferred: input.disputesReferred,
    disputesResolved: input.disputesResolved,
    notes: input.notes || null,
    createdBy: userId,
  };
  const sameSurvey = and(eq(cohesionSurveys.villageId, input.villageId), eq(cohesionSurveys.quarter, quarter));
  // Read first without a lock: row-level security hides another author's survey from
  // SELECT … FOR UPDATE (only the author may update it), and that case must say so.
  const [other] = await tx.select({ orgId: cohesionSurveys.orgId }).from(cohesionSurveys).where(sameSurvey);
  if (other && other.orgId !== org.id) throw new AppError("conflict", "surveyEnteredByOther", undefined, { quarter });
  const [existing] = await tx.select().from(cohesionSurveys).where(sameSurvey).for("update");
  let surveyId: string;
  if (existing) {
    surveyId = existing.id;
    await updateVersioned(tx, cohesionSurveys, { id: existing.id, scope: eq(cohesionSurveys.orgId, org.id), expectedVersion: existing.version }, values);
    await tx.delete(cohesionAnswers).where(and(eq(cohesionAnswers.surveyId, existing.id), eq(cohesionAnswers.orgId, org.id)));
  } else {
    const [row] = await tx.insert(cohesionSurveys).values(values).returning({ id: cohesionSurveys.id });
    surveyId = row.id;
  }
  const { answers } = toSurveyData(input);
  await tx.insert(cohesionAnswers).values(
    perceptionIndicators.flatMap((ind) =>
      communities.map((com) => {
        const [level1, level2, level3, level4] = answers[ind][com];
        return { surveyId, orgId: org.id, indicatorCode: ind, community: com, level1, level2, level3, level4 };
      }),
    ),
  );
  return { id: surveyId, quarter, replaced: !!existing, before: existing ?? undefined, values };
}
