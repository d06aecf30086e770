"use server";
import { orgAction } from "@/lib/server-action";
import { changeRoleSchema, createUserSchema, groupManagerSchema, removeMemberSchema } from "./schema";
import { changeRole, createUserAsMember, removeMember, setGroupManager } from "./service";

const revalidate = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/members`;

// An existing user is not added here: they are invited and accept (lib/invitations/actions.ts).
export const createUserAction = orgAction(
  { permission: "members:manage", schema: createUserSchema, action: "member.create_user", entity: "membership", revalidate },
  async ({ tx, ctx, input }) => {
    const { user, membership } = await createUserAsMember(tx, ctx.org.id, input);
    return {
      audit: { entityId: membership.id, after: { userId: user.id, email: user.email, role: membership.role } },
      message: "userCreated",
    };
  },
);

export const changeRoleAction = orgAction(
  { permission: "members:manage", schema: changeRoleSchema, action: "member.change_role", entity: "membership", revalidate },
  async ({ tx, ctx, input }) => {
    const { before, after } = await changeRole(tx, ctx.org.id, input.membershipId, input.role);
    return { audit: { entityId: after.id, before: { role: before.role }, after: { role: after.role } }, message: "roleChanged" };
  },
);

export const removeMemberAction = orgAction(
  { permission: "members:manage", schema: removeMemberSchema, action: "member.remove", entity: "membership", revalidate },
  async ({ tx, ctx, input }) => {
    const m = await removeMember(tx, ctx.org.id, input.membershipId);
    return { audit: { entityId: m.id, before: { userId: m.userId, role: m.role } }, message: "memberRemoved" };
  },
);

/** Issue 17.5: an admin names an editor the manager of one of the NGO's groups, or ends it. */
export const groupManagerAction = orgAction(
  {
    permission: "members:manage",
    schema: groupManagerSchema,
    action: "member.group_manager",
    entity: "membership",
    revalidate,
  },
  async ({ tx, ctx, input }) => {
    const { before, after } = await setGroupManager(tx, ctx.org.id, input.membershipId, input.groupId, input.intent);
    return {
      audit: { entityId: after.id, before: { groupId: before.groupId }, after: { groupId: after.groupId } },
      message: input.intent === "assign" ? "managerAssigned" : "managerRemoved",
    };
  },
);
