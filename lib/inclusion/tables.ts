/**
 * The inclusion dashboard's tables, built once from the SQL counts for the page and the exports
 * alike. For readers who may not see people, counts of 1 to 4 show as "<5", with complementary
 * suppression wherever rows or columns add up to a published total, and a share is withheld when
 * its numerator or base is.
 */
import type { CellValue, DataTableModel, TableColumn } from "@/lib/exports/table";
import { ageBands } from "@/lib/people/age-bands";
import { suppressCount, suppressGrid, SUPPRESSED, type Cell, type Reader } from "@/lib/privacy/suppress";
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
}

/** A column counting people, or a share (%) of two of them. */
export type Measure = { key: string; hxl: string } & ({ count: (c: InclusionCounts) => number; role: Role } | { share: { parts: string[]; whole: string } });
/**
 * `interior`: a count of people inside the table's sums; `margin`: a total of people (its own
 * small-cell rule only); `plain`: not a count of people (groups), never suppressed.
 */
type Role = "interior" | "margin" | "plain";

/** A share of published cells: withheld when any of them is. */
export const shareOf = (cells: Cell[], part: number, whole: number): CellValue => (cells.includes(SUPPRESSED) ? SUPPRESSED : percent(part, whole));

/**
 * One row per breakdown value and a total row. Interior count columns add up across the row
 * (`rows`) and, down each column, to the total row (`cols`); other counts are margins.
 */
export function breakdownTable(
  id: string,
  title: string,
  measures: Measure[],
  data: { rows: BreakdownCounts[]; total: InclusionCounts },
  ctx: TableContext,
  lines: { rows: boolean; cols: boolean },
  first: TableColumn = { key: ctx.by, label: ctx.t(`by.${ctx.by}`), hxl: ctx.by === "activity" ? "#activity+name" : "#loc+name" },
): DataTableModel {
  const { t, reader } = ctx;
  const counts = measures.filter((m) => "count" in m);
  const interior = counts.filter((m) => m.role === "interior");
  const all = [...data.rows.map((r) => r.counts), data.total];
  const grid = suppressGrid(data.rows.map((r) => interior.map((m) => m.count(r.counts))), reader, lines);
  const cellsOf = (c: InclusionCounts, i: number) => {
    const cells = new Map<string, Cell>();
    counts.forEach((m) => {
      const k = interior.indexOf(m);
      const n = m.count(c);
      cells.set(m.key, m.role === "plain" ? n : k >= 0 && i < data.rows.length ? grid[i][k] : suppressCount(n, reader));
    });
    return measures.map((m) => {
      if ("count" in m) return cells.get(m.key)!;
      const of = (k: string) => counts.find((x) => x.key === k)!;
      const keys = [...m.share.parts, m.share.whole];
      return shareOf(keys.map((k) => cells.get(k)!), m.share.parts.reduce((s, k) => s + of(k).count(c), 0), of(m.share.whole).count(c));
    });
  };
  return {
    id: `inclusion-${id}`,
    title,
    columns: [
      first,
      ...measures.map((m): TableColumn => ({ key: m.key, label: t(`col.${m.key}`), hxl: m.hxl })),
    ],
    rows: all.map((c, i) => [i < data.rows.length ? data.rows[i].label : t("total"), ...cellsOf(c, i)]),
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
      [...wgDomains.map((d) => count(`wg_${d}`, `#reached+disabled+${d.toLowerCase()}`, (c) => c.domains[d])), count("disabled", "#reached+disabled", (c) => c.disabled)],
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
        share("refugeesPct", "#reached+refugees+pct", refugeeStatuses.map((s) => `status_${s}`), "members"),
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
