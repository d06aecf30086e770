import "server-only";
import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from "drizzle-orm";
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
import { decodeCursor, DEFAULT_PAGE_SIZE, keyset, toPage, type PageRequest, type SortKey } from "@/lib/pagination";
import { amountOf, dateRangeOf, textMatchSql } from "@/lib/search/query";
import { byProduct, nextChange, versionInForce } from "./in-force";
import { checkQuorum, sessionQuorum } from "./quorum";
import { getSettings, isPublicDecision, quorumMinima } from "./records";

/** Reads of one commune's committee; the commune id (verified visible) comes first. */

/** The commune's products; `active`: without the archived ones, for pickers and new entries (issue 14). */
export async function listProducts(db: Queryable, communeId: string, opts: { active?: boolean } = {}) {
  return db
    .select()
    .from(products)
    .where(and(eq(products.communeOrgId, communeId), opts.active ? isNull(products.archivedAt) : undefined))
    .orderBy(asc(products.sortOrder), asc(products.nameFr));
}

/** The commune's suppliers; `active`: without the archived ones, for pickers. */
export async function listSuppliers(db: Queryable, communeId: string, opts: { active?: boolean } = {}) {
  return db
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.communeOrgId, communeId), opts.active ? isNull(suppliers.archivedAt) : undefined))
    .orderBy(asc(suppliers.name));
}

/** The public versions (closed sessions, not withdrawn): what the board, the dashboard and prices in force show. */
export async function listPriceVersions(db: Queryable, communeId: string) {
  return db
    .select(getTableColumns(negotiatedPrices))
    .from(negotiatedPrices)
    .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
    .where(and(eq(negotiatedPrices.communeOrgId, communeId), isPublicDecision))
    .orderBy(asc(negotiatedPrices.effectiveOn), asc(negotiatedPrices.createdAt), asc(negotiatedPrices.id));
}

/** The quorum stored with each decision of these sessions (to show a session's as it decided). */
async function decisionQuorums(db: Queryable, communeId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .select({
      sessionId: negotiatedPrices.sessionId,
      createdAt: negotiatedPrices.createdAt,
      quorumMinima: negotiatedPrices.quorumMinima,
      quorumCounts: negotiatedPrices.quorumCounts,
    })
    .from(negotiatedPrices)
    .where(and(eq(negotiatedPrices.communeOrgId, communeId), inArray(negotiatedPrices.sessionId, sessionIds)));
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

const sessionKeyset = keyset(
  [
    { column: priceSessions.heldOn, type: "date" },
    { column: priceSessions.createdAt, type: "timestamptz" },
    { column: priceSessions.id, type: "uuid" },
  ],
  "desc",
);

/** One page of the commune's sessions, latest first, each with its quorum (as it decided, once it has). */
export async function listSessions(db: Queryable, communeId: string, page: PageRequest = { size: DEFAULT_PAGE_SIZE }) {
  const plan = sessionKeyset.plan(page);
  const fetched = await db
    .select({ s: priceSessions, cursorKey: sessionKeyset.keySql })
    .from(priceSessions)
    .where(and(eq(priceSessions.communeOrgId, communeId), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const { rows, next, previous } = plan.finish(fetched);
  const [attendees, settings, decided] = await Promise.all([
    rows.length
      ? db
          .select({ sessionId: sessionAttendees.sessionId, constituency: sessionAttendees.constituency })
          .from(sessionAttendees)
          .where(
            and(
              eq(sessionAttendees.communeOrgId, communeId),
              inArray(
                sessionAttendees.sessionId,
                rows.map((r) => r.s.id),
              ),
            ),
          )
      : [],
    getSettings(db, communeId),
    decisionQuorums(
      db,
      communeId,
      rows.map((r) => r.s.id),
    ),
  ]);
  return {
    next,
    previous,
    rows: rows.map(({ s }) => ({
      ...s,
      quorum: sessionQuorum(
        checkQuorum(
          attendees.filter((a) => a.sessionId === s.id),
          quorumMinima(settings),
        ),
        decided.filter((d) => d.sessionId === s.id),
      ),
    })),
  };
}

/**
 * One session with its attendees, its decisions (withdrawn ones too, with their notice), its
 * orders, and two quorums: today's (for a draft's next decision) and the one it decided under.
 */
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
      .select({ price: negotiatedPrices, product: products, notice: priceNotices })
      .from(negotiatedPrices)
      .innerJoin(products, eq(products.id, negotiatedPrices.productId))
      .leftJoin(priceNotices, eq(priceNotices.priceId, negotiatedPrices.id))
      .where(and(eq(negotiatedPrices.communeOrgId, communeId), eq(negotiatedPrices.sessionId, sessionId)))
      .orderBy(asc(negotiatedPrices.createdAt)),
    db
      .select()
      .from(purchaseOrders)
      .where(and(eq(purchaseOrders.communeOrgId, communeId), eq(purchaseOrders.sessionId, sessionId)))
      .orderBy(asc(purchaseOrders.createdAt)),
    getSettings(db, communeId),
  ]);
  const noticeIds = decisions.flatMap((d) => (d.notice ? [d.notice.id] : []));
  const villages = noticeIds.length
    ? await db
        .select({ noticeId: priceNoticeVillages.noticeId, id: places.id, name: places.name })
        .from(priceNoticeVillages)
        .innerJoin(places, eq(places.id, priceNoticeVillages.villageId))
        .where(and(eq(priceNoticeVillages.communeOrgId, communeId), inArray(priceNoticeVillages.noticeId, noticeIds)))
    : [];
  const liveQuorum = checkQuorum(attendees, quorumMinima(settings));
  return {
    ...session.s,
    updatedByName: session.updatedByName,
    attendees,
    decisions: decisions.map((d) => ({ ...d, villages: villages.filter((v) => v.noticeId === d.notice?.id) })),
    orders,
    liveQuorum,
    quorum: sessionQuorum(
      liveQuorum,
      decisions.map((d) => d.price),
    ),
  };
}

/** The versions of a price history: decisions of closed sessions (withdrawn ones included), of one product or all. */
const historyWhere = (communeId: string, productId?: string) =>
  and(eq(negotiatedPrices.communeOrgId, communeId), productId ? eq(negotiatedPrices.productId, productId) : undefined, eq(priceSessions.status, "closed"));

/** Version history of one product, newest decision first, with its notice: decisions of closed sessions (withdrawn ones marked). */
export async function getPriceHistory(db: Queryable, communeId: string, productId: string) {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.communeOrgId, communeId), eq(products.id, productId)));
  if (!product) return null;
  const versions = await db
    .select({ price: negotiatedPrices, heldOn: priceSessions.heldOn, supplier: suppliers.name, notice: priceNotices })
    .from(negotiatedPrices)
    .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
    .leftJoin(suppliers, eq(suppliers.id, negotiatedPrices.supplierId))
    .leftJoin(priceNotices, eq(priceNotices.priceId, negotiatedPrices.id))
    .where(historyWhere(communeId, productId))
    .orderBy(desc(negotiatedPrices.createdAt));
  return { product, versions };
}

/**
 * The history's order across products: product after product (as listed: sort order, French
 * name; the id breaks ties), each one's newest decision first (the id breaks ties). Only its
 * shape and key are used: the order mixes directions, so the condition is written below.
 */
const historyKeyset = keyset(
  [
    { column: products.sortOrder, type: "int" },
    { column: products.nameFr, type: "text" },
    { column: products.id, type: "uuid" },
    { column: negotiatedPrices.createdAt, type: "timestamptz" },
    { column: negotiatedPrices.id, type: "uuid" },
  ],
  "asc",
);

/**
 * One page of the commune's price history (every product's, or one product's), as the product
 * history pages show each product's: read by its key after the `after` cursor, at most size + 1
 * rows (the price history export, and the read-only API's pages).
 */
export async function listPriceHistoryRows(db: Queryable, communeId: string, productId: string | undefined, page: PageRequest) {
  const after = decodeCursor(page.after, historyKeyset.shape);
  const product = sql`(${products.sortOrder}, ${products.nameFr}, ${products.id})`;
  const productKey = after && sql`(${after[0]}::int, ${after[1]}::text, ${after[2]}::uuid)`;
  const fetched = await db
    .select({
      price: negotiatedPrices,
      product: products,
      heldOn: priceSessions.heldOn,
      supplier: suppliers.name,
      notice: priceNotices,
      cursorKey: historyKeyset.keySql,
    })
    .from(negotiatedPrices)
    .innerJoin(products, and(eq(products.id, negotiatedPrices.productId), eq(products.communeOrgId, communeId)))
    .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
    .leftJoin(suppliers, eq(suppliers.id, negotiatedPrices.supplierId))
    .leftJoin(priceNotices, eq(priceNotices.priceId, negotiatedPrices.id))
    .where(
      and(
        historyWhere(communeId, productId),
        after &&
          sql`(${product} > ${productKey} or (${product} = ${productKey} and (${negotiatedPrices.createdAt}, ${negotiatedPrices.id}) < (${after[3]}::timestamptz, ${after[4]}::uuid)))`,
      ),
    )
    .orderBy(asc(products.sortOrder), asc(products.nameFr), asc(products.id), desc(negotiatedPrices.createdAt), desc(negotiatedPrices.id))
    .limit(page.size + 1);
  const { rows, next, previous } = toPage(fetched, page.size, (r) => JSON.parse(r.cursorKey) as SortKey, { after });
  return { next, previous, rows: rows.map(({ cursorKey: _, ...r }) => r) };
}

/** The number of versions in that history. */
export async function countPriceHistory(db: Queryable, communeId: string, productId: string | undefined) {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(negotiatedPrices)
    .innerJoin(products, and(eq(products.id, negotiatedPrices.productId), eq(products.communeOrgId, communeId)))
    .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
    .where(historyWhere(communeId, productId));
  return n;
}

const noticeKeyset = keyset(
  [
    { column: priceNotices.publishedOn, type: "date" },
    { column: priceNotices.createdAt, type: "timestamptz" },
    { column: priceNotices.id, type: "uuid" },
  ],
  "desc",
);

/** One page of the commune's price notices (of public decisions), latest published first, with their villages. */
export async function listNotices(db: Queryable, communeId: string, page: PageRequest = { size: DEFAULT_PAGE_SIZE }) {
  const plan = noticeKeyset.plan(page);
  const fetched = await db
    .select({ notice: priceNotices, price: negotiatedPrices, product: products, cursorKey: noticeKeyset.keySql })
    .from(priceNotices)
    .innerJoin(negotiatedPrices, eq(negotiatedPrices.id, priceNotices.priceId))
    .innerJoin(products, eq(products.id, negotiatedPrices.productId))
    .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
    .where(and(eq(priceNotices.communeOrgId, communeId), isPublicDecision, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const { rows, next, previous } = plan.finish(fetched);
  const villages = rows.length
    ? await db
        .select({ noticeId: priceNoticeVillages.noticeId, name: places.name, id: places.id })
        .from(priceNoticeVillages)
        .innerJoin(places, eq(places.id, priceNoticeVillages.villageId))
        .where(
          and(
            eq(priceNoticeVillages.communeOrgId, communeId),
            inArray(
              priceNoticeVillages.noticeId,
              rows.map((r) => r.notice.id),
            ),
          ),
        )
    : [];
  return { next, previous, rows: rows.map((r) => ({ ...r, villages: villages.filter((v) => v.noticeId === r.notice.id) })) };
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

const observationKeyset = keyset(
  [
    { column: marketObservations.observedOn, type: "date" },
    { column: marketObservations.createdAt, type: "timestamptz" },
    { column: marketObservations.id, type: "uuid" },
  ],
  "desc",
);

/**
 * An observation matches the search box (issue 14.4) by its price as typed, its day or month, or
 * its product (in any of its three languages) or market, whatever the accents, case or script.
 */
function observationSearchSql(communeId: string, q: string): SQL {
  const price = amountOf(q);
  const days = dateRangeOf(q);
  return sql`(${sql.join(
    [
      ...(price !== undefined ? [sql`${marketObservations.price} = ${price}`] : []),
      ...(days ? [sql`${marketObservations.observedOn} between ${days.from} and ${days.to}`] : []),
      sql`${marketObservations.productId} in (select p.id from products p where p.commune_org_id = ${communeId}
        and (${textMatchSql(sql`p.name_fr`, q)} or ${textMatchSql(sql`p.name_ar`, q)} or ${textMatchSql(sql`p.name_en`, q)}))`,
      sql`${marketObservations.placeId} in (select pl.id from places pl where ${textMatchSql(sql`pl.name`, q)})`,
    ],
    sql` or `,
  )})`;
}

/** One page of the commune's market observations, latest first; narrowed by the search box's query. */
export async function listObservations(db: Queryable, communeId: string, page: PageRequest = { size: DEFAULT_PAGE_SIZE }, q?: string) {
  const plan = observationKeyset.plan(page);
  const fetched = await db
    .select({ o: marketObservations, product: products, place: places.name, cursorKey: observationKeyset.keySql })
    .from(marketObservations)
    .innerJoin(products, eq(products.id, marketObservations.productId))
    .innerJoin(places, eq(places.id, marketObservations.placeId))
    .where(and(eq(marketObservations.communeOrgId, communeId), q ? observationSearchSql(communeId, q) : undefined, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(fetched);
}

/** Observations since a date, for the dashboard (aggregated in the page's pure functions). */
export async function listObservationsSince(db: Queryable, communeId: string, since: string) {
  return db
    .select({
      productId: marketObservations.productId,
      placeId: marketObservations.placeId,
      place: places.name,
      observedOn: marketObservations.observedOn,
      price: marketObservations.price,
      currency: marketObservations.currency,
    })
    .from(marketObservations)
    .innerJoin(places, eq(places.id, marketObservations.placeId))
    .where(and(eq(marketObservations.communeOrgId, communeId), sql`${marketObservations.observedOn} >= ${since}`));
}
