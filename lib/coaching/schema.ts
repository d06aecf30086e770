import { z } from "zod";
import { isQuarter } from "@/lib/quarters/quarter";
import { isoDate } from "@/lib/dates";

export const MAX_FOLLOW_UPS = 3;
const text = (max: number, required: string) => z.string({ error: required }).trim().min(1, { error: required }).max(max, { error: "tooLong" });
const optionalText = (max: number) => z.string().trim().max(max, { error: "tooLong" }).optional().default("");
const quarter = z.string({ error: "quarterInvalid" }).refine(isQuarter, { error: "quarterInvalid" });
const yes = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** A visit with up to three follow-up actions, as flat fields (`action1`, `due1`, …). */
export const coachingVisitSchema = z
  .object({
    groupId: z.uuid({ error: "groupRequired" }),
    visitedOn: isoDate,
    topics: text(1000, "topicsRequired"),
    findings: optionalText(4000),
    action1: optionalText(500),
    due1: z.string().optional().default(""),
    action2: optionalText(500),
    due2: z.string().optional().default(""),
    action3: optionalText(500),
    due3: z.string().optional().default(""),
    // The idempotency key made by the form (or kept by the offline outbox): sent twice, recorded once.
    clientKey: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.uuid({ error: "invalid" }).optional()),
  })
  .superRefine((v, ctx) => {
    for (let i = 1; i <= MAX_FOLLOW_UPS; i++) {
      const action = v[`action${i}` as "action1"];
      const due = v[`due${i}` as "due1"];
      if (action && !isoDate.safeParse(due).success) ctx.addIssue({ code: "custom", path: [`due${i}`], message: "dueRequired" });
      else if (action && due < v.visitedOn) ctx.addIssue({ code: "custom", path: [`due${i}`], message: "dueBeforeVisit" });
    }
  });

export const followUpsOf = (v: z.infer<typeof coachingVisitSchema>) =>
  [1, 2, 3].map((i) => ({ action: v[`action${i}` as "action1"], dueOn: v[`due${i}` as "due1"] })).filter((f) => f.action);

export const SCORE_MAX = 10;
export const evaluationSchema = z.object({
  groupId: z.uuid({ error: "groupRequired" }),
  quarter,
  evaluatedOn: isoDate,
  rulesRespected: yes,
  booksKept: yes,
  stockChecked: yes,
  score: z.coerce.number({ error: "scoreInvalid" }).int({ error: "scoreInvalid" }).min(0, { error: "scoreInvalid" }).max(SCORE_MAX, { error: "scoreInvalid" }),
  comments: optionalText(4000),
});

const reason = text(500, "reasonRequired");
export const voidVisitSchema = z.object({ visitId: z.uuid({ error: "invalid" }), reason });
export const voidEvaluationSchema = z.object({ evaluationId: z.uuid({ error: "invalid" }), reason });
export const completeFollowUpSchema = z.object({ followUpId: z.uuid({ error: "invalid" }), doneOn: isoDate });
export const lockQuarterSchema = z.object({ quarter });
export const unlockQuarterSchema = z.object({ quarter, reason });

export type CoachingVisitInput = z.infer<typeof coachingVisitSchema>;
export type EvaluationInput = z.infer<typeof evaluationSchema>;
