import "server-only";
import { createHash } from "node:crypto";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import type { Cell } from "./cells";

/** The largest file taken: 20 MB (100,000 rows of a members' sheet is about 12 MB as CSV). */
export const MAX_BYTES = 20 * 1024 * 1024;
/** The most data rows taken from one file. */
export const MAX_ROWS = 100_000;

/** A file refused whole: its catalogue key (imports.fileErrors.*) and the values the message names. */
export class ImportFileError extends Error {
  constructor(
    public readonly key: string,
    public readonly values: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export interface SheetRow {
  /** The row's line in the file (1: the header). */
  line: number;
  cells: Cell[];
}

export type FileFormat = "csv" | "xlsx";

/** What the first bytes say the file is; refused if it is no spreadsheet this reads. */
export async function sniffFormat(file: Blob, name: string): Promise<FileFormat> {
  if (file.size === 0) throw new ImportFileError("empty");
  if (file.size > MAX_BYTES) throw new ImportFileError("tooLarge", { max: Math.round(MAX_BYTES / 1024 / 1024) });
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "xlsx";
  // An old binary workbook (.xls) or anything else binary (a PDF, an image, a Word file).
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw new ImportFileError("oldExcel");
  if (head.includes(0) || ext === "xlsx" || ext === "xls") throw new ImportFileError("notSpreadsheet");
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, lastWholeChar(head)));
  } catch {
    throw new ImportFileError("notUtf8");
  }
  return "csv";
}

/** Where the last whole UTF-8 character of a chunk ends (a sniffed chunk may cut one). */
function lastWholeChar(b: Uint8Array): number {
  let i = b.length;
  let back = 0;
  while (i > 0 && back < 4 && (b[i - 1] & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i > 0 && b[i - 1] >= 0xc0) return i - 1;
  return b.length;
}

/** The separator of a CSV: Excel in French writes ";", Kobo and most tools ","; tabs too. */
function sniffDelimiter(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates = [",", ";", "\t"].map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ",";
}

/**
 * The file's bytes as a stream, hashed (SHA-256) and counted as they pass: `digest()` once read.
 * Nothing is kept: the parser holds a chunk at a time.
 */
function hashed(file: Blob) {
  const hash = createHash("sha256");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_BYTES) return done(new ImportFileError("tooLarge", { max: Math.round(MAX_BYTES / 1024 / 1024) }));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const stream = Readable.fromWeb(file.stream() as unknown as WebReadableStream).pipe(tap);
  return { stream, digest: () => hash.digest("hex"), bytes: () => bytes };
}

export interface ReadFile {
  format: FileFormat;
  rows: AsyncGenerator<SheetRow>;
  /** The SHA-256 of the bytes, once `rows` is read to its end. */
  checksum: () => string;
}

/** Rows of the file's first sheet, one at a time; a refusal (formula, too many rows…) is thrown as ImportFileError. */
export async function readSheet(file: Blob, name: string): Promise<ReadFile> {
  const format = await sniffFormat(file, name);
  const h = hashed(file);
  let digest: string | null = null;
  const checksum = () => (digest ??= h.digest());
  if (format === "csv") {
    const firstLine = (await file.slice(0, 8192).text()).split(/\r?\n/, 1)[0] ?? "";
    return { format, rows: csvRows(h.stream, sniffDelimiter(firstLine)), checksum };
  }
  return { format, rows: xlsxRows(h.stream), checksum };
}

async function* csvRows(stream: Readable, delimiter: string): AsyncGenerator<SheetRow> {
  const parser = stream.pipe(parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, info: true }));
  stream.on("error", (e) => parser.destroy(e));
  let count = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = rec.record.map((v) => (v.trim() === "" ? null : v));
      if (cells.every((c) => c === null)) continue;
      if (++count > MAX_ROWS + 1) throw new ImportFileError("tooManyRows", { max: MAX_ROWS });
      // A cell starting "=" is a formula typed into a CSV (or pasted from a sheet): refused.
      const f = cells.findIndex((c) => typeof c === "string" && /^=[A-Za-z(]/.test(c));
      if (f >= 0) throw new ImportFileError("formula", { cell: `${columnLetter(f)}${rec.info.lines}` });
      yield { line: rec.info.lines, cells };
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError("badCsv", { detail: String((e as Error).message ?? "").slice(0, 120) });
  }
}

export function columnLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

type XCell = { value: unknown; formula?: string; type?: number; isMerged?: boolean };

function xlsxValue(v: unknown, address: string): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "object") {
    const o = v as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; text?: string; error?: string; hyperlink?: string };
    if (o.formula !== undefined || o.sharedFormula !== undefined) throw new ImportFileError("formula", { cell: address });
    if (o.richText) return o.richText.map((r) => r.text).join("") || null;
    if (typeof o.text === "string") return o.text;
    if (o.error) throw new ImportFileError("formula", { cell: address });
  }
  return null;
}

async function* xlsxRows(stream: Readable): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    styles: "cache", // to tell a date cell from a number
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let sheets = 0;
  let count = 0;
  try {
    for await (const ws of reader) {
      // The first sheet holds the data (the template's instructions and lists follow it).
      if (sheets++ > 0) continue;
      for await (const row of ws as unknown as AsyncIterable<{ number: number; values: unknown[]; getCell(i: number): XCell }>) {
        const values = row.values;
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxValue(values[i], `${columnLetter(i - 1)}${row.number}`));
        if (cells.every((c) => c === null)) continue;
        if (++count > MAX_ROWS + 1) throw new ImportFileError("tooManyRows", { max: MAX_ROWS });
        yield { line: row.number, cells };
      }
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError("notSpreadsheet");
  }
  if (sheets === 0) throw new ImportFileError("notSpreadsheet");
}
