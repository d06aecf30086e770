import "server-only";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import type { Reader } from "@/lib/privacy/suppress";
import { aggregateSurveys, listSurveyQuarters } from "./queries";
import { listVisibleVillages } from "./scope";
import { buildTrendTable, buildVillageTable, type Labels } from "./tables";

export interface DashboardParams {
  village?: string;
  quarter?: string;
}

/**
 * Everything the cohesion dashboard shows, for the page and the exports alike (same function,
 * same figures). `scopeOrg` is whose villages are read: the tenant itself, or a consortium
 * member it drills into. Returns null when a requested village is not in scope.
 */
export async function loadCohesionDashboard(db: Queryable, scopeOrg: TenantOrg, reader: Reader, params: DashboardParams, t: Labels) {
  const villages = await listVisibleVillages(db, scopeOrg);
  const selected = params.village ? villages.find((v) => v.id === params.village) : undefined;
  if (params.village && !selected) return null;
  const allIds = villages.map((v) => v.id);
  const quarters = await listSurveyQuarters(db, allIds);
  const quarter = params.quarter && quarters.includes(params.quarter) ? params.quarter : quarters[0];
  const trend = await aggregateSurveys(db, selected ? [selected.id] : allIds, "quarter");
  const byVillage = quarter ? await aggregateSurveys(db, allIds, "village", { quarter }) : [];
  const tables = {
    trend: buildTrendTable(trend, t, reader, selected?.name ?? t("allVillages")),
    villages: buildVillageTable(byVillage, villages, t, reader, quarter ?? "—"),
  };
  return { villages, selected, quarters, quarter, tables };
}

export type CohesionDashboard = NonNullable<Awaited<ReturnType<typeof loadCohesionDashboard>>>;
export const dashboardTableIds = ["trend", "villages"] as const;
export type DashboardTableId = (typeof dashboardTableIds)[number];
