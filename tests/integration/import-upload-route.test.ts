/**
 * Issue 14.1, large files: with JavaScript the import page sends the spreadsheet's bytes as the
 * body of POST /<org>/import/upload, which reads and stages them as they arrive (never the whole
 * file in memory, and out of the proxy, which would buffer it). Here through the real route
 * handler, as the application role, with bodies that are streams yielding chunks: the rows are
 * staged as by the server action; the same checks refuse the same requests (a session, the tenant
 * from the URL, imports:write, the kind, the fields, the origin, 20 MB, the rate limit), each with
 * the catalogue key the page translates; a refused file keeps nothing.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { NextRequest } from "next/server";
import { groups, importRows, importUploads } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { CurrentUser } from "@/lib/auth/session-store";
import { loadMessages } from "@/lib/i18n/catalogues";
import { MAX_BYTES } from "@/lib/imports/read";
import { UPLOAD_RULE, uploadBucket } from "@/lib/imports/upload-route";
import { hitRateLimit } from "@/lib/rate-limit";
import { today } from "@/lib/dates";
import { GET, POST } from "@/app/(portal)/[org]/import/upload/route";
import { config as proxyConfig } from "@/proxy";
import { request } from "../request-scope";
import { serve, signedIn, unserve } from "../serving";
import { backend, createTestDb, type TestDb } from "../test-db";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (orig) => (await import("../request-scope")).session(await orig()));

/** A body as a browser's upload arrives: chunks pulled one at a time; how many bytes were pulled. */
function chunked(bytes: Uint8Array, size = 997) {
  let at = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (at >= bytes.length) return c.close();
        c.enqueue(bytes.slice(at, at + size));
        at += size;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => Math.min(at, bytes.length) };
}

/** A body made as it is read, `total` bytes of `head` then `line` repeated: never a buffer of its size. */
function generated(head: string, line: string, total: number, size = 64 * 1024) {
  let sent = 0;
  const first = new TextEncoder().encode(head);
  const chunk = new TextEncoder().encode(line.repeat(Math.ceil(size / line.length)));
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (sent >= total) return c.close();
        const next = sent === 0 ? first : chunk;
        c.enqueue(next);
        sent += next.length;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, sent: () => sent };
}

type Answer = { uploadId?: string; formError?: { key: string; values?: Record<string, string | number> }; fieldErrors?: Record<string, string> };

describe(`the import's streamed upload route on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: CurrentUser;
  let named: string[];
  const signIn = (email: string) => signedIn(db, email, "10.91.0.14");
  const uploadsCount = async () => (await db.db.select({ n: sql<number>`count(*)::int` }).from(importUploads))[0].n;

  /** POST /<slug>/import/upload as `as`, from the portal's own origin unless told otherwise. */
  const upload = async (
    as: CurrentUser | null,
    body: ReadableStream<Uint8Array> | null,
    opts: { slug?: string; query?: Record<string, string>; headers?: Record<string, string> } = {},
  ) => {
    const slug = opts.slug ?? "adicor";
    const q = new URLSearchParams(opts.query ?? { kind: "ledger", name: "caisse.csv" });
    request.user = as;
    const req = new NextRequest(`http://localhost/${slug}/import/upload?${q}`, {
      method: "POST",
      headers: { host: "localhost", origin: "http://localhost", "content-type": "application/octet-stream", ...opts.headers },
      body,
      duplex: "half",
    });
    const res = await POST(req, { params: Promise.resolve({ org: slug }) });
    return { status: res.status, body: (await res.json().catch(() => null)) as Answer | null };
  };

  const ledgerCsv = (n: number, tag: string) => {
    const out = ["Groupe,Opération,Date,Montant,Devise,Note"];
    for (let i = 0; i < n; i++) out.push(`${named[i % named.length]},vente,${today()},${100 + i},MRU,${tag} é ${i}`);
    return new TextEncoder().encode(out.join("\r\n") + "\r\n");
  };

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db);
    editor = await signIn("editor@adicor.demo");
    const gs = await db.db
      .select({ name: groups.name })
      .from(groups)
      .where(and(eq(groups.ngoOrgId, ids.orgs.adicor), isNull(groups.archivedAt)));
    named = gs.filter((x) => gs.filter((o) => o.name === x.name).length === 1 && !/[",\n]/.test(x.name)).map((x) => x.name);
  }, 120_000);
  afterAll(async () => {
    request.user = null;
    await unserve(db);
  });

  it("is left out of the proxy's matcher, which would hold the body in memory; the import page and every other path are not", async () => {
    // The matcher as Next compiles it at build time (not in its public types).
    const { getMiddlewareMatchers } = (await import("next/dist/build/analysis/get-page-static-info")) as unknown as {
      getMiddlewareMatchers: (m: unknown, config: object) => { regexp: string }[];
    };
    const matchers = getMiddlewareMatchers(proxyConfig.matcher, {}).map((m) => new RegExp(m.regexp));
    const seen = (path: string) => matchers.some((m) => m.test(path));
    expect(seen("/adicor/import/upload")).toBe(false);
    expect(seen("/adicor/import/upload/")).toBe(false);
    for (const path of ["/adicor/import", "/adicor/import/progress", "/adicor/import/uploads", "/adicor/groups", "/login"]) expect(seen(path), path).toBe(true);
  });

  it("stages a CSV sent in chunks, as the server action would: its rows, checksum and size, then the preview's id", async () => {
    const bytes = ledgerCsv(1500, "flux");
    const { body, pulled } = chunked(bytes);
    const res = await upload(editor, body, { query: { kind: "ledger", name: "caisse.csv", progressKey: crypto.randomUUID() } });
    expect(res.status).toBe(200);
    expect(res.body?.uploadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pulled()).toBe(bytes.length);
    const [u] = await db.db.select().from(importUploads).where(eq(importUploads.id, res.body!.uploadId!));
    expect(u).toMatchObject({ kind: "ledger", fileName: "caisse.csv", rowCount: 1500, newCount: 1500, invalidCount: 0, status: "staged" });
    expect(u.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
    // Sent without a length (chunked): the size kept is what was read.
    expect(u.sizeBytes).toBe(bytes.length);
    const rows = await db.db.select().from(importRows).where(eq(importRows.uploadId, u.id));
    expect(rows).toHaveLength(1500);
    expect(rows.find((r) => r.line === 2)?.values).toMatchObject({ group: named[0], amount: "100" });
    expect(rows.some((r) => (r.values as Record<string, string>).note === "flux é 1499")).toBe(true);
  });

  it("holds no database transaction while the body is still arriving (a slow phone would keep a pooled connection from everyone)", async () => {
    const bytes = ledgerCsv(400, "lent");
    let at = 0;
    let release!: () => void;
    const halfway = new Promise<void>((r) => (release = r));
    let paused!: () => void;
    const reachedHalf = new Promise<void>((r) => (paused = r));
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(c) {
          if (at >= bytes.length) return c.close();
          // Half the file sent, then the connection stalls until the test has looked.
          if (at >= bytes.length / 2 && at < bytes.length / 2 + 1000) {
            paused();
            await halfway;
          }
          c.enqueue(bytes.slice(at, at + 1000));
          at += 1000;
        },
      },
      { highWaterMark: 0 },
    );
    const done = upload(editor, body, { query: { kind: "ledger", name: "lent.csv" } });
    await reachedHalf;
    await new Promise((r) => setTimeout(r, 200));
    // Nothing staged yet, and no transaction open on the portal's side: the bytes go to a file.
    const staged = await db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(importUploads)
      .where(eq(importUploads.fileName, "lent.csv"));
    expect(staged[0].n).toBe(0);
    if (backend === "postgres") {
      const open: unknown = await db.db.execute(
        // Every open transaction holds its own virtualxid lock (pg_locks is readable by any role,
        // unlike another role's state in pg_stat_activity).
        sql`select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'virtualxid' and a.datname = current_database() and l.pid <> pg_backend_pid()`,
      );
      const [row] = ((open as { rows?: { n: number }[] }).rows ?? (open as { n: number }[])) as { n: number }[];
      expect(Number(row.n)).toBe(0);
    }
    release();
    const res = await done;
    expect(res.status).toBe(200);
    const [u] = await db.db.select().from(importUploads).where(eq(importUploads.id, res.body!.uploadId!));
    expect(u).toMatchObject({ rowCount: 400, sizeBytes: bytes.length });
  });

  it("stages an XLSX workbook sent in chunks, with its declared length", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Données");
    ws.addRow(["Groupe", "Opération", "Date", "Montant", "Devise", "Note"]);
    for (let i = 0; i < 300; i++) ws.addRow([named[i % named.length], "vente", new Date(`${today()}T00:00:00Z`), 500 + i, "MRU", `classeur ${i}`]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await upload(editor, chunked(bytes, 4096).body, {
      query: { kind: "ledger", name: "caisse.xlsx" },
      headers: { "content-length": String(bytes.length) },
    });
    expect(res.status).toBe(200);
    const [u] = await db.db.select().from(importUploads).where(eq(importUploads.id, res.body!.uploadId!));
    expect(u).toMatchObject({ fileName: "caisse.xlsx", rowCount: 300, newCount: 300, sizeBytes: bytes.length });
  });

  it("refuses a body over 20 MB: a declared length before a byte is read, one sent without it cut at the limit; nothing kept", async () => {
    const before = await uploadsCount();
    const small = chunked(ledgerCsv(3, "grand"));
    const declared = await upload(editor, small.body, { headers: { "content-length": String(MAX_BYTES + 1) } });
    expect(declared).toEqual({ status: 413, body: { formError: { key: "importFileTooLarge", values: { max: 20 } } } });
    expect(small.pulled()).toBe(0);

    // A header, then blank lines (read, never staged) past the limit: cut there, not read to its end.
    const endless = generated("Groupe,Opération,Date,Montant,Devise,Note\r\n", `${" ".repeat(250)},,,,,\r\n`, MAX_BYTES * 2);
    const cut = await upload(editor, endless.body);
    expect(cut).toEqual({ status: 413, body: { formError: { key: "importFileTooLarge", values: { max: 20 } } } });
    expect(endless.sent()).toBeGreaterThan(MAX_BYTES);
    expect(endless.sent()).toBeLessThan(MAX_BYTES + 256 * 1024);
    expect(await uploadsCount()).toBe(before);
  }, 120_000);

  it("refuses a file that is no spreadsheet with the translated reason, keeps nothing, and reads the rest of the body before answering", async () => {
    const before = await uploadsCount();
    const pdf = new Uint8Array(200_000).fill(7);
    pdf.set(new TextEncoder().encode("%PDF-1.4\n"), 0);
    pdf[10] = 0;
    const sent = chunked(pdf, 8192);
    const res = await upload(editor, sent.body, { query: { kind: "ledger", name: "rapport.pdf" } });
    expect(res).toEqual({ status: 422, body: { formError: { key: "importFileNotSpreadsheet" } } });
    // The whole body was taken, so that the browser still sending it gets this answer.
    expect(sent.pulled()).toBe(pdf.length);
    const fr = (await loadMessages("fr")).errors as Record<string, string>;
    expect(fr.importFileNotSpreadsheet).toBe("Ce fichier n'est pas un classeur XLSX ni un fichier CSV.");
    // A row's refusal found while reading (a formula), the same: nothing kept.
    const formula = new TextEncoder().encode(`Groupe,Opération,Date,Montant,Devise,Note\r\n${named[0]},vente,${today()},=SUM(A1),MRU,x\r\n`);
    expect(await upload(editor, chunked(formula).body)).toEqual({ status: 422, body: { formError: { key: "importFileFormula", values: { cell: "D2" } } } });
    // A form's body is not a file's.
    expect((await upload(editor, chunked(ledgerCsv(2, "form")).body, { headers: { "content-type": "multipart/form-data; boundary=x" } })).status).toBe(415);
    expect(await uploadsCount()).toBe(before);
  });

  it("refuses a cross-origin POST, and one without Origin, before reading anything", async () => {
    for (const origin of ["https://evil.example", "null", "http://localhost.evil.example"]) {
      const sent = chunked(ledgerCsv(2, "cross"));
      expect(await upload(editor, sent.body, { headers: { origin } })).toEqual({ status: 403, body: { formError: { key: "forbidden" } } });
      expect(sent.pulled()).toBe(0);
    }
    request.user = editor;
    const req = new NextRequest("http://localhost/adicor/import/upload?kind=ledger", {
      method: "POST",
      headers: { host: "localhost", "content-type": "text/csv" },
      body: chunked(ledgerCsv(2, "no-origin")).body,
      duplex: "half",
    });
    expect((await POST(req, { params: Promise.resolve({ org: "adicor" }) })).status).toBe(403);
    // Next's internal header, as the proxy refuses it elsewhere.
    expect((await upload(editor, chunked(ledgerCsv(2, "mw")).body, { headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } })).status).toBe(
      400,
    );
  });

  it("answers another organisation's slug, a member without imports:write and a kind the organisation may not import with 'not found'; no session with 401", async () => {
    const before = await uploadsCount();
    const notFound = { status: 404, body: { formError: { key: "not_found" } } };
    expect(await upload(editor, chunked(ledgerCsv(2, "autre")).body, { slug: "tadamoun" })).toEqual(notFound);
    expect(await upload(editor, chunked(ledgerCsv(2, "inconnu")).body, { slug: "no-such-org" })).toEqual(notFound);
    const viewer = await signIn("viewer@adicor.demo");
    expect(await upload(viewer, chunked(ledgerCsv(2, "lecteur")).body)).toEqual(notFound);
    expect(await upload(editor, chunked(ledgerCsv(2, "prix")).body, { query: { kind: "attendance", name: "présences.csv" } })).toEqual(notFound);
    expect(await upload(null, chunked(ledgerCsv(2, "anonyme")).body)).toEqual({ status: 401, body: { formError: { key: "unauthenticated" } } });
    expect(await uploadsCount()).toBe(before);
    // The probe of the authorization matrix: the same answers.
    request.user = editor;
    expect((await GET(new NextRequest("http://localhost/adicor/import/upload"), { params: Promise.resolve({ org: "adicor" }) })).status).toBe(200);
    expect((await GET(new NextRequest("http://localhost/tadamoun/import/upload"), { params: Promise.resolve({ org: "tadamoun" }) })).status).toBe(404);
    request.user = viewer;
    expect((await GET(new NextRequest("http://localhost/adicor/import/upload"), { params: Promise.resolve({ org: "adicor" }) })).status).toBe(404);
  });

  it("checks the fields by the form's schema (the action's keys), and an empty body as no file", async () => {
    expect(await upload(editor, chunked(ledgerCsv(2, "sans")).body, { query: { name: "x.csv" } })).toEqual({
      status: 400,
      body: { formError: { key: "validation" }, fieldErrors: { kind: "required" } },
    });
    expect(await upload(editor, chunked(ledgerCsv(2, "cle")).body, { query: { kind: "ledger", progressKey: "pas-une-clé" } })).toMatchObject({
      status: 400,
      body: { fieldErrors: { progressKey: "invalid" } },
    });
    expect(await upload(editor, chunked(new Uint8Array(0)).body, { headers: { "content-length": "0" } })).toEqual({
      status: 400,
      body: { formError: { key: "validation" }, fieldErrors: { file: "importFileRequired" } },
    });
    expect(await upload(editor, chunked(new Uint8Array(0)).body)).toEqual({ status: 422, body: { formError: { key: "importFileEmpty" } } });
  });

  it("past its rate limit answers 429 with Retry-After and the translated key, before reading the body", async () => {
    const admin = await signIn("admin@adicor.demo");
    const bucket = uploadBucket(admin.id, ids.orgs.adicor);
    for (let i = 0; i < UPLOAD_RULE.limit; i++) await hitRateLimit(db.db, bucket, UPLOAD_RULE);
    const sent = chunked(ledgerCsv(2, "limite"));
    request.user = admin;
    const res = await POST(
      new NextRequest("http://localhost/adicor/import/upload?kind=ledger", {
        method: "POST",
        headers: { host: "localhost", origin: "http://localhost" },
        body: sent.body,
        duplex: "half",
      }),
      { params: Promise.resolve({ org: "adicor" }) },
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as Answer).formError?.key).toBe("importTooManyUploads");
    expect(sent.pulled()).toBe(0);
    expect(((await loadMessages("en")).errors as Record<string, string>).importTooManyUploads).toContain("Too many files");
  });
});
