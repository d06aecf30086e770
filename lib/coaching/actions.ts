"use server";
import { orgAction } from "@/lib/server-action";
import { lockQuarter, unlockQuarter } from "@/lib/quarters/locks";
import { completeFollowUpSchema, evaluationSchema, lockQuarterSchema, unlockQuarterSchema, voidEvaluationSchema, voidVisitSchema } from "./schema";
import { completeFollowUp, recordEvaluation, voidEvaluation, voidVisit } from "./service";
import { recordVisitWrite } from "./visit-write";

const revalidate = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/coaching`;

export const recordVisitAction = orgAction(recordVisitWrite.def, recordVisitWrite.work);

export const voidVisitAction = orgAction(
  { permission: "groups:write", schema: voidVisitSchema, action: "coaching.void_visit", entity: "coaching_visit", revalidate },
  async ({ tx, ctx, input }) => {
    const before = await voidVisit(tx, ctx.org.id, input.visitId, input.reason);
    return { audit: { entityId: before.id, before, after: { voidReason: input.reason } }, message: "visitVoided" };
  },
);

export const completeFollowUpAction = orgAction(
  { permission: "groups:write", schema: completeFollowUpSchema, action: "coaching.complete_follow_up", entity: "coaching_follow_up", revalidate },
  async ({ tx, ctx, input }) => {
    await completeFollowUp(tx, ctx.org.id, input.followUpId, input.doneOn);
    return { audit: { entityId: input.followUpId, after: { doneOn: input.doneOn } }, message: "followUpDone" };
  },
);

export const recordEvaluationAction = orgAction(
  { permission: "groups:write", schema: evaluationSchema, action: "coaching.record_evaluation", entity: "group_evaluation", revalidate },
  async ({ tx, ctx, input }) => {
    const { row, previous } = await recordEvaluation(tx, ctx.org.id, ctx.user.id, input);
    return { audit: { entityId: row.id, before: previous ?? undefined, after: row }, message: "evaluationRecorded" };
  },
);

export const voidEvaluationAction = orgAction(
  { permission: "groups:write", schema: voidEvaluationSchema, action: "coaching.void_evaluation", entity: "group_evaluation", revalidate },
  async ({ tx, ctx, input }) => {
    const before = await voidEvaluation(tx, ctx.org.id, input.evaluationId, input.reason);
    return { audit: { entityId: before.id, before, after: { voidReason: input.reason } }, message: "evaluationVoided" };
  },
);

export const lockQuarterAction = orgAction(
  { permission: "quarters:lock", schema: lockQuarterSchema, action: "quarter.lock", entity: "quarter_lock", revalidate },
  async ({ tx, ctx, input }) => {
    const row = await lockQuarter(tx, ctx.org.id, input.quarter, ctx.user.id);
    return { audit: { entityId: row.id, after: { quarter: input.quarter } }, message: "quarterLockedDone" };
  },
);

export const unlockQuarterAction = orgAction(
  { permission: "quarters:lock", schema: unlockQuarterSchema, action: "quarter.unlock", entity: "quarter_lock", revalidate },
  async ({ tx, ctx, input }) => {
    const row = await unlockQuarter(tx, ctx.org.id, input.quarter, ctx.user.id, input.reason);
    return { audit: { entityId: row.id, before: { quarter: input.quarter, locked: true }, after: { reason: input.reason } }, message: "quarterUnlocked" };
  },
);
