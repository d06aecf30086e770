/**
 * Reads back the cells of the first sheet of an XLSX written by `xlsx.ts` (inline strings and
 * numbers). For tests: it is not a general XLSX reader.
 */
import { strFromU8, unzipSync } from "fflate";

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

export function readXlsx(bytes: Uint8Array): { rows: (string | number)[][]; rtl: boolean } {
  const files = unzipSync(bytes);
  const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]);
  const rows: (string | number)[][] = [];
  for (const rowMatch of sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)) {
    const cells: (string | number)[] = [];
    for (const c of rowMatch[2].matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:t="inlineStr")?>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)) {
      let col = 0;
      for (const ch of c[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
      cells[col - 1] = c[2] !== undefined ? Number(c[2]) : unescape(c[3]);
    }
    rows[Number(rowMatch[1]) - 1] = Array.from(cells, (v) => v ?? "");
  }
  return { rows, rtl: /<sheetView[^>]*rightToLeft="1"/.test(sheet) };
}
