import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { negotiatedPrices, priceNotices, priceNoticeVillages, sessionAttendees } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { today } from "./dates";
import { checkNotice } from "./notice";
import { checkQuorum, constituencies } from "./quorum";
import {
  getSettings,
  listCommuneSettlements,
  priceInForce,
  quorumMinima,
  requireProduct,
  requireSession,
  requireSupplier,
} from "./records";
import type { DecidePriceInput } from "./schema";

/** Refuses unless the session is a quorate draft; names the missing constituencies. */
export async function assertQuorate(tx: Tx, communeId: string, sessionId: string) {
  const session = await requireSession(tx, communeId, sessionId, { lock: true });
  if (session.status !== "draft") throw new AppError("validation", "sessionClosed");
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

/**
 * A price decision: a new version that supersedes the one in force, never an overwrite. An
 * increase needs a notice published at least N days before it takes effect.
 */
export async function decidePrice(tx: Tx, communeId: string, userId: string, input: DecidePriceInput, now = today()) {
  await assertQuorate(tx, communeId, input.sessionId);
  // Lock the product: two decisions on one product are taken one after the other.
  await requireProduct(tx, communeId, input.productId, { lock: true });
  if (input.supplierId) await requireSupplier(tx, communeId, input.supplierId);
  const settings = await getSettings(tx, communeId);
  const previous = await priceInForce(tx, communeId, input.productId, input.effectiveOn);
  if (previous && previous.currency !== input.currency) throw new AppError("validation", "currencyMismatch", { currency: "currencyMismatch" });

  const publishedOn = input.publishedOn ?? now;
  if (publishedOn > now) throw new AppError("validation", "noticeInFuture", { publishedOn: "noticeInFuture" });
  const notice = checkNotice({
    previousPrice: previous?.sellingPrice ?? null,
    newPrice: input.sellingPrice,
    publishedOn,
    effectiveOn: input.effectiveOn,
    noticeDays: settings.noticeDays,
  });
  if (!notice.ok) {
    throw new AppError("validation", "noticeTooShort", { effectiveOn: "noticeTooShortField" }, { earliest: notice.earliest, days: settings.noticeDays });
  }
  if (notice.isIncrease && input.channels.length === 0) {
    throw new AppError("validation", "noticeChannelsRequired", { channels: "noticeChannelsRequired" });
  }
  const settlementIds = new Set((await listCommuneSettlements(tx, communeId)).map((s) => s.id));
  if (input.villages.some((v) => !settlementIds.has(v))) throw new AppError("not_found");

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
      createdBy: userId,
    })
    .returning();

  if (notice.isIncrease || input.channels.length > 0) {
    const [n] = await tx
      .insert(priceNotices)
      .values({
        communeOrgId: communeId,
        priceId: price.id,
        publishedOn,
        effectiveOn: input.effectiveOn,
        isIncrease: notice.isIncrease,
        channels: input.channels,
      })
      .returning();
    const villages = [...new Set(input.villages)];
    if (villages.length > 0) {
      await tx.insert(priceNoticeVillages).values(villages.map((villageId) => ({ communeOrgId: communeId, noticeId: n.id, villageId })));
    }
  }
  return { price, previous, isIncrease: notice.isIncrease };
}
