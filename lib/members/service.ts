import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable, Tx } from "@/db/client";
import { groups, invitations, memberships, sessions, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { AppError, fieldError } from "@/lib/errors";
import type { Role } from "@/lib/permissions";
import type { AddMemberInput } from "./schema";

/** Members of one organisation; the organisation id comes from the resolved tenant. */
export async function listMembers(db: Queryable, orgId: string) {
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      disabled: sql<boolean>`${users.disabledAt} is not null`,
      groupId: memberships.groupId,
      groupName: groups.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(memberships.role, users.name);
}

/** Lock the organisation's admin rows so that concurrent demotions are serialised. */
async function lockAdmins(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")))
    .for("update");
  return rows.map((r) => r.id);
}

async function findMembershipInOrg(tx: Tx, orgId: string, membershipId: string) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.orgId, orgId)))
    .for("update");
  if (!m) throw new AppError("not_found");
  return m;
}

/**
 * Adds a member by e-mail address: always an invitation, which the person accepts on their
 * account page (the membership exists only then). An address without an account gets one, with
 * the admin's name for it and temporary password (changed at first sign-in); an address with an
 * account keeps its own name and password. The admin's form asks the same fields, answers the
 * same, writes the same audit record and lists the same pending invitation (with the name the
 * admin typed) either way, and the password is hashed either way, so that neither the answer nor
 * its delay tells whether the address had an account. Only what the admin already sees is said:
 * a member of this organisation, or an invitation of this organisation still pending.
 */
export async function addMember(tx: Tx, orgId: string, invitedBy: string, input: AddMemberInput) {
  const passwordHash = await hashPassword(input.temporaryPassword);
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email}`);
  if (existing) {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, existing.id)));
    if (member) throw fieldError("email", "alreadyMember");
  }
  const userId =
    existing?.id ??
    (await tx.insert(users).values({ name: input.name, email: input.email, passwordHash, mustChangePassword: true }).returning({ id: users.id }))[0].id;
  const [inv] = await tx
    .insert(invitations)
    .values({ orgId, userId, role: input.role, name: input.name, invitedByUserId: invitedBy })
    .onConflictDoNothing()
    .returning();
  if (!inv) throw fieldError("email", "alreadyInvited");
  return inv;
}

export async function changeRole(tx: Tx, orgId: string, membershipId: string, role: Role) {
  const admins = await lockAdmins(tx, orgId);
  const m = await findMembershipInOrg(tx, orgId, membershipId);
  if (m.role === "admin" && role !== "admin" && admins.length <= 1) throw fieldError("role", "lastAdmin");
  const [after] = await tx.update(memberships).set({ role }).where(eq(memberships.id, m.id)).returning();
  return { before: m, after };
}

/**
 * A group's managers and the editors who could be named (editors of the organisation who manage
 * no group). The database holds the rule (migration 0044): a manager is an editor of the NGO
 * that supports the group.
 */
export async function listGroupManagers(db: Queryable, orgId: string, groupId: string) {
  const rows = await db
    .select({ membershipId: memberships.id, name: users.name, email: users.email, groupId: memberships.groupId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "editor"), sql`(${memberships.groupId} is null or ${memberships.groupId} = ${groupId})`))
    .orderBy(users.name);
  return { managers: rows.filter((r) => r.groupId === groupId), candidates: rows.filter((r) => r.groupId === null) };
}

/** Name a member the manager of a group of the organisation, or end it (the membership stays). */
export async function setGroupManager(tx: Tx, orgId: string, membershipId: string, groupId: string, intent: "assign" | "remove") {
  const m = await findMembershipInOrg(tx, orgId, membershipId);
  if (intent === "remove") {
    if (m.groupId !== groupId) throw new AppError("not_found");
    const [after] = await tx.update(memberships).set({ groupId: null }).where(eq(memberships.id, m.id)).returning();
    return { before: m, after };
  }
  if (m.role !== "editor") throw fieldError("membershipId", "managerIsEditor");
  // Another group's manager is moved by ending that first, on purpose.
  if (m.groupId !== null && m.groupId !== groupId) throw fieldError("membershipId", "managesAnotherGroup");
  const [after] = await tx.update(memberships).set({ groupId }).where(eq(memberships.id, m.id)).returning();
  return { before: m, after };
}

export async function removeMember(tx: Tx, orgId: string, membershipId: string) {
  const admins = await lockAdmins(tx, orgId);
  const m = await findMembershipInOrg(tx, orgId, membershipId);
  if (m.role === "admin" && admins.length <= 1) throw new AppError("validation", "lastAdmin");
  await tx.delete(memberships).where(and(eq(memberships.id, m.id), eq(memberships.orgId, orgId)));
  return m;
}

/** Set a new password; other sessions of the user end. */
export async function setPassword(tx: Tx, userId: string, newPassword: string, keepSessionId?: string) {
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), mustChangePassword: false })
    .where(eq(users.id, userId));
  await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), sql`${sessions.revokedAt} is null`, keepSessionId ? sql`${sessions.id} <> ${keepSessionId}` : sql`true`));
}
