import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINES_HEADER, ROWS_HEADER, readWithProgress } from "./download";
import { exportBody, exportResponse, type ExportFormat } from "./response";
import type { ExportMeta } from "./meta";
import type { DataTableModel } from "./table";

const meta: ExportMeta = {
  title: "Big",
  org: { slug: "t", name: "T" },
  locale: "fr",
  generatedAt: new Date(),
  filters: [],
  note: "Note",
  labels: {
    title: "Titre",
    organisation: "Organisation",
    generated: "Généré le",
    period: "Période",
    filters: "Filtres",
    none: "aucun",
    note: "Note",
    rows: "Lignes",
    aboutSheet: "À propos",
  },
};

/** 60,000 rows of 12 columns: several megabytes, several seconds of work if done in one go. */
const big: DataTableModel = {
  id: "big",
  title: "Big",
  columns: Array.from({ length: 12 }, (_, i) => ({ key: `c${i}`, label: `Colonne ${i}`, hxl: `#meta+c${i}` })),
  rows: Array.from({ length: 60_000 }, (_, r) => Array.from({ length: 12 }, (_, c) => (c % 3 === 0 ? `Village ${r} « ${c} »` : r * 12 + c))),
};

/**
 * A plain HTTP server in this process serving the export the way the route handlers do (the
 * web stream piped to the socket), and a tiny `/ping` answer: the stand-in for another user's
 * request arriving while the export streams.
 */
describe("long exports never block the server", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url!, "http://x");
      if (url.pathname === "/ping") return void res.end("pong");
      const response = exportResponse(big, url.searchParams.get("format") as ExportFormat, { meta });
      res.writeHead(200, Object.fromEntries(response.headers.entries()));
      Readable.fromWeb(response.body as never).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const format of ["csv", "xlsx"] as const) {
    it(`answers other requests all along while a ${format.toUpperCase()} export of 60,000 rows streams`, async () => {
      // Another user asks /ping, one request after the other, from before the export until after it.
      let stop = false;
      const answered: number[] = [];
      const pinger = (async () => {
        while (!stop) {
          await (await fetch(`${base}/ping`)).text();
          answered.push(performance.now());
        }
      })();
      await new Promise((r) => setTimeout(r, 50));
      const start = performance.now();
      const res = await fetch(`${base}/export?format=${format}`);
      expect(res.headers.get(ROWS_HEADER)).toBe("60000");
      const chunks = await readWithProgress(res, () => {});
      const end = performance.now();
      stop = true;
      await pinger;
      expect(chunks.reduce((n, c) => n + c.byteLength, 0)).toBeGreaterThan(1_000_000);
      // The pings answered during the export, and the longest wait between two of them. Built in
      // one go, the file would hold the server for most of the export: here no wait comes near.
      const during = answered.filter((t) => t > start && t < end);
      const marks = [start, ...during, end];
      const longestWait = Math.max(...marks.slice(1).map((t, i) => t - marks[i]));
      expect(during.length).toBeGreaterThanOrEqual(10);
      expect(longestWait).toBeLessThan((end - start) / 4);
    });
  }

  it("serialises the same bytes however slowly it is read, and reports rows as they arrive", async () => {
    const csv = exportResponse(big, "csv", { hxl: true, meta });
    // Five lines of metadata (title, organisation, date, filters, note), an empty one, labels, hashtags.
    expect(csv.headers.get(LINES_HEADER)).toBe("60008");
    const seen: number[] = [];
    const chunks = await readWithProgress(csv, (p) => seen.push(p.rows!));
    expect(seen.at(-1)).toBe(60_000);
    expect(seen.length).toBeGreaterThan(10); // many chunks, not one
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1])).toBe(true);
    const whole = new Uint8Array(await new Response(exportBody(big, "csv", { hxl: true, meta })).arrayBuffer());
    expect(Buffer.concat(chunks).equals(Buffer.from(whole))).toBe(true);
  });
});

describe("a slow reader holds the writer back (memory stays bounded)", () => {
  for (const format of ["csv", "xlsx"] as const) {
    it(`${format.toUpperCase()}: rows are read from their source only as fast as the file is taken`, async () => {
      let produced = 0;
      const total = 30_000;
      async function* rows() {
        for (let i = 0; i < total; i++) {
          produced++;
          yield [`Village ${i} « ${i % 7} »`, i, i * 1.5];
        }
      }
      const table = {
        id: "slow",
        title: "Slow",
        columns: [
          { key: "a", label: "A" },
          { key: "b", label: "B" },
          { key: "c", label: "C" },
        ],
        rowCount: total,
        rows: rows(),
      };
      const reader = exportBody(table, format, { meta }).getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      // The reader takes nothing for a while: the writer must not run on through the source.
      await new Promise((r) => setTimeout(r, 400));
      const whileWaiting = produced;
      // A slice or two of rows (the writers pause every 500), never the table.
      expect(whileWaiting).toBeLessThan(5_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(produced - whileWaiting).toBeLessThan(1_000);
      // Reading on, everything comes.
      let bytes = first.value!.byteLength;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
      }
      expect(produced).toBe(total);
      expect(bytes).toBeGreaterThan(100_000);
    }, 60_000);
  }
});
