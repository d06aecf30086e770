import "server-only";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import type { Locale } from "@/lib/i18n/locales";
import { translatorInText } from "@/lib/i18n/isolate";
import type { Reader } from "@/lib/privacy/suppress";
import { loadCohesionDashboard, type DashboardParams } from "./dashboard";
import { perceptionIndicators } from "./indicators";
import { listIndicatorTexts, listSurveyEnterers } from "./queries";
import type { Labels } from "./tables";

const pick = <T extends Record<string, unknown>>(row: T, base: string, locale: Locale) => row[`${base}${locale[0].toUpperCase()}${locale.slice(1)}`] as string;

/** The dashboard plus what the page shows around it: who entered the surveys, the questions. */
export async function loadCohesionPage(db: Queryable, scopeOrg: TenantOrg, reader: Reader, params: DashboardParams, t: Labels, locale: Locale) {
  const dash = await loadCohesionDashboard(db, scopeOrg, reader, params, translatorInText(t, locale));
  if (!dash) return null;
  const enterers = (
    await listSurveyEnterers(
      db,
      dash.villages.map((v) => v.id),
    )
  ).map((e) => e.name);
  const indicators = (await listIndicatorTexts(db)).map((i) => ({
    code: i.code,
    question: pick(i, "question", locale),
    scale: pick(i, "scale", locale),
  }));
  return { dash, enterers, indicators };
}

/** Query parameters of the dashboard, kept only when well-formed. */
export function dashboardParams(sp: Record<string, string | string[] | undefined>): DashboardParams {
  const one = (v: string | string[] | undefined) => (typeof v === "string" && v.length <= 64 ? v : undefined);
  const village = one(sp.village);
  const quarter = one(sp.quarter);
  const indicator = one(sp.indicator);
  return {
    village: village && /^[0-9a-f-]{36}$/i.test(village) ? village : undefined,
    quarter: quarter && /^\d{4}-Q[1-4]$/.test(quarter) ? quarter : undefined,
    indicator: perceptionIndicators.find((i) => i === indicator),
  };
}
