import { describe, expect, it } from "vitest";
import type { DataTableModel } from "@/lib/exports/table";
import { Disclosure, type Reader } from "@/lib/privacy/suppress";
import { inclusionSummaryCells } from "./compare-cells";
import { emptyCounts, type InclusionCounts } from "./indicators";
import {
  buildAidsTable as aidsTable,
  buildNeverIncludedTable,
  buildParticipationTable as participationTable,
  buildSexDisabilityTable as sexDisability,
  buildWithoutAidTable,
} from "./summary-tables";
import { buildBreakdownTables as buildPending, publish, type PendingTable, type TableContext } from "./tables";

const t = (key: string, v?: Record<string, string | number>) => (v ? `${key}(${Object.values(v).join(",")})` : key);
const ngo: Reader = { orgType: "ngo", canSeePeople: true };
const network: Reader = { orgType: "cooperative_network", canSeePeople: false };
const ctx = (reader: Reader): TableContext => ({ t, reader, by: "activity" as const, on: "2026-11-29", disclosure: new Disclosure(reader) });
/** The tables as published: built, then resolved by their page's disclosure. */
const out =
  <A extends unknown[]>(build: (...a: A) => PendingTable) =>
  (...a: A) => {
    const c = a.find((x): x is TableContext => typeof x === "object" && x != null && "disclosure" in x)!;
    return publish(build(...a), c.disclosure);
  };
const buildSexDisabilityTable = out(sexDisability);
const buildParticipationTable = out(participationTable);
const buildAidsTable = out(aidsTable);
function buildBreakdownTables(data: Parameters<typeof buildPending>[0], c: TableContext) {
  const b = buildPending(data, c);
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, publish(v, c.disclosure)])) as Record<keyof typeof b, DataTableModel>;
}

function counts(women: number, men: number, disabled: number, extra: (c: InclusionCounts) => void = () => {}): InclusionCounts {
  const c = emptyCounts();
  Object.assign(c, { members: women + men, women, men, disabled, noDisability: women + men - disabled });
  c.bands["18-49"] = women + men;
  c.status.host = women + men;
  extra(c);
  return c;
}
const cell = (table: DataTableModel, key: string, row: number) => table.rows.at(row)![table.columns.findIndex((c) => c.key === key)];

describe("inclusion tables", () => {
  const shop = counts(40, 10, 0);
  const butchery = counts(44, 4, 8, (c) => {
    c.domains.walking = 3;
    c.domains.seeing = 2;
    c.disabledWithAid = 6;
  });
  const total = counts(84, 14, 8, (c) => {
    c.domains.walking = 3;
    c.domains.seeing = 2;
    c.disabledWithAid = 6;
  });
  const data = {
    rows: [
      { key: "shop", label: "Boutique", counts: shop },
      { key: "butchery", label: "Boucherie", counts: butchery },
    ],
    total,
  };

  it("breaks every count down per activity, with a total row and the shares", () => {
    const tables = buildBreakdownTables(data, ctx(ngo));
    expect(tables.sex.rows).toEqual([
      ["Boutique", 40, 10, 50, 80],
      ["Boucherie", 44, 4, 48, 91.7],
      ["total", 84, 14, 98, 85.7],
    ]);
    expect(tables.sex.columns[0]).toMatchObject({ key: "activity", label: "by.activity", hxl: "#activity+name" });
    expect(tables.age.title).toBe("table.age(byLower.activity,2026-11-29)");
    expect(cell(tables.disability, "disabledPct", 1)).toBe(16.7);
    expect(cell(tables.domains, "wg_walking", -1)).toBe(3);
    // Aid gap: with a disability and no technical aid = disabled − disabled with an aid.
    expect(cell(tables.aidGap, "disabledWithoutAid", 1)).toBe(2);
    expect(cell(tables.aidGap, "disabledWithoutAid", -1)).toBe(2);
    for (const table of Object.values(tables))
      expect(
        table.columns.every((c) => c.hxl?.startsWith("#")),
        table.id,
      ).toBe(true);
  });

  it("shows a network '<5' for small counts, '•' for what a total would give away, keeps its women, and withholds the shares", () => {
    const tables = buildBreakdownTables(data, ctx(network));
    // Butchery men (4) are small; a women's network keeps the women (44) and loses the row's
    // members instead ("•", never "<5"), and the shop's men and members with them, else the
    // columns' totals would give the butchery's away.
    expect(tables.sex.rows[1]).toEqual(["Boucherie", 44, "<5", "•", "•"]);
    expect(tables.sex.rows[0]).toEqual(["Boutique", 40, "•", "•", "•"]);
    expect(tables.sex.rows[2]).toEqual(["total", 84, 14, 98, 85.7]);
    // Aid gap 6 / 2: the 2 is small, the 6 beside it goes too (marked "•"), the total kept.
    expect(tables.aidGap.rows[1].slice(1)).toEqual(["•", "<5", 8]);
    expect(cell(tables.domains, "wg_seeing", -1)).toBe("<5");
    const participation = buildParticipationTable(total, ctx(network));
    expect(participation.rows.every((r) => r.slice(1).every((v) => v === 0 || v === null || v === "<5"))).toBe(true);
  });

  it("compares women's and disabled members' share of managers with their share of members", () => {
    const c = counts(84, 14, 8, (x) => {
      x.cycle = { members: 98, women: 84, disabled: 8 };
      x.managers = { members: 60, women: 50, disabled: 3 };
    });
    const table = buildParticipationTable(c, ctx(ngo));
    expect(table.rows.map((r) => r[0])).toEqual(["category.women", "category.men", "category.disabled", "category.all"]);
    expect(table.rows[0]).toEqual(["category.women", 84, 85.7, 50, 83.3, 59.5]);
    expect(table.rows[2]).toEqual(["category.disabled", 8, 8.2, 3, 5, 37.5]);
    expect(table.rows[3]).toEqual(["category.all", 98, 100, 60, 100, 61.2]);
    const hidden = buildParticipationTable(c, ctx(network));
    expect(hidden.rows[2]).toEqual(["category.disabled", 8, 8.2, "<5", "•", "•"]);
    expect(inclusionSummaryCells(c, network)).toEqual([98, 85.7, 8.2, 0, "•"]);
    expect(inclusionSummaryCells(c, ngo)).toEqual([98, 85.7, 8.2, 0, 5]);
  });

  it("puts women and men side by side with the WG-SS status", () => {
    const women = counts(84, 0, 6);
    const men = counts(0, 14, 2);
    const table = buildSexDisabilityTable({ women, men, total }, ctx(ngo));
    expect(table.rows.map((r) => r.slice(0, 2))).toEqual([
      ["sex.women", 6],
      ["sex.men", 2],
      ["total", 8],
    ]);
    expect(buildSexDisabilityTable({ women, men, total }, ctx(network)).rows[1][1]).toBe("<5");
  });

  it("counts aids by type with a total row, and lists people by name", () => {
    const aids = [
      { type: "Tricycle", aids: 3, people: 3, disabled: 3 },
      { type: "Lunettes", aids: 12, people: 12, disabled: 2 },
      { type: null, aids: 15, people: 15, disabled: 5 },
    ];
    expect(buildAidsTable(aids, ctx(ngo)).rows).toEqual([
      ["Tricycle", 3, 3, 3],
      ["Lunettes", 12, 12, 2],
      ["total", 15, 15, 5],
    ]);
    expect(buildAidsTable(aids, ctx(network)).rows).toEqual([
      ["Tricycle", "<5", "<5", "<5"],
      ["Lunettes", "•", "•", "<5"],
      ["total", 15, 15, 5],
    ]);
    const person = {
      name: "Aicha Mint Ahmed",
      groups: "Boucherie de Tinzah",
      villages: "Tinzah",
      disabled: true,
      domains: ["walking" as const, "seeing" as const],
    };
    expect(buildNeverIncludedTable([person], ctx(ngo)).rows).toEqual([["Aicha Mint Ahmed", "Boucherie de Tinzah", "Tinzah", "yes"]]);
    expect(buildWithoutAidTable([person], ctx(ngo)).rows).toEqual([["Aicha Mint Ahmed", "Boucherie de Tinzah", "Tinzah", "domain.walking, domain.seeing"]]);
  });
});
