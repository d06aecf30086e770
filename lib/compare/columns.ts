import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { activityTypes, groups } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { groupScopeSql } from "@/lib/groups/scope";
import { positiveShare, resolutionRate, type Community, type PerceptionIndicator } from "@/lib/cohesion/indicators";
import { aggregateSurveys } from "@/lib/cohesion/queries";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import type { CellValue } from "@/lib/exports/table";
import { revenueBy } from "@/lib/groups/dashboard";
import { inclusionSummaryCells } from "@/lib/inclusion/compare-cells";
import { aggregateInclusion } from "@/lib/inclusion/queries";
import { countMembers } from "@/lib/orgs/queries";
import { suppressCount, suppressDerived, type Reader } from "@/lib/privacy/suppress";
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
 * one loader giving each member's cells. A new set is added to `compareColumnSets`; the page and
 * the export pick it up unchanged.
 */
export interface CompareColumnSet {
  id: string;
  columns: { key: string; labelKey: string; hxl: string; labelValues?: (ctx: CompareContext) => Record<string, string> }[];
  load(db: Queryable, member: TenantOrg, ctx: CompareContext): Promise<CellValue[]>;
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
    const empty = Array<CellValue>(2 + cohesionCells.length + 1).fill(null);
    if (!quarter) return empty;
    const villageIds = (await listVisibleVillages(db, member)).map((v) => v.id);
    const byVillage = await aggregateSurveys(db, villageIds, "village", { quarter });
    const [a] = await aggregateSurveys(db, villageIds, "quarter", { quarter });
    if (!a) return [0, 0, ...empty.slice(2)];
    const n = { host: a.respondents.host.women + a.respondents.host.men, refugee: a.respondents.refugee.women + a.respondents.refugee.men };
    return [
      byVillage.length,
      suppressCount(n.host + n.refugee, reader),
      ...cohesionCells.map(([ind, com]) => {
        const levels = a.answers[ind]?.[com];
        return levels ? suppressDerived(positiveShare(levels), n[com], reader) : null;
      }),
      resolutionRate(a.disputesReferred, a.disputesResolved),
    ];
  },
};

/** Revenue of the group activities over the period, converted with dated rates like the revenue dashboard. */
const revenueSet: CompareColumnSet = {
  id: "revenue",
  columns: [
    { key: "revenue", labelKey: "revenueCol.revenue", hxl: "#value+revenue", labelValues: (ctx) => ({ currency: ctx.params.currency }) },
  ],
  async load(db, member, { params }) {
    const [total] = await revenueBy(db, member, "total", { from: params.from, to: params.to });
    return [total ? (params.currency === "XOF" ? total.xof : total.mru) : 0];
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
};

export const compareColumnSets: CompareColumnSet[] = [organisationSet, revenueSet, inclusionSet, cohesionSet];
