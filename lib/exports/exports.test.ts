import { describe, expect, it } from "vitest";
import { BOM, csvField, csvLines } from "./csv";
import { sheetName, xlsxStream } from "./xlsx";
import { readXlsx } from "./xlsx-read";
import type { DataTableModel } from "./table";

const table: DataTableModel = {
  id: "t",
  title: "Cohésion: tendances [Fassala]",
  columns: [
    { key: "village", label: "القرية", hxl: "#loc+name" },
    { key: "n", label: "Répondants, femmes", hxl: "#reached+f" },
    { key: "p", label: "Share", hxl: "#indicator+pct" },
  ],
  rows: [
    ["Hassi Chegar", 12, 62.5],
    ['Dar "Es" Salam, <nord> & =1', "<5", null],
  ],
};

async function bytesOf(stream: ReadableStream<Uint8Array>) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("CSV export", () => {
  it("starts with a byte-order mark, quotes what needs it, defuses formulas", () => {
    const text = [...csvLines(table, { hxl: true })].join("");
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe('القرية,"Répondants, femmes",Share');
    expect(lines[1]).toBe("#loc+name,#reached+f,#indicator+pct");
    expect(lines[2]).toBe("Hassi Chegar,12,62.5");
    expect(lines[3]).toBe('"Dar ""Es"" Salam, <nord> & =1",<5,');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-3)).toBe("-3");
  });
  it("leaves the hashtag row out unless asked", () => {
    expect([...csvLines(table)]).toHaveLength(3);
  });
});

describe("XLSX export", () => {
  it("names columns and sheets as spreadsheets expect", () => {
    expect(sheetName(table.title)).toBe("Cohésion  tendances  Fassala");
    expect(sheetName("x".repeat(40))).toHaveLength(31);
  });
  it("writes labels, hashtags and figures, right-to-left when asked", async () => {
    const { rows, rtl } = readXlsx(await bytesOf(xlsxStream(table, { rtl: true, hxl: true })));
    expect(rtl).toBe(true);
    expect(rows[0]).toEqual(["القرية", "Répondants, femmes", "Share"]);
    expect(rows[1]).toEqual(["#loc+name", "#reached+f", "#indicator+pct"]);
    expect(rows[2]).toEqual(["Hassi Chegar", 12, 62.5]);
    expect(rows[3]).toEqual(['Dar "Es" Salam, <nord> & =1', "<5"]);
  });
  it("streams many rows and stays left-to-right by default", async () => {
    const big: DataTableModel = { ...table, rows: Array.from({ length: 1200 }, (_, i) => [`v${i}`, i, i / 2]) };
    const { rows, rtl } = readXlsx(await bytesOf(xlsxStream(big)));
    expect(rtl).toBe(false);
    expect(rows).toHaveLength(1201);
    expect(rows[1200]).toEqual(["v1199", 1199, 599.5]);
  });
});
