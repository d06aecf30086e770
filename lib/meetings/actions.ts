"use server";
import { orgAction } from "@/lib/server-action";
import { meetingSchema, quorumSchema } from "./schema";
import { recordMeeting, saveQuorum } from "./service";

export const meetingAction = orgAction(
  {
    permission: "groups:write",
    schema: meetingSchema,
    action: "profit.meeting",
    entity: "profit_distribution",
    revalidate: (ctx) => `/${ctx.org.slug}/groups`,
    manager: (i) => i.groupId,
  },
  async ({ tx, ctx, input }) => {
    const r = await recordMeeting(tx, ctx.org, ctx.user.id, input);
    return {
      audit: { entityId: r.distribution.id, before: r.before, after: r.after },
      message: r.distribution.status === "final" ? "distributionFinalised" : "meetingSaved",
    };
  },
);

export const quorumAction = orgAction(
  {
    permission: "quarters:lock",
    schema: quorumSchema,
    action: "meeting.quorum",
    entity: "meeting_settings",
    revalidate: (ctx) => `/${ctx.org.slug}/groups/limits`,
  },
  async ({ tx, ctx, input }) => {
    const r = await saveQuorum(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: ctx.org.id, before: r.before, after: r.after }, message: "quorumSaved" };
  },
);
