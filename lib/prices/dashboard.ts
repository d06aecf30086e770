import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { negotiatedPrices, places, priceNotices, priceNoticeVillages, priceSessions } from "@/db/schema";
import { classifyChain } from "./chain";
import { addDays, addMonths, monthOf } from "@/lib/dates";
import { byProduct, versionInForce } from "./in-force";
import { isAnnouncedOnTime } from "./notice";
import { listObservationsSince, listPriceVersions, listProducts } from "./queries";
import { getSettings, isPublicDecision } from "./records";
import { monthRange, stabilityByPlace } from "./stability";

const lastDayOf = (month: string) => addDays(`${addMonths(month, 1)}-01`, -1);

/**
 * The price dashboard of one commune over the twelve months ending with `onDate`'s month, from
 * public decisions only (closed sessions, not withdrawn). Stability is judged per product and
 * place, never pooled across markets.
 */
export async function loadDashboard(db: Queryable, communeId: string, onDate: string) {
  const months = monthRange(monthOf(onDate), 12);
  const since = `${addMonths(months[0], -3)}-01`;
  const [products, versions, observations, settings, notices, perVillage] = await Promise.all([
    listProducts(db, communeId),
    listPriceVersions(db, communeId),
    listObservationsSince(db, communeId, since),
    getSettings(db, communeId),
    db
      .select({ priceId: priceNotices.priceId, recordedAt: priceNotices.recordedAt, noticeDays: priceNotices.noticeDays })
      .from(priceNotices)
      .innerJoin(negotiatedPrices, eq(negotiatedPrices.id, priceNotices.priceId))
      .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
      .where(and(eq(priceNotices.communeOrgId, communeId), isPublicDecision)),
    db
      .select({ village: places.name, notices: count() })
      .from(priceNoticeVillages)
      .innerJoin(places, eq(places.id, priceNoticeVillages.villageId))
      .innerJoin(priceNotices, eq(priceNotices.id, priceNoticeVillages.noticeId))
      .innerJoin(negotiatedPrices, eq(negotiatedPrices.id, priceNotices.priceId))
      .innerJoin(priceSessions, eq(priceSessions.id, negotiatedPrices.sessionId))
      .where(and(eq(priceNoticeVillages.communeOrgId, communeId), isPublicDecision))
      .groupBy(places.name)
      .orderBy(places.name),
  ]);
  const versionsOf = byProduct(versions);
  const observationsOf = byProduct(observations);
  const placeName = new Map(observations.map((o) => [o.placeId, o.place]));

  const series = products.map((product) => {
    const vs = versionsOf.get(product.id) ?? [];
    const currency = vs.at(-1)?.currency ?? "MRU";
    const obs = (observationsOf.get(product.id) ?? []).filter((o) => o.currency === currency);
    const byPlace = stabilityByPlace(obs, settings.stabilityThresholdPct, months)
      .map(({ placeId, points }) => ({
        placeId,
        place: placeName.get(placeId) ?? "",
        points: points.map((p) => ({ ...p, agreed: versionInForce(vs, lastDayOf(p.month))?.sellingPrice ?? null })),
      }))
      .sort((a, b) => a.place.localeCompare(b.place));
    return { product, currency, places: byPlace };
  });

  // An increase is a public version above the public one before it (chain order, per product).
  const noticeOf = new Map(notices.map((n) => [n.priceId, n]));
  const increases = [...versionsOf.values()].flatMap((vs) => {
    const chain = classifyChain(vs);
    return vs.filter((v) => chain.get(v.id)?.isIncrease);
  });
  const onTime = increases.filter((v) => {
    const n = noticeOf.get(v.id);
    return n ? isAnnouncedOnTime(n.recordedAt, v.effectiveOn, n.noticeDays) : false;
  }).length;

  return {
    months,
    series,
    alerts: series.flatMap((s) =>
      s.places.flatMap(({ placeId, place, points }) =>
        points.filter((p) => p.isAlert).map((p) => ({ product: s.product, currency: s.currency, placeId, place, ...p })),
      ),
    ),
    increases: { total: increases.length, onTime },
    perVillage,
    thresholdPct: settings.stabilityThresholdPct,
  };
}
