import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { negotiatedPrices, priceNotices, priceNoticeVillages, sessionAttendees } from "@/db/schema";
import { AppError, fieldError } from "@/lib/errors";
import { neighboursOf, placeInChain } from "./chain";
import { today } from "@/lib/dates";
import { checkEffectiveDate, checkNotice, isUnannouncedIncrease } from "./notice";
import { checkQuorum, constituencies } from "./quorum";
import {
  getSettings,
  listCommuneSettlements,
  liveVersions,
  noticeOf,
  nowSql,
  quorumMinima,
  requireDecision,
  requireProduct,
  requireSession,
  requireSupplier,
} from "./records";
import { touchSession } from "./sessions-service";
import type { CorrectDecisionInput, DecidePriceInput, WithdrawDecisionInput } from "./schema";

/** Refuses unless the session is a quorate draft; names the missing constituencies. */
export async function assertQuorate(tx: Tx, communeId: string, sessionId: string) {
  const session = await requireDraftSession(tx, communeId, sessionId);
  const attendees = await tx
    .select({ constituency: sessionAttendees.constituency })
    .from(sessionAttendees)
    .where(and(eq(sessionAttendees.communeOrgId, communeId), eq(sessionAttendees.sessionId, sessionId)));
  const quorum = checkQuorum(attendees, quorumMinima(await getSettings(tx, communeId)));
  if (!quorum.isQuorate) {
    const values = Object.fromEntries(constituencies.map((c) => [c, quorum.missing.includes(c) ? "yes" : "no"]));
    throw new AppError("validation", "notQuorate", undefined, values);
  }
  return session;
}

async function requireDraftSession(tx: Tx, communeId: string, sessionId: string) {
  const session = await requireSession(tx, communeId, sessionId, { lock: true });
  if (session.status !== "draft") throw new AppError("validation", "sessionClosed");
  return session;
}

/** The version scheduled next must not become an increase without a notice recorded in time. */
async function assertNextStillAnnounced(
  tx: Tx,
  communeId: string,
  previous: { sellingPrice: number } | null,
  next: { id: string; sellingPrice: number; effectiveOn: string; currency: string } | null,
  now: string,
  field: string,
) {
  if (!next) return;
  const notice = await noticeOf(tx, communeId, next.id);
  if (isUnannouncedIncrease({ previous, version: next, notice, today: now })) {
    const values = { date: next.effectiveOn, price: `${next.sellingPrice} ${next.currency}` };
    throw new AppError("validation", "laterIncrease", { [field]: "laterIncreaseField" }, values);
  }
}

/**
 * A price decision: a new version that supersedes the one in force, never an overwrite. It takes
 * effect from today (Africa/Nouakchott) up to the commune's horizon; an increase needs a notice,
 * counted from now (when it is recorded); a version already scheduled after it that would become
 * an increase needs its own notice. The database enforces the same (migration 0016) and stores the
 * quorum; the decision is public once the session is closed.
 */
export async function decidePrice(tx: Tx, communeId: string, userId: string, input: DecidePriceInput, now = today(), opts: { corrects?: string } = {}) {
  await assertQuorate(tx, communeId, input.sessionId);
  // Lock the product: two decisions on one product are taken one after the other.
  await requireProduct(tx, communeId, input.productId, { lock: true });
  if (input.supplierId) await requireSupplier(tx, communeId, input.supplierId);
  const settings = await getSettings(tx, communeId);

  const date = checkEffectiveDate({ effectiveOn: input.effectiveOn, today: now, horizonDays: settings.horizonDays });
  if (!date.ok && date.reason === "past") throw fieldError("effectiveOn", "effectiveInPast");
  if (!date.ok && date.reason === "beyondHorizon") throw fieldError("effectiveOn", "effectiveTooFar", { latest: date.latest, days: settings.horizonDays });

  const { before: previous, after: next } = placeInChain(await liveVersions(tx, communeId, input.productId), input.effectiveOn);
  if (previous && previous.currency !== input.currency) throw new AppError("validation", "currencyMismatch", { currency: "currencyMismatch" });
  const notice = checkNotice({
    previousPrice: previous?.sellingPrice ?? null,
    newPrice: input.sellingPrice,
    recordedAt: now,
    effectiveOn: input.effectiveOn,
    noticeDays: settings.noticeDays,
  });
  if (!notice.ok) {
    throw new AppError("validation", "noticeTooShort", { effectiveOn: "noticeTooShortField" }, { earliest: notice.earliest, days: settings.noticeDays });
  }
  const hasNotice = notice.isIncrease || input.channels.length > 0 || input.villages.length > 0;
  if (hasNotice && (input.channels.length === 0 || input.villages.length === 0)) {
    const missing = {
      ...(input.channels.length === 0 ? { channels: "noticeChannelsRequired" } : {}),
      ...(input.villages.length === 0 ? { villages: "noticeVillagesRequired" } : {}),
    };
    throw new AppError("validation", "noticeIncomplete", missing);
  }
  const settlementIds = new Set((await listCommuneSettlements(tx, communeId)).map((s) => s.id));
  if (input.villages.some((v) => !settlementIds.has(v))) throw new AppError("not_found");
  if (next && next.currency === input.currency) {
    await assertNextStillAnnounced(tx, communeId, { sellingPrice: input.sellingPrice }, next, now, "sellingPrice");
  }

  const [price] = await tx
    .insert(negotiatedPrices)
    .values({
      communeOrgId: communeId,
      productId: input.productId,
      sessionId: input.sessionId,
      supplierId: input.supplierId ?? null,
      purchasePrice: input.purchasePrice,
      sellingPrice: input.sellingPrice,
      currency: input.currency,
      effectiveOn: input.effectiveOn,
      supersedesId: previous?.id ?? null,
      correctsId: opts.corrects ?? null,
      createdBy: userId,
    })
    .returning();

  if (hasNotice) {
    // The database dates the notice (recorded_at, published_on) and judges it an increase or not.
    const [n] = await tx
      .insert(priceNotices)
      .values({
        communeOrgId: communeId,
        priceId: price.id,
        publishedOn: now,
        effectiveOn: input.effectiveOn,
        isIncrease: notice.isIncrease,
        channels: [...new Set(input.channels)],
      })
      .returning();
    const villages = [...new Set(input.villages)];
    await tx.insert(priceNoticeVillages).values(villages.map((villageId) => ({ communeOrgId: communeId, noticeId: n.id, villageId })));
  }
  await touchSession(tx, communeId, userId, input.sessionId);
  return { price, previous, isIncrease: notice.isIncrease };
}

/** Withdraws a live decision of a draft session, once, with a reason (kept on the row: who, when, why). */
async function markWithdrawn(tx: Tx, communeId: string, userId: string, decisionId: string, reason: string) {
  const [row] = await tx
    .update(negotiatedPrices)
    .set({ withdrawnAt: nowSql, withdrawnBy: userId, withdrawReason: reason })
    .where(and(eq(negotiatedPrices.communeOrgId, communeId), eq(negotiatedPrices.id, decisionId), isNull(negotiatedPrices.withdrawnAt)))
    .returning();
  if (!row) throw new AppError("validation", "decisionAlreadyWithdrawn");
  return row;
}

async function requireLiveDecision(tx: Tx, communeId: string, sessionId: string, decisionId: string) {
  await requireDraftSession(tx, communeId, sessionId);
  const decision = await requireDecision(tx, communeId, sessionId, decisionId);
  if (decision.withdrawnAt) throw new AppError("validation", "decisionAlreadyWithdrawn");
  await requireProduct(tx, communeId, decision.productId, { lock: true });
  return decision;
}

/**
 * Withdraws a decision while its session is a draft (it was never public). The version scheduled
 * after it then follows the one before it, and must not become an unannounced increase.
 */
export async function withdrawDecision(tx: Tx, communeId: string, userId: string, input: WithdrawDecisionInput, now = today()) {
  const decision = await requireLiveDecision(tx, communeId, input.sessionId, input.decisionId);
  const live = await liveVersions(tx, communeId, decision.productId);
  const { before, after } = neighboursOf(live, decision);
  if (after && (!before || before.currency === after.currency)) await assertNextStillAnnounced(tx, communeId, before, after, now, "reason");
  const withdrawn = await markWithdrawn(tx, communeId, userId, decision.id, input.reason);
  await touchSession(tx, communeId, userId, input.sessionId);
  return { before: decision, after: withdrawn };
}

/**
 * Corrects a decision while its session is a draft: the decision is withdrawn with the reason and
 * a new one, naming it, is taken in its place (same session and product), under today's rules.
 */
export async function correctDecision(tx: Tx, communeId: string, userId: string, input: CorrectDecisionInput, now = today()) {
  const decision = await requireLiveDecision(tx, communeId, input.sessionId, input.decisionId);
  const withdrawn = await markWithdrawn(tx, communeId, userId, decision.id, input.reason);
  const { decisionId: _d, reason: _r, ...fields } = input;
  const decided = await decidePrice(tx, communeId, userId, { ...fields, productId: decision.productId }, now, { corrects: decision.id });
  return { ...decided, corrected: withdrawn };
}
