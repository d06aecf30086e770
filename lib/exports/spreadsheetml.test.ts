import { describe, expect, it } from "vitest";
import { checkPart, checkWorkbook } from "./spreadsheetml";
import type { ExportMeta } from "./meta";
import type { DataTableModel } from "./table";
import { xlsxStream } from "./xlsx";

const table: DataTableModel = {
  id: "t",
  title: "Cohésion: tendances [Fassala] et un titre bien trop long pour un onglet",
  columns: [
    { key: "village", label: "القرية", hxl: "#loc+name" },
    { key: "n", label: "Répondants, femmes" },
  ],
  rows: [
    ["Hassi Chegar", 12],
    ['Dar "Es" Salam, <nord> & =1 \u0001', "<5"],
    [null, null],
  ],
};
const meta: ExportMeta = {
  title: "Titre & <suite>",
  org: { slug: "adicor", name: "ADICOR" },
  locale: "ar",
  generatedAt: new Date("2026-11-30T10:00:00Z"),
  period: { quarter: "2026-Q3" },
  filters: [{ label: "القرية", value: "Hassi Chegar" }],
  note: "ملاحظة",
  labels: {
    title: "العنوان",
    organisation: "المنظمة",
    generated: "تاريخ",
    period: "الفترة",
    filters: "عوامل",
    none: "لا",
    note: "حماية",
    rows: "أسطر",
    aboutSheet: "حول الملف",
  },
};

const bytesOf = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());

describe("SpreadsheetML check of the exported workbooks", () => {
  it("finds no problem in the workbook, sheets and styles the exports write, right-to-left or not", async () => {
    for (const opts of [{ rtl: true, hxl: true, meta }, { rtl: false }]) {
      const { parts, problems } = checkWorkbook(await bytesOf(xlsxStream(table, opts)));
      expect(problems).toEqual([]);
      expect(parts).toEqual(expect.arrayContaining(["xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"]));
      expect(parts.includes("xl/worksheets/sheet2.xml")).toBe(!!opts.meta);
    }
  });

  it("refuses what the schema does not allow: rightToLeft on workbookView, children out of order, unknown elements and values", () => {
    const wb = (view: string) =>
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews>${view}</bookViews><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    // What the hand-made writer wrote for Arabic:
    expect(checkPart("xl/workbook.xml", wb('<workbookView rightToLeft="1"/>'))).toEqual([
      "xl/workbook.xml: /workbook/bookViews/workbookView: attribute rightToLeft is not declared by its type",
    ]);
    expect(checkPart("xl/workbook.xml", wb('<workbookView activeTab="0"/>'))).toEqual([]);
    const ws = (body: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</worksheet>`;
    expect(checkPart("xl/worksheets/sheet1.xml", ws('<sheetViews><sheetView workbookViewId="0" rightToLeft="1"/></sheetViews><sheetData/>'))).toEqual([]);
    expect(checkPart("xl/worksheets/sheet1.xml", ws('<sheetData/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'))[0]).toMatch(
      /sheetViews: out of the sequence's order/,
    );
    expect(checkPart("xl/worksheets/sheet1.xml", ws('<sheetData><row r="1"><c r="A1" t="text"><v>x</v></c></row></sheetData>'))[0]).toMatch(
      /t="text" is not one of/,
    );
    expect(checkPart("xl/worksheets/sheet1.xml", ws('<sheetData><row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData>'))[0]).toMatch(
      /cells out of column order/,
    );
    expect(checkPart("xl/worksheets/sheet1.xml", ws("<sheetData><rows/></sheetData>")).join("\n")).toMatch(/rows: no such element/);
    expect(checkPart("xl/worksheets/sheet1.xml", ws('<sheetData x14ac:dyDescent="1" xmlns:x14ac="urn:x"/>'))[0]).toMatch(/not declare ignorable/);
    expect(checkPart("xl/worksheets/sheet1.xml", ws("<sheetData>"))[0]).toMatch(/unclosed|closes/);
    expect(checkPart("xl/workbook.xml", wb("").replace('name="S"', 'name="a/b"'))[0]).toMatch(/sheet name "a\/b" not allowed/);
  });
});
