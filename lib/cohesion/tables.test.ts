import { describe, expect, it } from "vitest";
import { buildSurveyTables, mostSurveyedRows } from "./tables";
import type { CohesionAggregate } from "./queries";

const t = (key: string, v?: Record<string, string | number>) => (v ? `${key}(${Object.values(v).join(",")})` : key);
const agg = (key: string, hostMen: number): CohesionAggregate => ({
  key,
  surveys: 1,
  respondents: { host: { women: 10, men: hostMen }, refugee: { women: 6, men: 6 } },
  disputesReferred: 4,
  disputesResolved: 3,
  answers: { trust: { host: [1, 1, 4, 4], refugee: [0, 3, 6, 3] } },
});

describe("cohesion tables", () => {
  it("puts hosts and refugees side by side and computes every figure", () => {
    const table = buildSurveyTables(
      { trend: [agg("2026-Q1", 8), agg("2026-Q2", 8)], byVillage: [], villages: [] },
      t,
      { orgType: "ngo", canSeePeople: true },
      "Fassala",
    ).trend;
    const col = (k: string) => table.columns.findIndex((c) => c.key === k);
    expect(table.rows).toHaveLength(2);
    const [row] = table.rows;
    expect(row[col("quarter")]).toBe("2026-Q1");
    expect(row[col("hostMen")]).toBe(8);
    expect(row[col("trust_host")]).toBe(80);
    expect(row[col("trust_refugee")]).toBe(75);
    expect(row[col("trade_host")]).toBeNull();
    expect(row[col("resolutionRate")]).toBe(75);
    expect(table.columns.every((c) => c.hxl?.startsWith("#"))).toBe(true);
  });

  it("suppresses small counts, and figures derived from few people, for a network", () => {
    const a = agg("2026-Q1", 0);
    a.respondents.host.women = 3;
    const table = buildSurveyTables(
      { trend: [], byVillage: [a], villages: [{ id: "2026-Q1", name: "Tinzah" }], quarter: "2026-Q1" },
      t,
      { orgType: "cooperative_network", canSeePeople: false },
      "Fassala",
    ).villages;
    const col = (k: string) => table.columns.findIndex((c) => c.key === k);
    expect(table.rows[0][col("village")]).toBe("Tinzah");
    expect(table.rows[0][col("hostWomen")]).toBe("<5");
    expect(table.rows[0][col("hostMen")]).toBe(0);
    expect(table.rows[0][col("trust_host")]).toBe("<5");
    expect(table.rows[0][col("trust_refugee")]).toBe(75);
  });

  it("hides a second village ('•') where the quarter's trend row would give a small one away, down each column", () => {
    const tinzah = agg("v1", 12);
    tinzah.respondents.host.women = 3;
    const kouna = agg("v2", 12);
    kouna.respondents.host.women = 20;
    const quarter = agg("2026-Q1", 24);
    quarter.respondents.host.women = 23;
    const network = { orgType: "cooperative_network" as const, canSeePeople: false };
    const villages = [
      { id: "v1", name: "Tinzah" },
      { id: "v2", name: "Kouna" },
    ];
    const { trend, villages: table } = buildSurveyTables({ trend: [quarter], byVillage: [tinzah, kouna], villages, quarter: "2026-Q1" }, t, network, "Fassala");
    const col = (k: string) => table.columns.findIndex((c) => c.key === k);
    expect(table.rows.map((r) => r[col("hostWomen")])).toEqual(["<5", "•"]);
    expect(trend.rows[0][col("hostWomen")]).toBe(23);
  });
});

describe("a chart of many villages", () => {
  const table = (surveys: number[]) => ({
    id: "cohesion-villages",
    title: "",
    columns: [
      { key: "village", label: "Village" },
      { key: "surveys", label: "Enquêtes" },
    ],
    rows: surveys.map((n, i) => [`V${i}`, n]),
  });

  it("draws the most surveyed villages, in the table's order, when there are more than it can show", () => {
    expect(mostSurveyedRows(table([1, 5, 2, 5, 3]), 3)).toEqual([1, 3, 4]);
    expect(mostSurveyedRows(table([1, 2, 3]), 3)).toBeNull();
  });
});
