import { describe, expect, it } from "vitest";
import { BOM, csvLines } from "./csv";
import { exportFileName, metaLines, nameSlug, periodSlug, type ExportMeta } from "./meta";
import type { DataTableModel } from "./table";
import { xlsxStream } from "./xlsx";
import { readXlsx } from "./xlsx-read";

const labels = {
  title: "Titre",
  organisation: "Organisation",
  generated: "Généré le",
  period: "Période",
  filters: "Filtres",
  none: "aucun",
  note: "Protection des données",
  rows: "Lignes",
  aboutSheet: "À propos",
};
const meta = (m: Partial<ExportMeta> = {}): ExportMeta => ({
  title: "Registre des opérations",
  org: { slug: "adicor", name: "ADICOR" },
  locale: "fr",
  generatedAt: new Date("2026-11-30T13:05:00Z"),
  filters: [],
  note: "Montants des activités de groupe.",
  labels,
  ...m,
});

describe("export file names", () => {
  it("say what, whose, which period, which filters and which language", () => {
    expect(exportFileName({ what: "ledger", meta: meta({ period: { from: "2025-07-01", to: "2025-09-30" } }), format: "xlsx" })).toBe(
      "tamkin-ledger-adicor-2025-Q3-fr.xlsx",
    );
    expect(
      exportFileName({
        what: "ledger",
        meta: meta({ locale: "ar", period: { month: "2025-08" }, filters: [{ label: "Village", value: "Hassi Chégar" }] }),
        hxl: true,
        format: "csv",
      }),
    ).toBe("tamkin-ledger-adicor-2025-08-hassi-chegar-hxl-ar.csv");
    expect(exportFileName({ what: "revenue-by-month", meta: meta({ locale: "en" }), format: "csv" })).toBe("tamkin-revenue-by-month-adicor-en.csv");
  });
  it("give every variant its own name", () => {
    const names = new Set<string>();
    for (const locale of ["fr", "ar", "en"] as const)
      for (const format of ["csv", "xlsx"])
        for (const hxl of [false, true])
          for (const period of [undefined, { from: "2025-01-01", to: "2025-12-31" }, { from: "2025-02-03" }])
            for (const filters of [[], [{ label: "Opération", value: "vente", slug: "sale" }]])
              names.add(exportFileName({ what: "ledger", meta: meta({ locale, period, filters }), hxl, format }));
    expect(names.size).toBe(3 * 2 * 2 * 3 * 2);
  });
  it("name periods as people do, and keep whatever came from the URL out of the header", () => {
    expect(periodSlug({ from: "2025-01-01", to: "2025-12-31" })).toBe("2025");
    expect(periodSlug({ from: "2025-04-01", to: "2025-06-30" })).toBe("2025-Q2");
    expect(periodSlug({ from: "2024-02-01", to: "2024-02-29" })).toBe("2024-02");
    expect(periodSlug({ from: "2025-04-02", to: "2025-06-30" })).toBe("2025-04-02_2025-06-30");
    expect(periodSlug({ to: "2025-06-30" })).toBe("to-2025-06-30");
    expect(periodSlug({ on: "2026-11-30" })).toBe("on-2026-11-30");
    expect(nameSlug("مخيم امبرة")).toBe("");
    expect(exportFileName({ what: 'x"; evil', meta: meta({ period: { quarter: '2025"\r\nSet-Cookie: a' } }), format: "csv" })).toMatch(/^[A-Za-z0-9._-]+$/);
  });
});

describe("what each file says about itself", () => {
  const table: DataTableModel = { id: "t", title: "T", columns: [{ key: "a", label: "Montant" }], rows: [[12], [-3]] };
  const m = meta({ period: { from: "2025-07-01", to: "2025-09-30" }, filters: [{ label: "Opération", value: "vente" }] });
  it("CSV: a block of title, organisation, date, period, filters and note, an empty line, then the table", () => {
    const lines = [...csvLines(table, { meta: m })].join("").slice(BOM.length).split("\r\n");
    expect(lines.slice(0, 9)).toEqual([
      "Titre,Registre des opérations",
      "Organisation,ADICOR (adicor)",
      "Généré le,2026-11-30 13:05 UTC",
      "Période,2025-07-01 – 2025-09-30",
      "Filtres,Opération: vente",
      "Protection des données,Montants des activités de groupe.",
      "",
      "Montant",
      "12",
    ]);
    expect(metaLines(meta())[3]).toEqual(["Filtres", "aucun"]);
  });
  it("XLSX: the table on the first sheet, the same block on a second sheet named in the file's language", async () => {
    const wb = readXlsx(new Uint8Array(await new Response(xlsxStream(table, { meta: m })).arrayBuffer()));
    expect(wb.sheetNames).toEqual(["T", "À propos"]);
    expect(wb.rows).toEqual([["Montant"], [12], [-3]]);
    expect(wb.about).toEqual(metaLines(m));
  });
});
