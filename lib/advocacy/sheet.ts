import "server-only";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { loadCohesionDashboard } from "@/lib/cohesion/dashboard";
import { mixedGroupShare } from "@/lib/cohesion/indicators";
import type { Labels as CohesionLabels } from "@/lib/cohesion/tables";
import { cellOf } from "@/lib/exports/table";
import { loadDashboard, revenueBy } from "@/lib/groups/dashboard";
import { loadInclusionDashboard } from "@/lib/inclusion/dashboard";
import type { Labels as InclusionLabels } from "@/lib/inclusion/tables";
import type { Reader } from "@/lib/privacy/suppress";
import { chartFromTable, columnSum, latest, type ChartModel } from "./figures";

/** Quarters of sales the revenue chart shows (the latest ones). */
export const REVENUE_QUARTERS = 8;

/**
 * The advocacy sheet of an organisation: the headline figures of its revenue, inclusion and
 * cohesion dashboards, loaded by those dashboards' own loaders over the same scope and for the
 * same reader (so with the same small-cell suppression), and three charts drawn from their tables.
 * The revenue is the programme to date (every recorded sale), as the revenue dashboard shows it
 * without filters; people are counted on `today`.
 */
export async function loadAdvocacySheet(
  db: Queryable,
  org: TenantOrg,
  reader: Reader,
  labels: { inclusion: InclusionLabels; cohesion: CohesionLabels; community: (c: "host" | "refugee") => string },
  locale: string,
  today: string,
) {
  const revenue = await loadDashboard(db, org, {}, locale);
  const quarters = (await revenueBy(db, org, "quarter", {}, locale)).sort((a, b) => a.key.localeCompare(b.key));
  const inclusion = await loadInclusionDashboard(db, org, reader, { by: "activity", on: today }, labels.inclusion, locale);
  const cohesion = await loadCohesionDashboard(db, org, reader, {}, labels.cohesion, today);
  const { tables } = inclusion;
  const months = revenue.byMonth.map((m) => m.key);
  const trust = cohesion ? latest(cohesion.tables.trend, ["trust_host", "trust_refugee"]) : null;
  // Groups today, summed over the villages of the records table (groups are not people).
  const villages = cohesion?.tables["records-villages"];
  const [groups, mixed] = villages ? [columnSum(villages, "groups"), columnSum(villages, "mixedGroups")] : [null, null];
  const sexDisability = tables["sex-disability"];
  const disabilityKeys = ["disabled", "noDisability", "wgUnknown"];
  const charts: Record<"revenue" | "members" | "trust", Omit<ChartModel, "title">> = {
    revenue: {
      series: ["XOF", "MRU"],
      rows: quarters.slice(-REVENUE_QUARTERS).map((q) => ({ label: q.key, cells: [q.xof, q.mru] })),
    },
    members: {
      series: disabilityKeys.map((k) => sexDisability.columns.find((c) => c.key === k)!.label),
      rows: chartFromTable(sexDisability, disabilityKeys, [0, 1]),
    },
    trust: {
      series: [labels.community("host"), labels.community("refugee")],
      rows: cohesion ? chartFromTable(cohesion.tables.trend, ["trust_host", "trust_refugee"]) : [],
      max: 100,
    },
  };
  return {
    revenue: { ...revenue.total, groups: revenue.groupCount, from: months[0] ?? null, to: months.at(-1) ?? null },
    people: {
      members: cellOf(tables.sex, "members"),
      womenPct: cellOf(tables.sex, "womenPct"),
      disabledPct: cellOf(tables.disability, "disabledPct"),
      refugeesPct: cellOf(tables.status, "refugeesPct"),
      // The participation table's rows: women, men, members with a disability, everyone.
      disabledManagersPct: cellOf(tables.participation, "shareOfManagers", 2),
      disabledMembersPct: cellOf(tables.participation, "shareOfMembers", 2),
      cycleGroups: inclusion.total.cycleGroups,
    },
    cohesion: {
      trustQuarter: trust?.key ?? null,
      trustHost: trust?.cells[0] ?? null,
      trustRefugee: trust?.cells[1] ?? null,
      mixedGroups: mixed,
      mixedPct: groups == null || mixed == null ? null : mixedGroupShare(groups, mixed),
    },
    charts,
  };
}

export type AdvocacySheet = Awaited<ReturnType<typeof loadAdvocacySheet>>;
