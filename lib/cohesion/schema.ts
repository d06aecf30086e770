import { z } from "zod";
import { isoDate } from "@/lib/dates";
import { checkSurvey, communities, perceptionIndicators, scaleLevels, type Community, type LevelCounts, type PerceptionIndicator } from "./indicators";

const count = z.coerce
  .number({ error: "countInvalid" })
  .int({ error: "countInvalid" })
  .min(0, { error: "countInvalid" })
  .max(100_000, { error: "countInvalid" });

/** Flat field names, so the form posts without JavaScript: `trust_host_1` … `security_refugee_4`. */
export const answerField = (indicator: string, community: string, level: number) => `${indicator}_${community}_${level}`;
export const answerFields = perceptionIndicators.flatMap((ind) => communities.flatMap((com) => scaleLevels.map((l) => answerField(ind, com, l))));

const answerShape: Record<string, z.ZodDefault<typeof count>> = Object.fromEntries(answerFields.map((f) => [f, count.default(0)]));

const surveyBase = z.object({
  villageId: z.uuid({ error: "villageRequired" }),
  surveyedOn: isoDate,
  hostWomen: count,
  hostMen: count,
  refugeeWomen: count,
  refugeeMen: count,
  disputesReferred: count,
  disputesResolved: count,
  notes: z.string().trim().max(2000, { error: "tooLong" }).optional().default(""),
});

/** The survey as the indicator rules see it. */
type SurveyFields = z.infer<typeof surveyBase> & { [field: string]: unknown };

export function toSurveyData(v: SurveyFields) {
  const answers = Object.fromEntries(
    perceptionIndicators.map((ind) => [
      ind,
      Object.fromEntries(communities.map((com) => [com, scaleLevels.map((l) => Number(v[answerField(ind, com, l)] ?? 0)) as unknown as LevelCounts])),
    ]),
  ) as Record<PerceptionIndicator, Record<Community, LevelCounts>>;
  return {
    respondents: { host: { women: v.hostWomen, men: v.hostMen }, refugee: { women: v.refugeeWomen, men: v.refugeeMen } },
    answers,
    disputesReferred: v.disputesReferred,
    disputesResolved: v.disputesResolved,
  };
}

// The answer fields are generated, so the inferred type is spelled out.
export const cohesionSurveySchema = surveyBase.extend(answerShape).superRefine((v, ctx) => {
  for (const p of checkSurvey(toSurveyData(v as unknown as SurveyFields))) ctx.addIssue({ code: "custom", path: [p.field], message: p.key });
}) as unknown as z.ZodType<SurveyFields, Record<string, unknown>>;

export type CohesionSurveyInput = SurveyFields;
