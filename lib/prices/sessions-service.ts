import "server-only";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { negotiatedPrices, priceSessions, sessionAttendees } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { today } from "@/lib/dates";
import { updateVersioned } from "@/lib/versioned";
import { requireSession } from "./records";
import type { UpdateSessionInput } from "./schema";
import type { Constituency } from "./quorum";

export async function createSession(tx: Tx, communeId: string, userId: string, input: { heldOn: string; place: string }) {
  const [row] = await tx.insert(priceSessions).values({ communeOrgId: communeId, heldOn: input.heldOn, place: input.place, updatedBy: userId }).returning();
  return row;
}

/**
 * Optimistic locking: the save applies only to the version the editor loaded. Closing publishes the
 * session's decisions: refused while one of them would take effect before today (the database
 * refuses it too, migration 0016).
 */
export async function updateSession(tx: Tx, communeId: string, userId: string, input: UpdateSessionInput, now = today()) {
  const before = await requireSession(tx, communeId, input.sessionId);
  if (input.status === "closed" && before.status === "draft" && before.version === input.version) {
    const [retroactive] = await tx
      .select({ id: negotiatedPrices.id, effectiveOn: negotiatedPrices.effectiveOn })
      .from(negotiatedPrices)
      .where(
        and(
          eq(negotiatedPrices.communeOrgId, communeId),
          eq(negotiatedPrices.sessionId, input.sessionId),
          isNull(negotiatedPrices.withdrawnAt),
          lt(negotiatedPrices.effectiveOn, now),
        ),
      )
      .limit(1);
    if (retroactive) throw new AppError("validation", "closeRetroactive", { status: "closeRetroactive" });
  }
  const after = await updateVersioned(
    tx,
    priceSessions,
    {
      id: input.sessionId,
      scope: eq(priceSessions.communeOrgId, communeId),
      expectedVersion: input.version,
      when: eq(priceSessions.status, "draft"),
      otherwise: () => new AppError("validation", "sessionClosed"),
      by: userId,
    },
    { heldOn: input.heldOn, place: input.place, minutes: input.minutes, status: input.status },
  );
  return { before, after };
}

/**
 * What the session holds besides its own fields (attendees, decisions) changed: its version goes
 * up, so that an edit of the session loaded before then is refused as changed meanwhile.
 */
export async function touchSession(tx: Tx, communeId: string, userId: string, sessionId: string) {
  return updateVersioned(tx, priceSessions, { id: sessionId, scope: eq(priceSessions.communeOrgId, communeId), by: userId }, {});
}

async function requireDraft(tx: Tx, communeId: string, sessionId: string) {
  const s = await requireSession(tx, communeId, sessionId, { lock: true });
  if (s.status !== "draft") throw new AppError("validation", "sessionClosed");
  return s;
}

export async function addAttendee(tx: Tx, communeId: string, userId: string, input: { sessionId: string; name: string; constituency: Constituency }) {
  await requireDraft(tx, communeId, input.sessionId);
  const [row] = await tx
    .insert(sessionAttendees)
    .values({ communeOrgId: communeId, ...input })
    .returning();
  await touchSession(tx, communeId, userId, input.sessionId);
  return row;
}

/** Attendees are the record of the quorum: once the session has decided, none is removed. */
export async function removeAttendee(tx: Tx, communeId: string, userId: string, input: { sessionId: string; attendeeId: string }) {
  await requireDraft(tx, communeId, input.sessionId);
  const [attendee] = await tx
    .select({ id: sessionAttendees.id })
    .from(sessionAttendees)
    .where(and(eq(sessionAttendees.communeOrgId, communeId), eq(sessionAttendees.sessionId, input.sessionId), eq(sessionAttendees.id, input.attendeeId)));
  if (!attendee) throw new AppError("not_found");
  const [decided] = await tx
    .select({ id: negotiatedPrices.id })
    .from(negotiatedPrices)
    .where(and(eq(negotiatedPrices.communeOrgId, communeId), eq(negotiatedPrices.sessionId, input.sessionId)))
    .limit(1);
  if (decided) throw new AppError("validation", "attendeesLocked");
  const [row] = await tx
    .delete(sessionAttendees)
    .where(and(eq(sessionAttendees.communeOrgId, communeId), eq(sessionAttendees.sessionId, input.sessionId), eq(sessionAttendees.id, input.attendeeId)))
    .returning();
  if (!row) throw new AppError("not_found");
  await touchSession(tx, communeId, userId, input.sessionId);
  return row;
}
