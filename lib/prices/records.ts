import "server-only";
import { and, asc, desc, eq, getTableColumns, isNull, lte, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { groups, negotiatedPrices, organisations, places, priceNotices, priceSessions, priceSettings, products, suppliers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { QuorumMinima } from "./quorum";

/** Lookups of one commune's records: the commune id comes first; another commune's id is "not found". */

export async function getSettings(db: Queryable, communeId: string) {
  const [row] = await db.select().from(priceSettings).where(eq(priceSettings.communeOrgId, communeId));
  return (
    row ?? {
      communeOrgId: communeId,
      minMcpgc: 1,
      minBeneficiaries: 1,
      minCommune: 1,
      minTradersFederation: 1,
      noticeDays: 7,
      horizonDays: 365,
      stabilityThresholdPct: 20,
      boardDigits: "latn" as const,
      updatedAt: new Date(0),
    }
  );
}

export function quorumMinima(s: Awaited<ReturnType<typeof getSettings>>): QuorumMinima {
  return { mcpgc: s.minMcpgc, beneficiaries: s.minBeneficiaries, commune: s.minCommune, traders_federation: s.minTradersFederation };
}

export async function requireSession(tx: Queryable, communeId: string, sessionId: string, opts: { lock?: boolean } = {}) {
  const q = tx
    .select()
    .from(priceSessions)
    .where(and(eq(priceSessions.communeOrgId, communeId), eq(priceSessions.id, sessionId)));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found");
  return row;
}

export async function requireProduct(tx: Queryable, communeId: string, productId: string, opts: { lock?: boolean } = {}) {
  const q = tx
    .select()
    .from(products)
    .where(and(eq(products.communeOrgId, communeId), eq(products.id, productId)));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found");
  return row;
}

export async function requireSupplier(tx: Queryable, communeId: string, supplierId: string) {
  const [row] = await tx
    .select({ id: suppliers.id })
    .from(suppliers)
    .where(and(eq(suppliers.communeOrgId, communeId), eq(suppliers.id, supplierId)));
  if (!row) throw new AppError("not_found");
  return row;
}

/** The commune's settlements (villages and campements of its territory). */
export async function listCommuneSettlements(db: Queryable, communeId: string) {
  return db
    .select({ id: places.id, name: places.name, level: places.level, community: places.community })
    .from(organisations)
    .innerJoin(places, eq(places.parentId, organisations.territoryPlaceId))
    .where(eq(organisations.id, communeId))
    .orderBy(places.name);
}

/** Group businesses located in the commune's settlements. */
export async function listCommuneGroups(db: Queryable, communeId: string) {
  return (
    db
      .select({ id: groups.id, name: groups.name, activityType: groups.activityType })
      .from(organisations)
      .innerJoin(places, eq(places.parentId, organisations.territoryPlaceId))
      .innerJoin(groups, eq(groups.villageId, places.id))
      // Archived groups take no new order lines (issue 14, migration 0033).
      .where(and(eq(organisations.id, communeId), isNull(groups.archivedAt)))
      .orderBy(groups.name)
  );
}

/** A decision is public (board, notices, prices in force, dashboard) once its session is closed, unless withdrawn. */
export const isPublicDecision = and(eq(priceSessions.status, "closed"), isNull(negotiatedPrices.withdrawnAt));

/** The public price version in force for a product on a date (latest effective date, then latest decision). */
export async function priceInForce(db: Queryable, communeId: string, productId: string, onDate: string) {
  const [row] = await db
    .select(getTableColumns(negotiatedPrices))
    .from(negotiatedPrices)
    .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
    .where(
      and(eq(negotiatedPrices.communeOrgId, communeId), eq(negotiatedPrices.productId, productId), lte(negotiatedPrices.effectiveOn, onDate), isPublicDecision),
    )
    .orderBy(desc(negotiatedPrices.effectiveOn), desc(negotiatedPrices.createdAt), desc(negotiatedPrices.id))
    .limit(1);
  return row ?? null;
}

/**
 * Every live (not withdrawn) version of a product, public or still in a draft session: the chain
 * the notice rule is judged on, as the database does (migration 0016).
 */
export async function liveVersions(db: Queryable, communeId: string, productId: string) {
  return db
    .select()
    .from(negotiatedPrices)
    .where(and(eq(negotiatedPrices.communeOrgId, communeId), eq(negotiatedPrices.productId, productId), isNull(negotiatedPrices.withdrawnAt)))
    .orderBy(asc(negotiatedPrices.effectiveOn), asc(negotiatedPrices.createdAt), asc(negotiatedPrices.id));
}

/** A decision of this commune's session; another commune's, or another session's, is "not found". */
export async function requireDecision(tx: Queryable, communeId: string, sessionId: string, decisionId: string) {
  const [row] = await tx
    .select()
    .from(negotiatedPrices)
    .where(and(eq(negotiatedPrices.communeOrgId, communeId), eq(negotiatedPrices.sessionId, sessionId), eq(negotiatedPrices.id, decisionId)));
  if (!row) throw new AppError("not_found");
  return row;
}

export async function noticeOf(db: Queryable, communeId: string, priceId: string) {
  const [row] = await db
    .select()
    .from(priceNotices)
    .where(and(eq(priceNotices.communeOrgId, communeId), eq(priceNotices.priceId, priceId)));
  return row ?? null;
}

export const nowSql = sql`now()`;
