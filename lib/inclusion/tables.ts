/**
 * The inclusion dashboard's tables, built once from the SQL counts for the page and the exports
 * alike. For readers who may not see people, every count is a cell of the page's `Disclosure`
 * (lib/privacy): counts of 1 to 4 show as "<5", and a second cell "•" wherever a row, a column,
 * a total or another table of the page would give one away; a share is withheld ("•") when its
 * numerator or base is hidden.
 */
import type { CellValue, DataTableModel, TableColumn } from "@/lib/exports/table";
import { ageBands } from "@/lib/people/age-bands";
import { HIDDEN, type Disclosure, type Reader, type Ref } from "@/lib/privacy/suppress";
import { wgDomains } from "@/lib/wgss";
import { disabledWithoutAid, householdStatuses, percent, refugeeStatuses, type InclusionCounts } from "./indicators";
import type { Breakdown } from "./breakdowns";
import type { BreakdownCounts } from "./queries";

/** Translator of the `inclusion` namespace. */
export type Labels = (key: string, values?: Record<string, string | number>) => string;

export interface TableContext {
  t: Labels;
  reader: Reader;
  by: Breakdown;
  /** The reference date as written in titles (lib/inclusion/params.ts, dateInText). */
  on: string;
  /** The page's disclosure control: every table of the page registers its counts there. */
  disclosure: Disclosure;
}

/** A column counting people, or a share (%) of two of them. */
export type Measure = { key: string; hxl: string } & ({ count: (c: InclusionCounts) => number; role: Role } | { share: { parts: string[]; whole: string } });
/**
 * `interior`: a count of people adding up across the row to the table's margin; `margin`: the
 * row's total of people; `plain`: not a count of people (groups), never suppressed.
 */
type Role = "interior" | "margin" | "plain";

/**
 * A cell resolved once every table of the page is registered: a count (its disclosure cell) or a
 * share of counts (withheld when any of them is hidden).
 */
export type Pending = CellValue | { ref: Ref } | { share: Ref[]; value: CellValue };
export interface PendingTable extends Omit<DataTableModel, "rows"> {
  rows: Pending[][];
}

/** The published table, once the page's disclosure is resolved. */
export function publish(table: PendingTable, d: Disclosure): DataTableModel {
  const cell = (c: Pending): CellValue =>
    c != null && typeof c === "object" ? ("ref" in c ? d.show(c.ref) : c.share.some((r) => d.isHidden(r)) ? HIDDEN : c.value) : c;
  return { ...table, rows: table.rows.map((r) => r.map(cell)) };
}

/** How much the reader loses when a column is hidden: a women's network keeps its women first, everyone the totals. */
export function weightOf(key: string, role: Role | "total", reader: Reader) {
  if (reader.orgType === "cooperative_network" && /women/i.test(key)) return 4;
  return role === "margin" || role === "total" ? 2 : 1;
}

/**
 * One row per breakdown value and a total row. Interior count columns add up across the row to
 * the margin (`rows`); every count column adds up down the rows to the total row (`cols`). A
 * count is one cell of the page's disclosure, keyed by its row and measure, so the same figure in
 * another table of the page (the members of a village in the sex, age and status tables) is
 * hidden everywhere or nowhere.
 */
export function breakdownTable(
  id: string,
  title: string,
  measures: Measure[],
  data: { rows: (BreakdownCounts & { key?: string })[]; total: InclusionCounts },
  ctx: TableContext,
  lines: { rows: boolean; cols: boolean },
  first: TableColumn = { key: ctx.by, label: ctx.t(`by.${ctx.by}`), hxl: ctx.by === "activity" ? "#activity+name" : "#loc+name" },
): PendingTable {
  const { t, reader, disclosure: d } = ctx;
  const counts = measures.filter((m): m is Extract<Measure, { count: unknown }> => "count" in m);
  const all = [...data.rows.map((r) => ({ key: `${ctx.by}:${r.key ?? r.label}`, counts: r.counts })), { key: "total", counts: data.total }];
  const refs = all.map((r, i) => {
    const m = new Map<string, Ref>();
    for (const c of counts) {
      if (c.role === "plain") continue;
      const weight = weightOf(c.key, i === all.length - 1 ? "total" : c.role, reader) + (i === all.length - 1 ? 1 : 0);
      m.set(c.key, d.cell(c.count(r.counts), { key: `${r.key}:${c.key}`, weight }));
    }
    return m;
  });
  const interior = counts.filter((m) => m.role === "interior");
  const margin = counts.find((m) => m.role === "margin");
  if (lines.rows && margin)
    for (const r of refs)
      d.sum(
        r.get(margin.key)!,
        interior.map((m) => r.get(m.key)!),
      );
  if (lines.cols && data.rows.length > 0)
    for (const c of counts)
      if (c.role !== "plain")
        d.sum(
          refs.at(-1)!.get(c.key)!,
          refs.slice(0, -1).map((r) => r.get(c.key)!),
        );
  const cellsOf = (c: InclusionCounts, i: number): Pending[] =>
    measures.map((m) => {
      if ("count" in m) return m.role === "plain" ? m.count(c) : { ref: refs[i].get(m.key)! };
      const of = (k: string) => counts.find((x) => x.key === k)!;
      const keys = [...m.share.parts, m.share.whole];
      return {
        share: keys.map((k) => refs[i].get(k)!),
        value: percent(
          m.share.parts.reduce((s, k) => s + of(k).count(c), 0),
          of(m.share.whole).count(c),
        ),
      };
    });
  return {
    id: `inclusion-${id}`,
    title,
    columns: [first, ...measures.map((m): TableColumn => ({ key: m.key, label: t(`col.${m.key}`), hxl: m.hxl }))],
    rows: all.map((r, i) => [i < data.rows.length ? data.rows[i].label : t("total"), ...cellsOf(r.counts, i)]),
  };
}

export const count = (key: string, hxl: string, fn: (c: InclusionCounts) => number, role: Role = "interior"): Measure => ({ key, hxl, count: fn, role });
const share = (key: string, hxl: string, part: string | string[], whole: string): Measure => ({ key, hxl, share: { parts: [part].flat(), whole } });

export const disabilityMeasures = [
  count("disabled", "#reached+disabled", (c) => c.disabled),
  count("noDisability", "#reached+notdisabled", (c) => c.noDisability),
  count("wgUnknown", "#reached+disabled+unknown", (c) => c.wgUnknown),
  count("tooYoung", "#reached+under5", (c) => c.tooYoung),
  count("members", "#reached+total", (c) => c.members, "margin"),
  share("disabledPct", "#reached+disabled+pct", "disabled", "members"),
];

export function buildBreakdownTables(data: { rows: BreakdownCounts[]; total: InclusionCounts }, ctx: TableContext) {
  const { t, on } = ctx;
  const title = (k: string) => t(`table.${k}`, { by: t(`byLower.${ctx.by}`), date: on });
  return {
    sex: breakdownTable(
      "sex",
      title("sex"),
      [
        count("women", "#reached+f", (c) => c.women),
        count("men", "#reached+m", (c) => c.men),
        count("members", "#reached+total", (c) => c.members, "margin"),
        share("womenPct", "#reached+f+pct", "women", "members"),
      ],
      data,
      ctx,
      { rows: true, cols: true },
    ),
    age: breakdownTable(
      "age",
      title("age"),
      [
        ...ageBands.map((b) => count(`age_${b}`, `#reached+age${b.replace("+", "plus").replace("-", "_")}`, (c) => c.bands[b])),
        count("ageUnknown", "#reached+age+unknown", (c) => c.bands.unknown),
        count("members", "#reached+total", (c) => c.members, "margin"),
      ],
      data,
      ctx,
      { rows: true, cols: true },
    ),
    disability: breakdownTable("disability", title("disability"), disabilityMeasures, data, ctx, { rows: true, cols: true }),
    domains: breakdownTable(
      "domains",
      title("domains"),
      [
        ...wgDomains.map((d) => count(`wg_${d}`, `#reached+disabled+${d.toLowerCase()}`, (c) => c.domains[d])),
        count("disabled", "#reached+disabled", (c) => c.disabled),
      ],
      data,
      ctx,
      // One person may have difficulties in several domains: only the columns add up.
      { rows: false, cols: true },
    ),
    status: breakdownTable(
      "status",
      title("status"),
      [
        ...householdStatuses.map((s) => count(`status_${s}`, `#reached+${s.replace(/_/g, "")}`, (c) => c.status[s])),
        count("statusUnknown", "#reached+status+unknown", (c) => c.status.unknown),
        count("members", "#reached+total", (c) => c.members, "margin"),
        share(
          "refugeesPct",
          "#reached+refugees+pct",
          refugeeStatuses.map((s) => `status_${s}`),
          "members",
        ),
      ],
      data,
      ctx,
      { rows: true, cols: true },
    ),
    participationBy: breakdownTable(
      "participation-by",
      title("participationBy"),
      [
        count("groups", "#group+num", (c) => c.groups, "plain"),
        count("cycleGroups", "#group+cycle+num", (c) => c.cycleGroups, "plain"),
        count("cycleMembers", "#reached+cycle", (c) => c.cycle.members),
        count("managers", "#reached+managers", (c) => c.managers.members),
        count("cycleWomen", "#reached+cycle+f", (c) => c.cycle.women),
        count("managerWomen", "#reached+managers+f", (c) => c.managers.women),
        share("womenOfMembers", "#reached+cycle+f+pct", "cycleWomen", "cycleMembers"),
        share("womenOfManagers", "#reached+managers+f+pct", "managerWomen", "managers"),
        count("cycleDisabled", "#reached+cycle+disabled", (c) => c.cycle.disabled),
        count("managerDisabled", "#reached+managers+disabled", (c) => c.managers.disabled),
        share("disabledOfMembers", "#reached+cycle+disabled+pct", "cycleDisabled", "cycleMembers"),
        share("disabledOfManagers", "#reached+managers+disabled+pct", "managerDisabled", "managers"),
        count("neverIncluded", "#reached+notmanagers", (c) => c.neverIncluded),
      ],
      data,
      ctx,
      // Group counts are not people; the people columns add up down the breakdown.
      { rows: false, cols: true },
    ),
    aidGap: breakdownTable(
      "aid-gap",
      title("aidGap"),
      [
        count("disabledWithAid", "#reached+disabled+aided", (c) => c.disabledWithAid),
        count("disabledWithoutAid", "#reached+disabled+notaided", disabledWithoutAid),
        count("disabled", "#reached+disabled", (c) => c.disabled, "margin"),
      ],
      data,
      ctx,
      { rows: true, cols: true },
    ),
  };
}
