/**
 * The tables of the indicators derived from the records, built once from the SQL aggregates
 * (lib/cohesion/records.ts) for the page, the charts and the exports alike. Credits are sales to
 * people and members are people: their counts, and figures derived from fewer than five of them,
 * are suppressed for readers who may not see people. Groups are not people.
 */
import type { CellValue, DataTableModel, TableColumn } from "@/lib/exports/table";
import { Disclosure, HIDDEN, suppressCount, suppressDerived, SUPPRESSED, type Mark, type Reader } from "@/lib/privacy/suppress";
import { crossCommunityShare, mixedGroupShare, onTimeShare, repaymentRate } from "./indicators";
import type { CreditAggregate, CreditRelation, GroupMixAggregate } from "./records";
import type { Labels } from "./tables";

type Sums = Omit<CreditAggregate, "key" | "relation">;
const zero: Sums = { credits: 0, granted: 0, repaid: 0, due: 0, onTime: 0 };

function recordColumns(t: Labels): TableColumn[] {
  const col = (key: string, hxl: string) => ({ key, label: t(`records.col.${key}`), hxl });
  return [
    col("creditsSame", "#indicator+credit+same+num"),
    col("creditsCross", "#indicator+credit+cross+num"),
    col("creditsOtherVillage", "#indicator+credit+othervillage+num"),
    col("crossShare", "#indicator+credit+cross+pct"),
    col("repaidSame", "#indicator+repaid+same+pct"),
    col("repaidCross", "#indicator+repaid+cross+pct"),
    col("onTimeSame", "#indicator+ontime+same+pct"),
    col("onTimeCross", "#indicator+ontime+cross+pct"),
    col("groups", "#group+num"),
    col("mixedGroups", "#group+mixed+num"),
    col("mixedShare", "#group+mixed+pct"),
    col("hostMembers", "#reached+host"),
    col("refugeeMembers", "#reached+refugees"),
  ];
}

/** The figures of one row: credit sums by relation, and the groups' composition. */
interface RecordFigures {
  credits: Record<CreditRelation, Sums>;
  mix: Omit<GroupMixAggregate, "key">;
}

/** Counts of people, by column: suppressed when small for readers who may not see people. */
const peopleCounts: Record<string, (f: RecordFigures) => number> = {
  creditsSame: (f) => f.credits.same.credits,
  creditsCross: (f) => f.credits.cross.credits,
  creditsOtherVillage: (f) => f.credits.unknown.credits,
  hostMembers: (f) => f.mix.hostMembers,
  refugeeMembers: (f) => f.mix.refugeeMembers,
};

/** One row's cells; `hidden` names the people counts withheld and their mark (and so what is derived from them). */
function recordCells(f: RecordFigures, hidden: Map<string, Mark>, reader: Reader): CellValue[] {
  const { same, cross } = f.credits;
  const count = (key: string) => hidden.get(key) ?? peopleCounts[key](f);
  // A share would give a hidden count away by difference: withheld when either count is.
  const unless = <T>(keys: string[], v: T) => (keys.some((k) => hidden.has(k)) ? HIDDEN : v);
  return [
    count("creditsSame"),
    count("creditsCross"),
    count("creditsOtherVillage"),
    unless(["creditsSame", "creditsCross"], crossCommunityShare({ same: same.credits, cross: cross.credits })),
    unless(["creditsSame"], repaymentRate(same.granted, same.repaid)),
    unless(["creditsCross"], repaymentRate(cross.granted, cross.repaid)),
    unless(["creditsSame"], suppressDerived(onTimeShare(same.due, same.onTime), same.due, reader)),
    unless(["creditsCross"], suppressDerived(onTimeShare(cross.due, cross.onTime), cross.due, reader)),
    f.mix.groups,
    f.mix.mixed,
    mixedGroupShare(f.mix.groups, f.mix.mixed),
    count("hostMembers"),
    count("refugeeMembers"),
  ];
}

const smallCounts = (f: RecordFigures, reader: Reader) =>
  new Map(
    Object.keys(peopleCounts)
      .filter((k) => suppressCount(peopleCounts[k](f), reader) === SUPPRESSED)
      .map((k) => [k, SUPPRESSED] as [string, Mark]),
  );

const noFigures = (): RecordFigures => ({
  credits: { same: zero, cross: zero, unknown: zero },
  mix: { groups: 0, mixed: 0, hostMembers: 0, refugeeMembers: 0 },
});

function figuresByKey(credits: CreditAggregate[], mix: GroupMixAggregate[]) {
  const out = new Map<string, RecordFigures>();
  const get = (key: string) => {
    let f = out.get(key);
    if (!f) out.set(key, (f = noFigures()));
    return f;
  };
  for (const { key, relation, ...sums } of credits) get(key).credits[relation] = sums;
  for (const { key, ...m } of mix) get(key).mix = m;
  return out;
}

/** Every quarter from the first to the last of these (which are "YYYY-Qn"), in order. */
export function quarterSpan(quarters: string[]): string[] {
  if (quarters.length === 0) return [];
  const sorted = [...quarters].sort();
  const out: string[] = [];
  let [y, q] = sorted[0].split("-Q").map(Number);
  const last = sorted[sorted.length - 1];
  for (let cur = `${y}-Q${q}`; cur <= last; cur = `${y}-Q${q}`) {
    out.push(cur);
    if (++q > 4) {
      q = 1;
      y += 1;
    }
  }
  return out;
}

/** One row per quarter, from the first to the last quarter with a credit sale. */
export function buildRecordsTrendTable(
  credits: CreditAggregate[],
  mix: GroupMixAggregate[],
  quarters: string[],
  t: Labels,
  reader: Reader,
  placeName: string,
): DataTableModel {
  const byKey = figuresByKey(credits, mix);
  return {
    id: "cohesion-records-trend",
    title: t("records.trendTitle", { place: placeName }),
    columns: [{ key: "quarter", label: t("col.quarter"), hxl: "#date+quarter" }, ...recordColumns(t)],
    rows: quarters.map((q) => {
      const f = byKey.get(q) ?? noFigures();
      return [q, ...recordCells(f, smallCounts(f, reader), reader)];
    }),
  };
}

/**
 * One row per village with groups: credits since the start of the records, groups today. Down
 * each column of people counts, one lone hidden cell would be given away by the total of the
 * trend table: the next smallest is hidden with it (complementary suppression).
 */
export function buildRecordsVillageTable(
  credits: CreditAggregate[],
  mix: GroupMixAggregate[],
  villages: { id: string; name: string }[],
  t: Labels,
  reader: Reader,
): DataTableModel {
  const byKey = figuresByKey(credits, mix);
  const shown = villages.filter((v) => byKey.has(v.id)).map((v) => ({ name: v.name, f: byKey.get(v.id)!, hidden: new Map<string, Mark>() }));
  for (const [key, value] of Object.entries(peopleCounts)) {
    // The column's total is known from the trend table (every credit, every member): it counts as published.
    const d = new Disclosure(reader);
    const cells = shown.map((r) => d.cell(value(r.f)));
    d.sum(
      d.cell(
        shown.reduce((a, r) => a + value(r.f), 0),
        { weight: 9 },
      ),
      cells,
    );
    cells.forEach((c, i) => {
      const shownAs = d.show(c);
      if (typeof shownAs !== "number") shown[i].hidden.set(key, shownAs);
    });
  }
  return {
    id: "cohesion-records-villages",
    title: t("records.villagesTitle"),
    columns: [{ key: "village", label: t("col.village"), hxl: "#loc+name" }, ...recordColumns(t)],
    rows: shown.map((r) => [r.name, ...recordCells(r.f, r.hidden, reader)]),
  };
}
