import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Queryable, Tx } from "@/db/client";
import { invitations, memberships, organisations, users } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** The organisation's invitations still waiting for an answer (members page). */
export async function listOrgInvitations(db: Queryable, orgId: string) {
  return db
    .select({
      id: invitations.id,
      email: users.email,
      // The name the admin typed; the account's own name only for invitations made before 0052.
      name: sql<string>`coalesce(${invitations.name}, ${users.name})`,
      role: invitations.role,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(and(eq(invitations.orgId, orgId), eq(invitations.status, "pending")))
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(tx: Tx, orgId: string, invitationId: string) {
  const [inv] = await tx
    .update(invitations)
    .set({ status: "revoked", respondedAt: sql`now()` })
    .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, orgId), eq(invitations.status, "pending")))
    .returning();
  if (!inv) throw new AppError("not_found");
  return inv;
}

/** The signed-in user's invitations waiting for their answer, with the inviting organisation. */
export async function listMyInvitations(db: Queryable, userId: string) {
  return db
    .select({
      id: invitations.id,
      role: invitations.role,
      createdAt: invitations.createdAt,
      orgName: organisations.name,
      orgType: organisations.type,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(and(eq(invitations.userId, userId), eq(invitations.status, "pending")))
    .orderBy(desc(invitations.createdAt));
}

/** The invited user's answer; on acceptance, and only then, the membership exists. */
export async function answerInvitation(tx: Tx, userId: string, invitationId: string, answer: "accepted" | "declined") {
  const [inv] = await tx
    .update(invitations)
    .set({ status: answer, respondedAt: sql`now()` })
    .where(and(eq(invitations.id, invitationId), eq(invitations.userId, userId), eq(invitations.status, "pending")))
    .returning();
  if (!inv) throw new AppError("not_found");
  let membershipId: string | null = null;
  if (answer === "accepted") {
    const [m] = await tx.insert(memberships).values({ userId, orgId: inv.orgId, role: inv.role }).onConflictDoNothing().returning({ id: memberships.id });
    membershipId = m?.id ?? null;
  }
  return { invitation: inv, membershipId };
}
