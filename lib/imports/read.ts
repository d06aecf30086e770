import "server-only";
import { createHash } from "node:crypto";
import { Readable, Transform } from "node:stream";
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

/** How many of the first bytes are looked at to tell the format and the CSV's separator. */
const HEAD_BYTES = 8192;

const tooLarge = () => new ImportFileError("tooLarge", { max: Math.round(MAX_BYTES / 1024 / 1024) });

/** What the first bytes say the file is; refused if it is no spreadsheet this reads. */
export function sniffFormat(head: Uint8Array, name: string): FileFormat {
  if (head.length === 0) throw new ImportFileError("empty");
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "xlsx";
  // An old binary workbook (.xls) or anything else binary (a PDF, an image, a Word file).
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw new ImportFileError("oldExcel");
  const first = head.subarray(0, 4096);
  if (first.includes(0) || ext === "xlsx" || ext === "xls") throw new ImportFileError("notSpreadsheet");
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(first.subarray(0, lastWholeChar(first)));
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
 * A file's bytes as they arrive, not held whole: the body of the upload route's request
 * (lib/imports/upload-route.ts), read once; the bytes are counted, and cut at the limit, whatever
 * length was declared.
 */
export interface SheetStream {
  stream: Readable | ReadableStream<Uint8Array>;
  /** The length the sender declared (Content-Length), refused at once above the limit; 0 if none was. */
  size: number;
}

/** What is read: a form's file (the server action without JavaScript), or a stream of bytes. */
export type SheetSource = Blob | SheetStream;

/**
 * The file's bytes as a stream, hashed (SHA-256) and counted as they pass: `digest()` once read.
 * Nothing is kept: the parser holds a chunk at a time. Past MAX_BYTES the stream fails with
 * "tooLarge" (a body sent without its length is cut there); `failure()` is the first error the
 * bytes met (the limit, or the sender gone), whatever the parser made of it.
 */
function hashed(source: Readable) {
  const hash = createHash("sha256");
  let bytes = 0;
  let failure: Error | null = null;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_BYTES) return done((failure ??= tooLarge()));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // The sender gone (an aborted upload): the parser is told, and the reason is kept.
  source.on("error", (e) => {
    failure ??= e;
    tap.destroy(e);
  });
  const stream = source.pipe(tap);
  return { stream, digest: () => hash.digest("hex"), bytes: () => bytes, failure: () => failure };
}

/**
 * The first `want` bytes of a stream (fewer if it ends before), and a stream of all its bytes,
 * those first ones included: the format and the separator are told from the head, then the
 * parser reads from the start, without the rest having been held.
 */
async function peek(source: Readable, want: number): Promise<{ head: Buffer; stream: Readable }> {
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let have = 0;
  let ended = false;
  while (have < want) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    chunks.push(r.value);
    have += r.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* all() {
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      // The parser stopped early (a refusal): the source is closed, not read to its end.
      await it.return?.();
    }
  }
  return { head, stream: Readable.from(all(), { objectMode: false }) };
}

const toReadable = (s: Readable | ReadableStream<Uint8Array>) => (s instanceof Readable ? s : Readable.fromWeb(s));

export interface ReadFile {
  format: FileFormat;
  rows: AsyncGenerator<SheetRow>;
  /** The SHA-256 of the bytes, once `rows` is read to its end. */
  checksum: () => string;
  /** How many bytes were read so far (all of them once `rows` is read to its end). */
  bytes: () => number;
}

/**
 * Rows of the file's first sheet, one at a time, as its bytes arrive (a form's file or a request's
 * body alike); a refusal (formula, too many rows, too large…) is thrown as ImportFileError.
 */
export async function readSheet(file: SheetSource, name: string): Promise<ReadFile> {
  const isBlob = file instanceof Blob;
  if (isBlob && file.size === 0) throw new ImportFileError("empty");
  if (file.size > MAX_BYTES) throw tooLarge();
  const h = hashed(isBlob ? Readable.fromWeb(file.stream()) : toReadable(file.stream));
  /** What the bytes met as they passed (the limit, the sender gone), whatever the parser made of it. */
  const failed = h.failure;
  let format: FileFormat;
  let stream: Readable;
  let head: Buffer;
  try {
    ({ head, stream } = await peek(h.stream, HEAD_BYTES));
  } catch (e) {
    throw failed() ?? e;
  }
  try {
    format = sniffFormat(head, name);
  } catch (e) {
    stream.destroy();
    throw e;
  }
  let digest: string | null = null;
  const checksum = () => (digest ??= h.digest());
  if (format === "csv") {
    const firstLine = new TextDecoder().decode(head).split(/\r?\n/, 1)[0] ?? "";
    return { format, rows: csvRows(stream, sniffDelimiter(firstLine), failed), checksum, bytes: h.bytes };
  }
  return { format, rows: xlsxRows(stream, failed), checksum, bytes: h.bytes };
}

async function* csvRows(stream: Readable, delimiter: string, failed: () => Error | null): AsyncGenerator<SheetRow> {
  // A record is held whole until it ends: one of over a million characters (an unclosed quote, say)
  // is refused there, rather than the parser holding the rest of the file.
  const parser = stream.pipe(parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, info: true, max_record_size: 1_000_000 }));
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
    throw failed() ?? new ImportFileError("badCsv", { detail: String((e as Error).message ?? "").slice(0, 120) });
  } finally {
    // Stopped early (a refusal, or the reader gone): nothing more is read from the source.
    parser.destroy();
    stream.destroy();
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

async function* xlsxRows(stream: Readable, failed: () => Error | null): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    styles: "cache", // to tell a date cell from a number
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  // exceljs does not hear of its source's failure (the limit, the sender gone): it would wait for
  // the rest of the bytes. Each step is given up on that failure. (Not Promise.race with one
  // promise pending all along: each race would leave it a reaction holding that step's row.)
  let broken: Error | null = null;
  let giveUp: ((e: Error) => void) | null = null;
  stream.on("error", (e) => {
    broken ??= e;
    giveUp?.(e);
  });
  const next = <T>(it: AsyncIterator<T>) =>
    new Promise<IteratorResult<T>>((resolve, reject) => {
      if (broken) return reject(broken);
      giveUp = reject;
      it.next().then(resolve, reject);
    }).finally(() => (giveUp = null));
  type XRow = { number: number; values: unknown[]; getCell(i: number): XCell };
  let sheets = 0;
  let count = 0;
  try {
    const sheetsOf = (reader as unknown as AsyncIterable<AsyncIterable<XRow>>)[Symbol.asyncIterator]();
    for (let ws = await next(sheetsOf); !ws.done; ws = await next(sheetsOf)) {
      // The first sheet holds the data (the template's instructions and lists follow it).
      if (sheets++ > 0) continue;
      const rowsOf = ws.value[Symbol.asyncIterator]();
      for (let r = await next(rowsOf); !r.done; r = await next(rowsOf)) {
        const row = r.value;
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
    throw failed() ?? new ImportFileError("notSpreadsheet");
  } finally {
    stream.destroy();
  }
  if (sheets === 0) throw new ImportFileError("notSpreadsheet");
}
