import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Queryable } from "@/db/client";
import { meetingSettings, profitDistributions, profitMeetingAttendees, profitShares } from "@/db/schema";
import { AppError, fieldError } from "@/lib/errors";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { findWritableGroup } from "@/lib/groups/queries";
import { quorum } from "./quorum";
import type { meetingSchema, quorumSchema } from "./schema";

type Org = Pick<TenantOrg, "id" | "type">;

/** The NGO's quorum share (%), 50 (a majority) unless it set another. */
export async function quorumPct(tx: Queryable, ngoOrgId: string): Promise<number> {
  const [s] = await tx.select({ pct: meetingSettings.quorumPct }).from(meetingSettings).where(eq(meetingSettings.ngoOrgId, ngoOrgId));
  return s?.pct ?? 50;
}

/**
 * Records the open meeting of a draft distribution (its members present replace those recorded
 * before) and, when asked, finalises it: refused below the quorum, before the database would.
 */
export async function recordMeeting(tx: Queryable, org: Org, userId: string, input: z.infer<typeof meetingSchema>) {
  const g = await findWritableGroup(tx, org, input.groupId);
  if (!g) throw new AppError("not_found");
  const [d] = await tx
    .select()
    .from(profitDistributions)
    .where(and(eq(profitDistributions.id, input.distributionId), eq(profitDistributions.groupId, g.id)))
    .for("update");
  if (!d) throw new AppError("not_found");
  if (d.status !== "draft") throw new AppError("validation", "distributionFinal");
  const shares = await tx.select({ membershipId: profitShares.membershipId }).from(profitShares).where(eq(profitShares.distributionId, d.id));
  const sharers = new Set(shares.map((s) => s.membershipId));
  const attendees = [...new Set(input.attendees)];
  if (attendees.some((a) => !sharers.has(a))) throw fieldError("attendees", "notGroupMember");
  await tx.delete(profitMeetingAttendees).where(eq(profitMeetingAttendees.distributionId, d.id));
  if (attendees.length > 0) await tx.insert(profitMeetingAttendees).values(attendees.map((membershipId) => ({ distributionId: d.id, membershipId })));
  const meeting = { meetingOn: input.meetingOn, meetingPlace: input.meetingPlace, explainedBy: input.explainedBy, explanation: input.explanation };
  const finalise = input.intent === "finalise";
  if (finalise) {
    const q = quorum(sharers.size, attendees.length, await quorumPct(tx, g.ngoOrgId));
    if (!q.reached) throw fieldError("attendees", "meetingNotQuorate", { present: attendees.length, required: q.required });
  }
  const [after] = await tx
    .update(profitDistributions)
    .set({ ...meeting, ...(finalise ? { status: "final" as const, finalisedBy: userId, finalisedAt: sql`now()` } : {}) })
    .where(eq(profitDistributions.id, d.id))
    .returning();
  return { before: { status: d.status }, after: { ...meeting, status: after.status, attendees }, distribution: after };
}

/** The NGO's quorum for its groups' profit meetings. */
export async function saveQuorum(tx: Queryable, org: Org, userId: string, input: z.infer<typeof quorumSchema>) {
  if (org.type !== "ngo") throw new AppError("not_found");
  const before = await quorumPct(tx, org.id);
  await tx
    .insert(meetingSettings)
    .values({ ngoOrgId: org.id, quorumPct: input.meetingQuorumPct, updatedBy: userId })
    .onConflictDoUpdate({ target: meetingSettings.ngoOrgId, set: { quorumPct: input.meetingQuorumPct, updatedBy: userId, updatedAt: sql`now()` } });
  return { before: { meetingQuorumPct: before }, after: { meetingQuorumPct: input.meetingQuorumPct } };
}

/** The members present at each of these distributions' meetings. */
export async function listAttendees(db: Queryable, distributionIds: string[]) {
  if (distributionIds.length === 0) return new Map<string, string[]>();
  const rows = await db.select().from(profitMeetingAttendees).where(inArray(profitMeetingAttendees.distributionId, distributionIds));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.distributionId, [...(out.get(r.distributionId) ?? []), r.membershipId]);
  return out;
}
