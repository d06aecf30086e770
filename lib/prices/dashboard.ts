import "server-only";
import { count, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { places, priceNotices, priceNoticeVillages } from "@/db/schema";
import { addDays, addMonths, monthOf } from "./dates";
import { byProduct, versionInForce } from "./in-force";
import { isAnnouncedOnTime } from "./notice";
import { listObservationsSince, listPriceVersions, listProducts } from "./queries";
import { getSettings } from "./records";
import { monthRange, stabilitySeries } from "./stability";

const lastDayOf = (month: string) => addDays(`${addMonths(month, 1)}-01`, -1);

/** The price dashboard of one commune over the twelve months ending with `onDate`'s month. */
export async function loadDashboard(db: Queryable, communeId: string, onDate: string) {
  const months = monthRange(monthOf(onDate), 12);
  const since = `${addMonths(months[0], -3)}-01`;
  const [products, versions, observations, settings, notices, perVillage] = await Promise.all([
    listProducts(db, communeId),
    listPriceVersions(db, communeId),
    listObservationsSince(db, communeId, since),
    getSettings(db, communeId),
    db.select().from(priceNotices).where(eq(priceNotices.communeOrgId, communeId)),
    db
      .select({ village: places.name, notices: count() })
      .from(priceNoticeVillages)
      .innerJoin(places, eq(places.id, priceNoticeVillages.villageId))
      .where(eq(priceNoticeVillages.communeOrgId, communeId))
      .groupBy(places.name)
      .orderBy(places.name),
  ]);
  const versionsOf = byProduct(versions);
  const observationsOf = byProduct(observations);

  const series = products.map((product) => {
    const vs = versionsOf.get(product.id) ?? [];
    const currency = vs.at(-1)?.currency ?? "MRU";
    const obs = (observationsOf.get(product.id) ?? []).filter((o) => o.currency === currency);
    const points = stabilitySeries(obs, settings.stabilityThresholdPct, months).map((p) => ({
      ...p,
      agreed: versionInForce(vs, lastDayOf(p.month))?.sellingPrice ?? null,
    }));
    return { product, currency, points };
  });

  // An increase is a version whose selling price exceeds the one it superseded.
  const byId = new Map(versions.map((v) => [v.id, v]));
  const noticeOf = new Map(notices.map((n) => [n.priceId, n]));
  const increases = versions.filter((v) => v.supersedesId && v.sellingPrice > (byId.get(v.supersedesId)?.sellingPrice ?? Infinity));
  const onTime = increases.filter((v) => {
    const n = noticeOf.get(v.id);
    return n ? isAnnouncedOnTime(n.publishedOn, v.effectiveOn, settings.noticeDays) : false;
  }).length;

  return {
    months,
    series,
    alerts: series.flatMap((s) => s.points.filter((p) => p.isAlert).map((p) => ({ product: s.product, currency: s.currency, ...p }))),
    increases: { total: increases.length, onTime },
    perVillage,
    thresholdPct: settings.stabilityThresholdPct,
  };
}
