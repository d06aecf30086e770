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
import { countMembers } from "@/lib/orgs/queries";
import { suppressCount, suppressDerived, type Reader } from "@/lib/privacy/suppress";

export interface CompareContext {
  reader: Reader;
  /** The quarter the cohesion columns compare (the latest surveyed across the consortium). */
  quarter?: string;
}

/**
 * A set of comparison columns: labels (catalogue keys of the `compare` namespace), HXL tags, and
 * one loader giving each member's cells. Revenue and inclusion plug in after the group-business
 * merge by adding a set to `compareColumnSets`; the page and the export pick it up unchanged.
 */
export interface CompareColumnSet {
  id: string;
  columns: { key: string; labelKey: string; hxl: string }[];
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

export const compareColumnSets: CompareColumnSet[] = [organisationSet, cohesionSet];
