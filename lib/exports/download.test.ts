import { describe, expect, it } from "vitest";
import { fileNameOf, fillText, formatBytes, LINES_HEADER, readWithProgress, ROWS_HEADER, type Progress } from "./download";

const streamOf = (parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(new TextEncoder().encode(p));
      c.close();
    },
  });

describe("download with progress", () => {
  it("counts bytes and data rows as the chunks arrive, leaving out the label and hashtag lines", async () => {
    const res = new Response(streamOf(["a,b\r\n#x,#y\r\n1,", "2\r\n3,4\r\n", "5,6\r\n"]), { headers: { [ROWS_HEADER]: "3", [LINES_HEADER]: "5" } });
    const seen: Progress[] = [];
    const chunks = await readWithProgress(res, (p) => seen.push(p));
    expect(seen.map((p) => p.rows)).toEqual([0, 2, 3]);
    expect(seen.at(-1)).toEqual({ bytes: 27, rows: 3, totalRows: 3 });
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe("a,b\r\n#x,#y\r\n1,2\r\n3,4\r\n5,6\r\n");
  });

  it("reports bytes only when the lines are unknown (XLSX)", async () => {
    const seen: Progress[] = [];
    await readWithProgress(new Response(streamOf(["PK\n\n", "zz"]), { headers: { [ROWS_HEADER]: "40" } }), (p) => seen.push(p));
    expect(seen).toEqual([
      { bytes: 4, rows: null, totalRows: 40 },
      { bytes: 6, rows: null, totalRows: 40 },
    ]);
  });

  it("never reports more rows than the table has", async () => {
    const seen: Progress[] = [];
    await readWithProgress(new Response(streamOf(['h\r\n"a\nb"\r\n']), { headers: { [ROWS_HEADER]: "1", [LINES_HEADER]: "2" } }), (p) => seen.push(p));
    expect(seen.at(-1)!.rows).toBe(1);
  });

  it("reads the file name, fills texts and writes sizes", () => {
    expect(fileNameOf('attachment; filename="adicor-cohesion-trend-2026-11-02.csv"', "x")).toBe("adicor-cohesion-trend-2026-11-02.csv");
    expect(fileNameOf(null, "export")).toBe("export");
    expect(fillText("{rows} lignes sur {total} ({size})", { rows: 3, total: 10, size: "2 kB" })).toBe("3 lignes sur 10 (2 kB)");
    expect(fillText("{unknown}", {})).toBe("{unknown}");
    expect(formatBytes(512, "en")).toBe("512 byte");
    expect(formatBytes(12_345, "en")).toBe("12.3 kB");
    expect(formatBytes(1_400_000, "ar")).toMatch(/^1\.4/);
  });
});
