import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { activityTypes, groups } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { aggregateSurveysOfOrgs } from "@/lib/cohesion/compare-batch";
import { positiveShare, resolutionRate, type Community, type PerceptionIndicator } from "@/lib/cohesion/indicators";
import { aggregateSurveys, type CohesionAggregate } from "@/lib/cohesion/queries";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import type { CellValue } from "@/lib/exports/table";
import { countGroupsOfOrgs, revenueOfOrgs } from "@/lib/groups/compare-batch";
import { revenueBy } from "@/lib/groups/dashboard";
import { groupScopeSql } from "@/lib/groups/scope";
import { aggregateInclusionOfOrgs } from "@/lib/inclusion/compare-batch";
import { inclusionSummaryCells } from "@/lib/inclusion/compare-cells";
import { emptyCounts } from "@/lib/inclusion/indicators";
import { aggregateInclusion } from "@/lib/inclusion/queries";
import { countMembers } from "@/lib/orgs/queries";
import { suppressCount, suppressDerived, type Reader } from "@/lib/privacy/suppress";
import { countAccountsOfOrgs } from "./members";
import type { CompareParams } from "./params";

export interface CompareContext {
  reader: Reader;
  /** The quarter the cohesion columns compare (the latest surveyed across the consortium). */
  quarter?: string;
  /** Revenue period and display currency (lib/compare/params.ts). */
  params: CompareParams;
  /** Reference date of the inclusion columns (active members, last full rotation cycle). */
  on: string;
}

/**
 * A set of comparison columns: labels (catalogue keys of the `compare` namespace), HXL tags, and
 * its cells. `loadAll` gives every member's cells (in the members' order) in a fixed number of
 * statements, whatever the number of members: the page and the export use it. `load` gives one
 * member's cells with the dashboards' own loaders: the definition `loadAll` must equal, cell for
 * cell (tests/integration/compare.test.ts). A new set is added to `compareColumnSets` with both;
 * the page and the export pick it up unchanged.
 */
export interface CompareColumnSet {
  id: string;
  columns: { key: string; labelKey: string; hxl: string; labelValues?: (ctx: CompareContext) => Record<string, string> }[];
  load(db: Queryable, member: TenantOrg, ctx: CompareContext): Promise<CellValue[]>;
  loadAll(db: Queryable, members: readonly TenantOrg[], ctx: CompareContext): Promise<CellValue[][]>;
}

const organisationSet: CompareColumnSet = {
  id: "organisation",
  columns: [
    { key: "accounts", labelKey: "col.accounts", hxl: "#meta+accounts+num" },
    { key: "groups", labelKey: "col.groups", hxl: "#group+num" },
  ],
  async load(db, member) {
    const scope = groupScopeSql(member);
    // Group activities only: individual activities are one-member groups of another kind.
    const [g] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(groups)
      .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
      .where(and(scope, eq(activityTypes.kind, "group")));
    return [await countMembers(db, member.id), g?.n ?? 0];
  },
  async loadAll(db, members) {
    const accounts = await countAccountsOfOrgs(db, members);
    const groupCounts = await countGroupsOfOrgs(db, members);
    return members.map((m) => [accounts.get(m.id) ?? null, groupCounts.get(m.id) ?? 0]);
  },
};

const cohesionCells: [PerceptionIndicator, Community][] = [
  ["trust", "host"],
  ["trust", "refugee"],
  ["trade", "host"],
  ["trade", "refugee"],
  ["security", "host"],
  ["security", "refugee"],
];

const cohesionSet: CompareColumnSet = {
  id: "cohesion",
  columns: [
    { key: "villagesSurveyed", labelKey: "col.villagesSurveyed", hxl: "#loc+surveyed+num" },
    { key: "respondents", labelKey: "col.respondents", hxl: "#reached+num" },
    ...cohesionCells.map(([ind, com]) => ({
      key: `${ind}_${com}`,
      labelKey: `col.${ind}_${com}`,
      hxl: `#indicator+${ind}+${com === "host" ? "host" : "refugees"}+pct`,
    })),
    { key: "resolutionRate", labelKey: "col.resolutionRate", hxl: "#indicator+disputes+resolved+pct" },
  ],
  async load(db, member, { reader, quarter }) {
    if (!quarter) return cohesionCellsOf(undefined, reader);
    const villageIds = (await listVisibleVillages(db, member)).map((v) => v.id);
    const byVillage = await aggregateSurveys(db, villageIds, "village", { quarter });
    const [a] = await aggregateSurveys(db, villageIds, "quarter", { quarter });
    return cohesionCellsOf(a ? { villages: byVillage.length, aggregate: a } : null, reader);
  },
  async loadAll(db, members, { reader, quarter }) {
    if (!quarter) return members.map(() => cohesionCellsOf(undefined, reader));
    const surveys = await aggregateSurveysOfOrgs(db, members, quarter);
    return members.map((m) => cohesionCellsOf(surveys.get(m.id) ?? null, reader));
  },
};

/**
 * A member's cohesion cells: all empty without a quarter (`undefined`), zeros without a survey
 * in it (`null`), else the surveyed villages, respondents and indicators with small-cell rules.
 */
function cohesionCellsOf(s: { villages: number; aggregate: CohesionAggregate } | null | undefined, reader: Reader): CellValue[] {
  const empty = Array<CellValue>(2 + cohesionCells.length + 1).fill(null);
  if (s === undefined) return empty;
  if (s === null) return [0, 0, ...empty.slice(2)];
  const a = s.aggregate;
  const n = { host: a.respondents.host.women + a.respondents.host.men, refugee: a.respondents.refugee.women + a.respondents.refugee.men };
  return [
    s.villages,
    suppressCount(n.host + n.refugee, reader),
    ...cohesionCells.map(([ind, com]) => {
      const levels = a.answers[ind]?.[com];
      return levels ? suppressDerived(positiveShare(levels), n[com], reader) : null;
    }),
    resolutionRate(a.disputesReferred, a.disputesResolved),
  ];
}

/** Revenue of the group activities over the period, converted with dated rates like the revenue dashboard. */
const revenueSet: CompareColumnSet = {
  id: "revenue",
  columns: [{ key: "revenue", labelKey: "revenueCol.revenue", hxl: "#value+revenue", labelValues: (ctx) => ({ currency: ctx.params.currency }) }],
  async load(db, member, { params }) {
    const [total] = await revenueBy(db, member, "total", { from: params.from, to: params.to });
    return [total ? (params.currency === "XOF" ? total.xof : total.mru) : 0];
  },
  async loadAll(db, members, { params }) {
    const totals = await revenueOfOrgs(db, members, { from: params.from, to: params.to });
    return members.map((m) => {
      const total = totals.get(m.id);
      return [total ? (params.currency === "XOF" ? total.xof : total.mru) : 0];
    });
  },
};

/** The inclusion dashboard's headline figures (lib/inclusion), with its small-cell rules. */
const inclusionSet: CompareColumnSet = {
  id: "inclusion",
  columns: [
    { key: "activeMembers", labelKey: "inclusionCol.members", hxl: "#reached+total" },
    { key: "womenPct", labelKey: "inclusionCol.womenPct", hxl: "#reached+f+pct" },
    { key: "disabledPct", labelKey: "inclusionCol.disabledPct", hxl: "#reached+disabled+pct" },
    { key: "refugeesPct", labelKey: "inclusionCol.refugeesPct", hxl: "#reached+refugees+pct" },
    { key: "disabledManagersPct", labelKey: "inclusionCol.disabledManagersPct", hxl: "#reached+managers+disabled+pct" },
  ],
  async load(db, member, { reader, on }) {
    const { total } = await aggregateInclusion(db, { org: member, on, by: "activity", locale: "fr" });
    return inclusionSummaryCells(total, reader);
  },
  async loadAll(db, members, { reader, on }) {
    const counts = await aggregateInclusionOfOrgs(db, members, on);
    return members.map((m) => inclusionSummaryCells(counts.get(m.id) ?? emptyCounts(), reader));
  },
};

export const compareColumnSets: CompareColumnSet[] = [organisationSet, revenueSet, inclusionSet, cohesionSet];
