/**
 * The inclusion dashboard's other tables: members by sex and disability, participation in
 * management, technical aids by type, and the person lists (only for readers who may receive
 * person-level rows). Same suppression rules as lib/inclusion/tables.ts.
 */
import type { DataTableModel } from "@/lib/exports/table";
import type { Ref } from "@/lib/privacy/suppress";
import { participationByCategory, percent, type InclusionCounts } from "./indicators";
import type { AidTypeCount, PersonRow } from "./queries";
import { breakdownTable, disabilityMeasures, weightOf, type Pending, type PendingTable, type TableContext } from "./tables";

/** Women and men side by side with the WG-SS status (the first chart draws it). */
export function buildSexDisabilityTable(data: { women: InclusionCounts; men: InclusionCounts; total: InclusionCounts }, ctx: TableContext): PendingTable {
  const { t } = ctx;
  const rows = [
    { key: "sex:female", label: t("sex.women"), counts: data.women },
    { key: "sex:male", label: t("sex.men"), counts: data.men },
  ];
  return breakdownTable(
    "sex-disability",
    t("table.sexDisability"),
    disabilityMeasures,
    { rows, total: data.total },
    ctx,
    { rows: true, cols: true },
    {
      key: "sex",
      label: t("col.sex"),
      hxl: "#meta+sex",
    },
  );
}

/**
 * Women, men and members with a disability in groups with a completed rotation cycle: their
 * share of the members beside their share of the managers (the second chart draws it).
 */
export function buildParticipationTable(total: InclusionCounts, ctx: TableContext): PendingTable {
  const { t, reader, disclosure: d } = ctx;
  const p = participationByCategory(total);
  // The same figures as the total row of the participation-by table (same keys); men are new.
  const keys = {
    women: ["cycleWomen", "managerWomen"],
    men: ["cycleMen", "managerMen"],
    disabled: ["cycleDisabled", "managerDisabled"],
    all: ["cycleMembers", "managers"],
  } as const;
  const refs = Object.fromEntries(
    (Object.keys(keys) as (keyof typeof keys)[]).map((k) => [
      k,
      [p[k].members, p[k].managers].map((n, j) =>
        d.cell(n, { key: `total:${keys[k][j]}`, weight: weightOf(keys[k][j], k === "all" ? "total" : "interior", reader) + 1 }),
      ),
    ]),
  ) as Record<keyof typeof keys, Ref[]>;
  // Women and men add up to everyone, in each column.
  for (const j of [0, 1]) d.sum(refs.all[j], [refs.women[j], refs.men[j]]);
  const row = (k: keyof typeof p): Pending[] => {
    const [m, g] = refs[k];
    const [am, ag] = refs.all;
    return [
      t(`category.${k}`),
      { ref: m },
      { share: [m, am], value: percent(p[k].members, p.all.members) },
      { ref: g },
      { share: [g, ag], value: percent(p[k].managers, p.all.managers) },
      { share: [m, g], value: percent(p[k].managers, p[k].members) },
    ];
  };
  return {
    id: "inclusion-participation",
    title: t("table.participation"),
    columns: [
      { key: "category", label: t("col.category"), hxl: "#meta+category" },
      { key: "cycleMembers", label: t("col.cycleMembers"), hxl: "#reached+cycle" },
      { key: "shareOfMembers", label: t("col.shareOfMembers"), hxl: "#reached+cycle+pct" },
      { key: "managers", label: t("col.managers"), hxl: "#reached+managers" },
      { key: "shareOfManagers", label: t("col.shareOfManagers"), hxl: "#reached+managers+pct" },
      { key: "servedRate", label: t("col.servedRate"), hxl: "#indicator+served+pct" },
    ],
    rows: (["women", "men", "disabled", "all"] as const).map(row),
  };
}

/** Technical aids received by the members in scope, by type, and a total row. */
export function buildAidsTable(aids: AidTypeCount[], ctx: TableContext): PendingTable {
  const { t, disclosure: d } = ctx;
  const types = aids.filter((a) => a.type != null);
  const total = aids.find((a) => a.type == null) ?? { type: null, aids: 0, people: 0, disabled: 0 };
  const values = (a: AidTypeCount) => [a.aids, a.people, a.disabled];
  const refs = [...types, total].map((a, i) => values(a).map((n) => d.cell(n, { weight: i === types.length ? 2 : 1 })));
  // Aids add up by type; people with several types of aid are counted once in the total, but the
  // sum is declared all the same (a reader may assume it): more is hidden, never less.
  for (const j of [0, 1, 2])
    if (types.length)
      d.sum(
        refs.at(-1)![j],
        refs.slice(0, -1).map((r) => r[j]),
      );
  return {
    id: "inclusion-aids",
    title: t("table.aids", { date: ctx.on }),
    columns: [
      { key: "aidType", label: t("col.aidType"), hxl: "#item+name" },
      { key: "aids", label: t("col.aids"), hxl: "#output+aids+num" },
      { key: "aidPeople", label: t("col.aidPeople"), hxl: "#reached+aided" },
      { key: "aidDisabled", label: t("col.aidDisabled"), hxl: "#reached+aided+disabled" },
    ],
    rows: [...types.map((a, i) => [a.type, ...refs[i].map((ref) => ({ ref }))]), [t("total"), ...refs.at(-1)!.map((ref) => ({ ref }))]],
  };
}

/** Members in no manager team of their group, by name (person-level: the caller checks). */
export function buildNeverIncludedTable(people: PersonRow[], ctx: TableContext): DataTableModel {
  const { t } = ctx;
  return {
    id: "inclusion-never-included",
    title: t("table.neverIncluded"),
    columns: [...personColumns(t), { key: "disabled", label: t("col.hasDisability"), hxl: "#beneficiary+disabled" }],
    rows: people.map((p) => [p.name, p.groups, p.villages, t(p.disabled ? "yes" : "no")]),
  };
}

/** Members with a disability without any technical aid, by name (person-level: the caller checks). */
export function buildWithoutAidTable(people: PersonRow[], ctx: TableContext): DataTableModel {
  const { t } = ctx;
  return {
    id: "inclusion-without-aid",
    title: t("table.withoutAid", { date: ctx.on }),
    columns: [...personColumns(t), { key: "domains", label: t("col.domains"), hxl: "#beneficiary+disabled+domains" }],
    rows: people.map((p) => [p.name, p.groups, p.villages, p.domains.map((d) => t(`domain.${d}`)).join(", ")]),
  };
}

const personColumns = (t: TableContext["t"]) => [
  { key: "name", label: t("col.name"), hxl: "#beneficiary+name" },
  { key: "groups", label: t("col.groupNames"), hxl: "#group+name" },
  { key: "villages", label: t("col.villages"), hxl: "#loc+name" },
];
