import "server-only";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { today } from "@/lib/dates";
import type { Reader } from "@/lib/privacy/suppress";
import { quarterBounds } from "@/lib/quarters/quarter";
import type { PerceptionIndicator } from "./indicators";
import { aggregateSurveys, listSurveyQuarters } from "./queries";
import { aggregateCredits, aggregateGroupMix } from "./records";
import { buildRecordsTrendTable, buildRecordsVillageTable, quarterSpan } from "./records-tables";
import { listVisibleVillages } from "./scope";
import { buildSurveyTables, type Labels } from "./tables";

export interface DashboardParams {
  village?: string;
  quarter?: string;
  /** The indicator the survey charts show (the tables show them all). */
  indicator?: PerceptionIndicator;
}

/**
 * Everything the cohesion dashboard shows, for the page and the exports alike (same function,
 * same figures). `scopeOrg` is whose villages are read: the tenant itself, or a consortium
 * member it drills into. Returns null when a requested village is not in scope.
 */
export async function loadCohesionDashboard(db: Queryable, scopeOrg: TenantOrg, reader: Reader, params: DashboardParams, t: Labels, asOf = today()) {
  const villages = await listVisibleVillages(db, scopeOrg);
  const selected = params.village ? villages.find((v) => v.id === params.village) : undefined;
  if (params.village && !selected) return null;
  const allIds = villages.map((v) => v.id);
  const quarters = await listSurveyQuarters(db, allIds);
  const quarter = params.quarter && quarters.includes(params.quarter) ? params.quarter : quarters[0];
  // Both trends (surveys, records) follow the village filter; the village tables show them all.
  const trendIds = selected ? [selected.id] : allIds;
  const place = selected?.name ?? t("allVillages");
  const trend = await aggregateSurveys(db, trendIds, "quarter");
  const byVillage = quarter ? await aggregateSurveys(db, allIds, "village", { quarter }) : [];
  const creditTrend = await aggregateCredits(db, scopeOrg, trendIds, "quarter", asOf);
  const recordQuarters = quarterSpan(creditTrend.map((c) => c.key));
  const quarterEnds = Object.fromEntries(recordQuarters.map((q) => [q, quarterBounds(q).end < asOf ? quarterBounds(q).end : asOf]));
  const mixTrend = await aggregateGroupMix(db, scopeOrg, trendIds, { by: "quarter", days: quarterEnds });
  const creditVillages = await aggregateCredits(db, scopeOrg, allIds, "village", asOf);
  const mixVillages = await aggregateGroupMix(db, scopeOrg, allIds, { by: "village", asOf });
  const surveys = buildSurveyTables({ trend, byVillage, villages, quarter, selected: selected?.id }, t, reader, place);
  const tables = {
    trend: surveys.trend,
    villages: surveys.villages,
    "records-trend": buildRecordsTrendTable(creditTrend, mixTrend, recordQuarters, t, reader, place),
    "records-villages": buildRecordsVillageTable(creditVillages, mixVillages, villages, t, reader),
  };
  return { villages, selected, quarters, quarter, tables };
}

export type CohesionDashboard = NonNullable<Awaited<ReturnType<typeof loadCohesionDashboard>>>;
export const dashboardTableIds = ["trend", "villages", "records-trend", "records-villages"] as const;
export type DashboardTableId = (typeof dashboardTableIds)[number];
