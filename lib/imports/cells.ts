/**
 * A spreadsheet cell as the import reads it: text, number, date (a date-formatted XLSX cell), or
 * nothing. Dates arrive as XLSX dates, as Excel serial numbers (an unformatted cell, or a CSV
 * saved from Excel) or as text (yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, a Kobo timestamp);
 * all are read to yyyy-mm-dd, and anything else is left for the row's check to refuse.
 */
import { isIsoDate } from "@/lib/dates";

export type Cell = string | number | boolean | Date | null;

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included): serial 45658 is 2025-01-01. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date cell or text to yyyy-mm-dd; null if it is not a date. */
export function toIsoDate(cell: Cell): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    // exceljs gives a date cell as UTC midnight of the day shown.
    return iso(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === "number") return excelSerialToIso(cell);
  if (typeof cell !== "string") return null;
  const s = cell.trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  let out: string | null = null;
  if (m) out = iso(+m[1], +m[2], +m[3]);
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) out = iso(+m[3], +m[2], +m[1]);
  else if (/^\d{5}(\.\d+)?$/.test(s)) out = excelSerialToIso(Number(s));
  return out && isIsoDate(out) ? out : null;
}

/** A cell as the text a form field would carry. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return toIsoDate(cell) ?? "";
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : String(cell);
  if (typeof cell === "boolean") return cell ? "1" : "0";
  return cell.trim();
}
