/** Reading a downloaded export in the tests: the CSV's metadata block and its table. */
export interface Got {
  status: number;
  name: string | null;
  lang: string | null;
  rows: string | null;
  bytes: Uint8Array;
}

/** A CSV reader for the exports (quoted fields, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (c !== "\r") field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The metadata block (label → value, up to the empty line) and the table after it; the file must start with a byte-order mark. */
export function csvOf(bytes: Uint8Array): { meta: Map<string, string>; table: string[][] } {
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error("no byte-order mark");
  const rows = parseCsv(new TextDecoder().decode(bytes.subarray(3)));
  const blank = rows.findIndex((r) => r.length === 1 && r[0] === "");
  if (blank < 0) throw new Error("no metadata block");
  return { meta: new Map(rows.slice(0, blank).map((r) => [r[0], r[1]])), table: rows.slice(blank + 1) };
}
