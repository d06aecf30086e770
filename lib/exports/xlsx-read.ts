/**
 * Reads back the cells of an exported XLSX (the first sheet: the table; the second: what the file
 * says about itself). For tests, synchronous so that the browser tests use it too; it reads the
 * cell kinds the exports write (text as `str`, inline or shared strings; numbers), it is not a
 * general XLSX reader. LibreOffice reads the same files in lib/exports/libreoffice.test.ts.
 */
import { strFromU8, unzipSync } from "fflate";

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, "&");

const textOf = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1])).join("");

function readSheet(xml: string, shared: string[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const rowMatch of xml.matchAll(/<row r="(\d+)"[^>]*?(?:\/>|>(.*?)<\/row>)/g)) {
    const cells: (string | number)[] = [];
    for (const c of (rowMatch[2] ?? "").matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) {
      const type = /\st="(\w+)"/.exec(c[2])?.[1];
      const body = c[3] ?? "";
      const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
      let value: string | number | undefined;
      if (type === "inlineStr") value = textOf(body);
      else if (v === undefined) value = undefined;
      else if (type === "s") value = shared[Number(v)];
      else if (type === "str" || type === "e") value = unescape(v);
      else if (type === "b") value = v === "1" ? 1 : 0;
      else value = Number(v);
      if (value === undefined) continue;
      let col = 0;
      for (const ch of c[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
      cells[col - 1] = value;
    }
    rows[Number(rowMatch[1]) - 1] = Array.from(cells, (v) => v ?? "");
  }
  // Rows holding only empty cells (an HXL row of a table without hashtags) count as rows.
  return Array.from(rows, (r) => r ?? []);
}

export interface ReadWorkbook {
  /** The first sheet's rows: labels, the optional hashtag row, the data. */
  rows: (string | number)[][];
  /** Whether the first sheet reads right to left. */
  rtl: boolean;
  /** The sheets' names, in order. */
  sheetNames: string[];
  /** The second sheet's rows (label, value): title, organisation, date, period, filters, note. */
  about: (string | number)[][];
}

export function readXlsx(bytes: Uint8Array): ReadWorkbook {
  const files = unzipSync(bytes);
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : "");
  const shared = [...text("xl/sharedStrings.xml").matchAll(/<si>(.*?)<\/si>/g)].map((m) => textOf(m[1]));
  const workbook = text("xl/workbook.xml");
  const sheetNames = [...workbook.matchAll(/<sheet\s[^>]*?name="([^"]*)"/g)].map((m) => unescape(m[1]));
  const sheet1 = text("xl/worksheets/sheet1.xml");
  return {
    rows: readSheet(sheet1, shared),
    rtl: /<sheetView[^>]*rightToLeft="1"/.test(sheet1),
    sheetNames,
    about: readSheet(text("xl/worksheets/sheet2.xml"), shared),
  };
}
