/**
 * The cohesion dashboard's tables, built once from the SQL aggregates for the page and for the
 * exports alike. Counts of people and figures derived from fewer than five of them are suppressed
 * for readers who may not see people.
 */
import { cellOf, type CellValue, type DataTableModel, type TableColumn } from "@/lib/exports/table";
import { suppressCount, suppressDerived, type Reader } from "@/lib/privacy/suppress";
import { communities, perceptionIndicators, positiveShare, resolutionRate } from "./indicators";
import type { CohesionAggregate } from "./queries";

/** Translator of the `cohesion` namespace. */
export type Labels = (key: string, values?: Record<string, string | number>) => string;

const hxlCommunity = { host: "host", refugee: "refugees" } as const;

function metricColumns(t: Labels): TableColumn[] {
  return [
    { key: "surveys", label: t("col.surveys"), hxl: "#meta+surveys+num" },
    ...communities.flatMap((c) => [
      { key: `${c}Women`, label: t("col.respondents", { community: t(`community.${c}`), sex: t("sex.women") }), hxl: `#reached+${hxlCommunity[c]}+f` },
      { key: `${c}Men`, label: t("col.respondents", { community: t(`community.${c}`), sex: t("sex.men") }), hxl: `#reached+${hxlCommunity[c]}+m` },
    ]),
    ...perceptionIndicators.flatMap((ind) =>
      communities.map((c) => ({
        key: `${ind}_${c}`,
        label: t("col.positive", { indicator: t(`indicator.${ind}`), community: t(`community.${c}`) }),
        hxl: `#indicator+${ind.replace("_", "")}+${hxlCommunity[c]}+pct`,
      })),
    ),
    { key: "disputesReferred", label: t("col.disputesReferred"), hxl: "#indicator+disputes+referred+num" },
    { key: "disputesResolved", label: t("col.disputesResolved"), hxl: "#indicator+disputes+resolved+num" },
    { key: "resolutionRate", label: t("col.resolutionRate"), hxl: "#indicator+disputes+resolved+pct" },
  ];
}

function metricCells(a: CohesionAggregate, reader: Reader): CellValue[] {
  const n = { host: a.respondents.host.women + a.respondents.host.men, refugee: a.respondents.refugee.women + a.respondents.refugee.men };
  return [
    a.surveys,
    ...communities.flatMap((c) => [suppressCount(a.respondents[c].women, reader), suppressCount(a.respondents[c].men, reader)]),
    ...perceptionIndicators.flatMap((ind) =>
      communities.map((c) => {
        const levels = a.answers[ind]?.[c];
        return levels ? suppressDerived(positiveShare(levels), n[c], reader) : null;
      }),
    ),
    a.disputesReferred,
    a.disputesResolved,
    resolutionRate(a.disputesReferred, a.disputesResolved),
  ];
}

/** Trend: one row per quarter, hosts and refugees side by side. */
export function buildTrendTable(aggregates: CohesionAggregate[], t: Labels, reader: Reader, placeName: string): DataTableModel {
  return {
    id: "cohesion-trend",
    title: t("trendTitle", { place: placeName }),
    columns: [{ key: "quarter", label: t("col.quarter"), hxl: "#date+quarter" }, ...metricColumns(t)],
    rows: aggregates.map((a) => [a.key, ...metricCells(a, reader)]),
  };
}

/** One quarter, one row per village. */
export function buildVillageTable(
  aggregates: CohesionAggregate[],
  villages: { id: string; name: string }[],
  t: Labels,
  reader: Reader,
  quarter: string,
): DataTableModel {
  const byId = new Map(aggregates.map((a) => [a.key, a]));
  return {
    id: "cohesion-villages",
    title: t("villagesTitle", { quarter }),
    columns: [{ key: "village", label: t("col.village"), hxl: "#loc+name" }, ...metricColumns(t)],
    rows: villages.filter((v) => byId.has(v.id)).map((v) => [v.name, ...metricCells(byId.get(v.id)!, reader)]),
  };
}

/**
 * The rows a chart of a long table draws: the `max` with the most surveys, in the table's order
 * (null: the table is short enough to draw whole).
 */
export function mostSurveyedRows(table: DataTableModel, max: number): number[] | null {
  if (table.rows.length <= max) return null;
  const surveys = (i: number) => Number(cellOf(table, "surveys", i) ?? 0);
  return table.rows
    .map((_, i) => i)
    .sort((x, y) => surveys(y) - surveys(x) || x - y)
    .slice(0, max)
    .sort((x, y) => x - y);
}
