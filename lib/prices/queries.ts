import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  groups,
  marketObservations,
  negotiatedPrices,
  places,
  priceNotices,
  priceNoticeVillages,
  priceSessions,
  products,
  purchaseOrderLines,
  purchaseOrders,
  sessionAttendees,
  suppliers,
  users,
} from "@/db/schema";
import { byProduct, nextChange, versionInForce } from "./in-force";
import { checkQuorum } from "./quorum";
import { getSettings, quorumMinima } from "./records";

/** Reads of one commune's committee; the commune id (verified visible) comes first. */

export async function listProducts(db: Queryable, communeId: string) {
  return db.select().from(products).where(eq(products.communeOrgId, communeId)).orderBy(asc(products.sortOrder), asc(products.nameFr));
}

export async function listSuppliers(db: Queryable, communeId: string) {
  return db.select().from(suppliers).where(eq(suppliers.communeOrgId, communeId)).orderBy(asc(suppliers.name));
}

export async function listPriceVersions(db: Queryable, communeId: string) {
  return db
    .select()
    .from(negotiatedPrices)
    .where(eq(negotiatedPrices.communeOrgId, communeId))
    .orderBy(asc(negotiatedPrices.effectiveOn), asc(negotiatedPrices.createdAt));
}

/** Every product with its price in force on a date and the next announced change. */
export async function listBoard(db: Queryable, communeId: string, onDate: string) {
  const [items, versions] = await Promise.all([listProducts(db, communeId), listPriceVersions(db, communeId)]);
  const per = byProduct(versions);
  return items.map((p) => ({
    product: p,
    current: versionInForce(per.get(p.id) ?? [], onDate),
    next: nextChange(per.get(p.id) ?? [], onDate),
  }));
}

export async function listSessions(db: Queryable, communeId: string) {
  const [rows, attendees, settings] = await Promise.all([
    db.select().from(priceSessions).where(eq(priceSessions.communeOrgId, communeId)).orderBy(desc(priceSessions.heldOn)),
    db
      .select({ sessionId: sessionAttendees.sessionId, constituency: sessionAttendees.constituency })
      .from(sessionAttendees)
      .where(eq(sessionAttendees.communeOrgId, communeId)),
    getSettings(db, communeId),
  ]);
  return rows.map((s) => ({
    ...s,
    quorum: checkQuorum(
      attendees.filter((a) => a.sessionId === s.id),
      quorumMinima(settings),
    ),
  }));
}

export async function getSessionDetail(db: Queryable, communeId: string, sessionId: string) {
  const [session] = await db
    .select({ s: priceSessions, updatedByName: users.name })
    .from(priceSessions)
    .leftJoin(users, eq(users.id, priceSessions.updatedBy))
    .where(and(eq(priceSessions.communeOrgId, communeId), eq(priceSessions.id, sessionId)));
  if (!session) return null;
  const [attendees, decisions, orders, settings] = await Promise.all([
    db
      .select()
      .from(sessionAttendees)
      .where(and(eq(sessionAttendees.communeOrgId, communeId), eq(sessionAttendees.sessionId, sessionId)))
      .orderBy(asc(sessionAttendees.constituency), asc(sessionAttendees.name)),
    db
      .select({ price: negotiatedPrices, product: products })
      .from(negotiatedPrices)
      .innerJoin(products, eq(products.id, negotiatedPrices.productId))
      .where(and(eq(negotiatedPrices.communeOrgId, communeId), eq(negotiatedPrices.sessionId, sessionId)))
      .orderBy(asc(negotiatedPrices.createdAt)),
    db
      .select()
      .from(purchaseOrders)
      .where(and(eq(purchaseOrders.communeOrgId, communeId), eq(purchaseOrders.sessionId, sessionId)))
      .orderBy(asc(purchaseOrders.createdAt)),
    getSettings(db, communeId),
  ]);
  return { ...session.s, updatedByName: session.updatedByName, attendees, decisions, orders, quorum: checkQuorum(attendees, quorumMinima(settings)) };
}

/** Full version history of one product, newest decision first, with its notice. */
export async function getPriceHistory(db: Queryable, communeId: string, productId: string) {
  const [product] = await db.select().from(products).where(and(eq(products.communeOrgId, communeId), eq(products.id, productId)));
  if (!product) return null;
  const versions = await db
    .select({ price: negotiatedPrices, heldOn: priceSessions.heldOn, supplier: suppliers.name, notice: priceNotices })
    .from(negotiatedPrices)
    .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
    .leftJoin(suppliers, eq(suppliers.id, negotiatedPrices.supplierId))
    .leftJoin(priceNotices, eq(priceNotices.priceId, negotiatedPrices.id))
    .where(and(eq(negotiatedPrices.communeOrgId, communeId), eq(negotiatedPrices.productId, productId)))
    .orderBy(desc(negotiatedPrices.createdAt));
  return { product, versions };
}

export async function listNotices(db: Queryable, communeId: string) {
  const rows = await db
    .select({ notice: priceNotices, price: negotiatedPrices, product: products })
    .from(priceNotices)
    .innerJoin(negotiatedPrices, eq(negotiatedPrices.id, priceNotices.priceId))
    .innerJoin(products, eq(products.id, negotiatedPrices.productId))
    .where(eq(priceNotices.communeOrgId, communeId))
    .orderBy(desc(priceNotices.publishedOn));
  const villages = rows.length
    ? await db
        .select({ noticeId: priceNoticeVillages.noticeId, name: places.name, id: places.id })
        .from(priceNoticeVillages)
        .innerJoin(places, eq(places.id, priceNoticeVillages.villageId))
        .where(and(eq(priceNoticeVillages.communeOrgId, communeId), inArray(priceNoticeVillages.noticeId, rows.map((r) => r.notice.id))))
    : [];
  return rows.map((r) => ({ ...r, villages: villages.filter((v) => v.noticeId === r.notice.id) }));
}

export async function getOrderDetail(db: Queryable, communeId: string, orderId: string) {
  const [order] = await db
    .select({ o: purchaseOrders, heldOn: priceSessions.heldOn, updatedByName: users.name, supplier: suppliers.name })
    .from(purchaseOrders)
    .innerJoin(priceSessions, eq(priceSessions.id, purchaseOrders.sessionId))
    .leftJoin(users, eq(users.id, purchaseOrders.updatedBy))
    .leftJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .where(and(eq(purchaseOrders.communeOrgId, communeId), eq(purchaseOrders.id, orderId)));
  if (!order) return null;
  const lines = await db
    .select({ line: purchaseOrderLines, groupName: groups.name, product: products })
    .from(purchaseOrderLines)
    .innerJoin(groups, eq(groups.id, purchaseOrderLines.groupId))
    .innerJoin(products, eq(products.id, purchaseOrderLines.productId))
    .where(and(eq(purchaseOrderLines.communeOrgId, communeId), eq(purchaseOrderLines.orderId, orderId)))
    .orderBy(asc(groups.name), asc(products.sortOrder));
  return { ...order.o, heldOn: order.heldOn, updatedByName: order.updatedByName, supplier: order.supplier, lines };
}

export async function listObservations(db: Queryable, communeId: string, limit = 100) {
  return db
    .select({ o: marketObservations, product: products, place: places.name })
    .from(marketObservations)
    .innerJoin(products, eq(products.id, marketObservations.productId))
    .innerJoin(places, eq(places.id, marketObservations.placeId))
    .where(eq(marketObservations.communeOrgId, communeId))
    .orderBy(desc(marketObservations.observedOn), desc(marketObservations.createdAt))
    .limit(limit);
}

/** Observations since a date, for the dashboard (aggregated in the page's pure functions). */
export async function listObservationsSince(db: Queryable, communeId: string, since: string) {
  return db
    .select({ productId: marketObservations.productId, observedOn: marketObservations.observedOn, price: marketObservations.price, currency: marketObservations.currency })
    .from(marketObservations)
    .where(and(eq(marketObservations.communeOrgId, communeId), sql`${marketObservations.observedOn} >= ${since}`));
}
