import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { negotiatedPrices, purchaseOrderLines, purchaseOrders } from "@/db/schema";
import { AppError, fieldError } from "@/lib/errors";
import { updateVersioned } from "@/lib/versioned";
import { listCommuneGroups, priceInForce, requireProduct, requireSession, requireSupplier } from "./records";
import type { SaveOrderInput } from "./schema";

type OrderStatus = "draft" | "ordered" | "delivered";

/**
 * Optimistic locking on an order: move from the version the editor loaded to the next one,
 * only in the expected status; otherwise say who changed it and when.
 */
function claimVersion(tx: Tx, communeId: string, userId: string, orderId: string, version: number, from: OrderStatus, to: OrderStatus = from) {
  return updateVersioned(
    tx,
    purchaseOrders,
    {
      id: orderId,
      scope: eq(purchaseOrders.communeOrgId, communeId),
      expectedVersion: version,
      when: eq(purchaseOrders.status, from),
      otherwise: () => new AppError("validation", "orderWrongStatus"),
      by: userId,
    },
    { status: to },
  );
}

export async function createOrder(tx: Tx, communeId: string, userId: string, input: { sessionId: string; supplierId?: string }) {
  await requireSession(tx, communeId, input.sessionId);
  if (input.supplierId) await requireSupplier(tx, communeId, input.supplierId);
  const [row] = await tx
    .insert(purchaseOrders)
    .values({ communeOrgId: communeId, sessionId: input.sessionId, supplierId: input.supplierId ?? null, updatedBy: userId })
    .returning();
  return row;
}

/** A line at the session's negotiated purchase price. */
export async function addOrderLine(
  tx: Tx,
  communeId: string,
  userId: string,
  input: { orderId: string; version: number; groupId: string; productId: string; quantity: number },
) {
  const order = await claimVersion(tx, communeId, userId, input.orderId, input.version, "draft");
  const session = await requireSession(tx, communeId, order.sessionId);
  await requireProduct(tx, communeId, input.productId);
  const groupIds = new Set((await listCommuneGroups(tx, communeId)).map((g) => g.id));
  if (!groupIds.has(input.groupId)) throw new AppError("not_found");
  // The purchase price negotiated in this session (not withdrawn), else the public one in force on its date.
  const [decided] = await tx
    .select()
    .from(negotiatedPrices)
    .where(
      and(
        eq(negotiatedPrices.communeOrgId, communeId),
        eq(negotiatedPrices.sessionId, session.id),
        eq(negotiatedPrices.productId, input.productId),
        isNull(negotiatedPrices.withdrawnAt),
      ),
    )
    .orderBy(desc(negotiatedPrices.createdAt))
    .limit(1);
  const price = decided ?? (await priceInForce(tx, communeId, input.productId, session.heldOn));
  if (!price) throw fieldError("productId", "noNegotiatedPrice");
  const [line] = await tx
    .insert(purchaseOrderLines)
    .values({
      communeOrgId: communeId,
      orderId: order.id,
      groupId: input.groupId,
      productId: input.productId,
      quantity: input.quantity,
      unitPrice: price.purchasePrice,
      currency: price.currency,
    })
    .onConflictDoNothing()
    .returning();
  if (!line) throw fieldError("productId", "lineExists");
  return line;
}

/** Save quantities (draft), place the order (draft → ordered) or record the delivery (ordered → delivered). */
export async function saveOrder(tx: Tx, communeId: string, userId: string, input: SaveOrderInput) {
  if (input.lineIds.length !== input.quantities.length) throw new AppError("validation", "invalid");
  const from: OrderStatus = input.intent === "deliver" ? "ordered" : "draft";
  const to: OrderStatus = input.intent === "save" ? "draft" : input.intent === "order" ? "ordered" : "delivered";
  const order = await claimVersion(tx, communeId, userId, input.orderId, input.version, from, to);
  for (const [i, lineId] of input.lineIds.entries()) {
    const q = input.quantities[i];
    if (input.intent !== "deliver" && q <= 0) throw new AppError("validation", "quantityPositive");
    const [row] = await tx
      .update(purchaseOrderLines)
      .set(input.intent === "deliver" ? { deliveredQuantity: q } : { quantity: q })
      .where(and(eq(purchaseOrderLines.communeOrgId, communeId), eq(purchaseOrderLines.orderId, order.id), eq(purchaseOrderLines.id, lineId)))
      .returning({ id: purchaseOrderLines.id });
    if (!row) throw new AppError("not_found");
  }
  return order;
}
