"use server";
import { orgAction, userAction } from "@/lib/server-action";
import { invitationIdSchema } from "./schema";
import { answerInvitation, revokeInvitation } from "./service";

const membersPage = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/members`;

export const revokeInvitationAction = orgAction(
  { permission: "members:manage", schema: invitationIdSchema, action: "invitation.revoke", entity: "invitation", revalidate: membersPage },
  async ({ tx, ctx, input }) => {
    const inv = await revokeInvitation(tx, ctx.org.id, input.invitationId);
    return { audit: { entityId: inv.id, before: { userId: inv.userId, role: inv.role } }, message: "invitationRevoked" };
  },
);

export const acceptInvitationAction = userAction(
  { schema: invitationIdSchema, action: "invitation.accept", entity: "invitation", revalidate: "/account" },
  async ({ tx, user, input }) => {
    const { invitation, membershipId } = await answerInvitation(tx, user.id, input.invitationId, "accepted");
    return {
      orgId: invitation.orgId,
      audit: { entityId: invitation.id, after: { userId: user.id, role: invitation.role, membershipId } },
      message: "invitationAccepted",
    };
  },
);

export const declineInvitationAction = userAction(
  { schema: invitationIdSchema, action: "invitation.decline", entity: "invitation", revalidate: "/account" },
  async ({ tx, user, input }) => {
    const { invitation } = await answerInvitation(tx, user.id, input.invitationId, "declined");
    return { orgId: invitation.orgId, audit: { entityId: invitation.id, after: { userId: user.id } }, message: "invitationDeclined" };
  },
);
