"use server";
import { orgAction } from "@/lib/server-action";
import { addMemberSchema, changeRoleSchema, groupManagerSchema, removeMemberSchema } from "./schema";
import { addMember, changeRole, removeMember, setGroupManager } from "./service";

const revalidate = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/members`;

// Adding a member is an invitation by e-mail address, whether or not the address has an account:
// the answer, the audit record and the pending invitation are the same either way.
export const addMemberAction = orgAction(
  { permission: "members:manage", schema: addMemberSchema, action: "member.add", entity: "invitation", revalidate },
  async ({ tx, ctx, input }) => {
    const inv = await addMember(tx, ctx.org.id, ctx.user.id, input);
    return { audit: { entityId: inv.id, after: { email: input.email, name: input.name, role: inv.role } }, message: "memberInvited" };
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
