/**
 * The cohesion dashboard's tables, built once from the SQL aggregates for the page and for the
 * exports alike. Counts of people and figures derived from fewer than five of them are suppressed
 * for readers who may not see people.
 */
import { cellOf, type CellValue, type DataTableModel, type TableColumn } from "@/lib/exports/table";
import { Disclosure, suppressDerived, type Reader, type Ref } from "@/lib/privacy/suppress";
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

const respondentKeys = communities.flatMap((c) => [`${c}Women`, `${c}Men`]);
const respondentsOf = (a: CohesionAggregate) => communities.flatMap((c) => [a.respondents[c].women, a.respondents[c].men]);

/** Registers one row's respondent counts (keyed, so that the same figure in the other table is one cell). */
function registerRow(d: Disclosure, a: CohesionAggregate | undefined, key: string): Ref[] {
  const counts = a ? respondentsOf(a) : respondentKeys.map(() => 0);
  return counts.map((n, j) => d.cell(n, { key: `${key}:${respondentKeys[j]}` }));
}

function metricCells(a: CohesionAggregate, refs: Ref[], d: Disclosure): CellValue[] {
  const n = { host: a.respondents.host.women + a.respondents.host.men, refugee: a.respondents.refugee.women + a.respondents.refugee.men };
  return [
    a.surveys,
    ...refs.map((r) => d.show(r)),
    ...perceptionIndicators.flatMap((ind) =>
      communities.map((c) => {
        const levels = a.answers[ind]?.[c];
        return levels ? suppressDerived(positiveShare(levels), n[c], d.reader) : null;
      }),
    ),
    a.disputesReferred,
    a.disputesResolved,
    resolutionRate(a.disputesReferred, a.disputesResolved),
  ];
}

/**
 * The survey tables of the page, under one disclosure: the trend (one row per quarter, hosts and
 * refugees side by side) and one quarter's villages. The villages of that quarter add up, column
 * by column, to the trend's row of the quarter (or are that row, when the trend is one village's).
 */
export function buildSurveyTables(
  o: { trend: CohesionAggregate[]; byVillage: CohesionAggregate[]; villages: { id: string; name: string }[]; quarter?: string; selected?: string },
  t: Labels,
  reader: Reader,
  placeName: string,
): { trend: DataTableModel; villages: DataTableModel } {
  const d = new Disclosure(reader);
  const byId = new Map(o.byVillage.map((a) => [a.key, a]));
  const shown = o.villages.filter((v) => byId.has(v.id));
  const villageRefs = shown.map((v) => registerRow(d, byId.get(v.id), o.selected === v.id ? `q:${o.quarter}` : `v:${v.id}`));
  const trendRefs = o.trend.map((a) => registerRow(d, a, o.selected ? `q:${a.key}:${o.selected}` : `q:${a.key}`));
  if (!o.selected && o.quarter && villageRefs.length) {
    const row = registerRow(
      d,
      o.trend.find((a) => a.key === o.quarter),
      `q:${o.quarter}`,
    );
    row.forEach((total, j) =>
      d.sum(
        total,
        villageRefs.map((r) => r[j]),
      ),
    );
  }
  // With a village chosen, its trend row of the quarter is its village row: same keys.
  if (o.selected && o.quarter) {
    const own = shown.findIndex((v) => v.id === o.selected);
    const row = o.trend.findIndex((a) => a.key === o.quarter);
    if (own >= 0 && row >= 0) trendRefs[row] = villageRefs[own];
  }
  return {
    trend: {
      id: "cohesion-trend",
      title: t("trendTitle", { place: placeName }),
      columns: [{ key: "quarter", label: t("col.quarter"), hxl: "#date+quarter" }, ...metricColumns(t)],
      rows: o.trend.map((a, i) => [a.key, ...metricCells(a, trendRefs[i], d)]),
    },
    villages: {
      id: "cohesion-villages",
      title: t("villagesTitle", { quarter: o.quarter ?? "—" }),
      columns: [{ key: "village", label: t("col.village"), hxl: "#loc+name" }, ...metricColumns(t)],
      rows: shown.map((v, i) => [v.name, ...metricCells(byId.get(v.id)!, villageRefs[i], d)]),
    },
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
