"use server";
import { orgAction } from "@/lib/server-action";
import { cohesionSurveySchema } from "./schema";
import { recordSurvey } from "./service";

export const recordSurveyAction = orgAction(
  {
    permission: "cohesion:write",
    schema: cohesionSurveySchema,
    action: "cohesion.record_survey",
    entity: "cohesion_survey",
    revalidate: (ctx) => `/${ctx.org.slug}/cohesion`,
  },
  async ({ tx, ctx, input }) => {
    const r = await recordSurvey(tx, ctx.org, ctx.user.id, input);
    return {
      audit: { entityId: r.id, before: r.before, after: r.values },
      data: { id: r.id, quarter: r.quarter },
      message: r.replaced ? "surveyReplaced" : "surveyRecorded",
    };
  },
);
