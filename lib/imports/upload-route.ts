import "server-only";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import type { Tx } from "@/db/client";
import type { MessageRef } from "@/lib/action-state";
import { resolveTenant, type TenantContext } from "@/lib/auth/tenant";
import type { CurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { appErrorFromDb } from "@/lib/db-errors";
import { AppError, httpStatus } from "@/lib/errors";
import { logger } from "@/lib/log";
import { hitRateLimit, type RateRule } from "@/lib/rate-limit";
import { requestId } from "@/lib/request";
import { isCrossOriginWrite } from "@/lib/security/origin";
import { toErrorState, zodFieldErrors, type ErrorContext } from "@/lib/server-action";
import { withTenant } from "@/lib/tenant-db";
import { importableKinds, type ImportKind } from "./kinds";
import { progressFor } from "./progress";
import { ImportFileError, MAX_BYTES, sniffFormat, type SheetSource } from "./read";
import { sweepImportRows } from "./retention";
import { uploadSchema } from "./schema";
import { stageUpload } from "./service";

/**
 * The upload of a spreadsheet, shared by the import page's two paths: the server action
 * (lib/imports/actions.ts: a multipart form, the path without JavaScript) and the route handler
 * app/(portal)/[org]/import/upload (the file's bytes as the request's body, streamed: with
 * JavaScript). Same permission, fields, kinds, limit, refusals and staging.
 */
export const UPLOAD_PERMISSION = "imports:write" as const;

/** A file refused whole: its catalogue key (errors.importFile*). */
export const fileErrorKey = (key: string) => `importFile${key[0].toUpperCase()}${key.slice(1)}`;

type Ctx = TenantContext<CurrentUser>;
export interface UploadInput {
  kind: ImportKind;
  mappingId?: string;
  progressKey?: string;
}

/**
 * The upload's fields (kind, saved mapping, progress key) by the form's zod schema: the input, or
 * the field errors. A kind this member may not import is "not found", as any other tenant's object.
 */
export function checkUploadFields(
  ctx: Ctx,
  raw: Record<string, unknown>,
): { ok: true; input: UploadInput } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = uploadSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: zodFieldErrors(parsed.error) };
  if (!importableKinds(ctx).includes(parsed.data.kind)) throw new AppError("not_found");
  return { ok: true, input: parsed.data };
}

/**
 * Reads the file (a form's Blob or a request's body, streamed) and keeps its rows, checked, for
 * the preview, in one transaction with the sweep of the organisation's expired uploads; the
 * progress figures under the form's key as it goes. A file refused whole throws ImportFileError
 * and keeps nothing.
 */
export async function stageFile(
  ctx: Ctx,
  input: UploadInput,
  file: SheetSource,
  fileName: string,
  /** More work in the same transaction, once the rows are staged. */
  after?: (tx: Tx, id: string) => Promise<void>,
): Promise<{ id: string }> {
  const progress = await progressFor(ctx, input.progressKey);
  return withTenant(ctx, async (tx) => {
    await sweepImportRows(tx, ctx.org);
    const staged = await stageUpload(tx, ctx.org, ctx.user.id, { kind: input.kind, file, fileName, mappingId: input.mappingId, progress });
    await after?.(tx, staged.id);
    return staged;
  }).finally(() => progress.close());
}

/** Uploads per user and organisation: each reads up to 20 MB and stages up to 100,000 rows. */
export const UPLOAD_RULE: RateRule = { limit: 30, windowSeconds: 600 };
export const uploadBucket = (userId: string, orgId: string) => `import-upload:${userId}:${orgId}`;

type Answer = { uploadId: string } | { formError: MessageRef; fieldErrors?: Record<string, string> };

const json = (body: Answer | Record<string, unknown>, status = 200, headers: Record<string, string> = {}) => {
  const h: Record<string, string> = { "Cache-Control": "no-store", ...headers };
  // Which instance answered, as proxy.ts says on every other response (scripts/cluster).
  const instance = env().TAMKIN_INSTANCE;
  if (instance) h["X-Tamkin-Instance"] = instance;
  return Response.json(body, { status, headers: h });
};
const refused = (status: number, formError: MessageRef, fieldErrors?: Record<string, string>, headers?: Record<string, string>) =>
  json(fieldErrors ? { formError, fieldErrors } : { formError }, status, headers);

/**
 * What proxy.ts does for every other request, since this route is left out of the proxy's matcher
 * (Next buffers in memory the body of every request the proxy sees, up to
 * `proxyClientMaxBodySize`): the header only Next may set, a forged X-Forwarded-Host, a write from
 * another origin. Null when the request may go on.
 */
function refusedByProxyRules(req: Request): Response | null {
  // CVE-2025-29927: a client sending Next's internal header is refused, as by the proxy.
  if (req.headers.has("x-middleware-subrequest")) return new Response(null, { status: 400 });
  const forwardedHost = req.headers.get("x-forwarded-host");
  if (forwardedHost !== null && !/^[a-z0-9.-]{1,253}(:\d{1,5})?$/i.test(forwardedHost)) return new Response(null, { status: 400 });
  if (isCrossOriginWrite(req.method, req.headers.get("origin"), forwardedHost ?? req.headers.get("host"))) return refused(403, { key: "forbidden" });
  return null;
}

/** The bytes of a request's body, counted as they pass (the route's own count: what was received). */
function counted(body: ReadableStream<Uint8Array>) {
  let received = 0;
  let error: Error | null = null;
  const source = Readable.fromWeb(body);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      done(null, chunk);
    },
  });
  source.on("error", (e) => {
    error ??= e;
    counter.destroy(e);
  });
  // Kept in `error`, and given to the reader if one reads by then (lib/imports/read.ts).
  counter.on("error", () => {});
  source.pipe(counter);
  return {
    stream: counter,
    received: () => received,
    error: () => error,
    /** Whether the whole body was read. */
    ended: () => source.readableEnded,
    /**
     * Reads what is left of a body that the reader stopped taking (a file refused at its first
     * lines), up to the limit, and drops it: the answer then reaches a browser that is still
     * sending (a connection closed mid-upload would show a network error instead). Beyond the
     * limit the rest is left unread.
     */
    drain: () =>
      new Promise<void>((resolve) => {
        if (source.readableEnded || source.destroyed || error || received > MAX_BYTES) return resolve();
        source.unpipe(counter);
        const stop = () => {
          source.off("data", onData);
          source.pause();
          resolve();
        };
        const onData = (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_BYTES) stop();
        };
        source.on("data", onData);
        source.once("end", stop);
        source.once("error", stop);
        source.once("close", stop);
        source.resume();
      }),
  };
}

/** The first bytes looked at before the rest is received: enough to tell the format (lib/imports/read.ts). */
const SNIFF_BYTES = 4096;

/**
 * The body written to a temporary file as it arrives, never held in memory: counted and cut at the
 * limit, and its first bytes checked (not a spreadsheet, an old .xls, not UTF-8: refused at once,
 * not after 20 MB). The database is not touched meanwhile: on a 2G connection an upload takes
 * minutes, and a transaction held open that long would keep one of the pool's few connections
 * (and pgbouncer's) from everyone else. The rows are then read from the file, in one transaction.
 * The file lives for the request only (the caller removes `dir`): no instance keeps anything.
 */
async function spool(body: Readable, name: string): Promise<{ dir: string; file: string; bytes: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), "tamkin-upload-"));
  const file = path.join(dir, "body");
  let bytes = 0;
  let head: Buffer[] | null = [];
  const check = (chunks: Buffer[]) => sniffFormat(Buffer.concat(chunks), name);
  const gate = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_BYTES) return done(new ImportFileError("tooLarge", { max: Math.round(MAX_BYTES / 1024 / 1024) }));
      try {
        if (head) {
          head.push(chunk);
          if (bytes >= SNIFF_BYTES) {
            check(head);
            head = null;
          }
        }
      } catch (e) {
        return done(e as Error);
      }
      done(null, chunk);
    },
    flush(done) {
      try {
        if (bytes === 0) throw new ImportFileError("empty");
        if (head) check(head);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  try {
    await pipeline(body, gate, createWriteStream(file, { mode: 0o600 }));
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, file, bytes };
}

/**
 * POST /<org>/import/upload?kind=…&mappingId=…&progressKey=…&name=…, the file's bytes as the body:
 * read as they arrive, never held whole. Answers `{ uploadId }`, or `{ formError, fieldErrors }`
 * with the catalogue keys the server action gives (the page translates them): 401 without a
 * session, 404 for an organisation, or a kind, the member may not import, 400 for invalid fields,
 * 413 over 20 MB (a declared length at once; a body sent without one is cut at the limit), 422 for
 * a file refused whole, 429 past the rate limit.
 */
export async function handleUpload(req: NextRequest, slug: string): Promise<Response> {
  const early = refusedByProxyRules(req);
  if (early) return early;
  const where: ErrorContext = { action: "import.upload", requestId: requestId(req.headers) };
  try {
    const resolution = await resolveTenant(slug, UPLOAD_PERMISSION);
    if (resolution.kind === "unauthenticated") throw new AppError("unauthenticated");
    if (resolution.kind === "not_found") throw new AppError("not_found");
    const ctx = resolution.ctx;
    Object.assign(where, { orgId: ctx.org.id, userId: ctx.user.id });
    const q = req.nextUrl.searchParams;
    const raw = { kind: q.get("kind") ?? undefined, mappingId: q.get("mappingId") ?? undefined, progressKey: q.get("progressKey") ?? undefined };
    const fields = checkUploadFields(ctx, raw);
    const declared = req.headers.get("content-length");
    const size = declared === null ? 0 : Number(declared);
    const fieldErrors = fields.ok ? {} : fields.fieldErrors;
    if ((declared !== null && size === 0) || !req.body) fieldErrors.file = "importFileRequired";
    if (!fields.ok || Object.keys(fieldErrors).length > 0) return refused(400, { key: "validation" }, fieldErrors);
    if (!Number.isSafeInteger(size) || size < 0) return refused(400, { key: "validation" });
    // Refused before a byte is read (the page checks the file's size before sending it, too).
    if (size > MAX_BYTES) return refused(413, { key: fileErrorKey("tooLarge"), values: { max: Math.round(MAX_BYTES / 1024 / 1024) } });
    // A form's body (what a page of another site could send without asking) is no spreadsheet.
    if (/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(req.headers.get("content-type") ?? "")) {
      return refused(415, { key: fileErrorKey("notSpreadsheet") });
    }
    const limited = await hitRateLimit(await getDb(), uploadBucket(ctx.user.id, ctx.org.id), UPLOAD_RULE);
    if (!limited.allowed) {
      const minutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
      return refused(429, { key: "importTooManyUploads", values: { minutes } }, undefined, { "Retry-After": String(limited.retryAfterSeconds) });
    }
    const name = (q.get("name") ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim() || "import";
    const body = counted(req.body!);
    let spooled: Awaited<ReturnType<typeof spool>>;
    try {
      spooled = await spool(body.stream, name);
    } catch (err) {
      // The sender gone mid-way: nobody reads the answer, and nothing was kept.
      if (body.error() && !(err instanceof ImportFileError)) {
        logger().warn({ ...where, err: body.error()?.message }, "import upload aborted by the client");
        return refused(400, { key: "internal" });
      }
      if (!body.ended()) await body.drain();
      throw err;
    }
    try {
      const { id } = await stageFile(ctx, fields.input, await openAsBlob(spooled.file), name);
      return json({ uploadId: id });
    } finally {
      await rm(spooled.dir, { recursive: true, force: true });
    }
  } catch (err) {
    if (err instanceof ImportFileError) {
      const formError = Object.keys(err.values).length > 0 ? { key: fileErrorKey(err.key), values: err.values } : { key: fileErrorKey(err.key) };
      return refused(err.key === "tooLarge" ? 413 : 422, formError);
    }
    // As the server action answers (the unexpected logged, with ids only): a catalogue key, never a stack.
    const known = appErrorFromDb(err) ?? err;
    const state = toErrorState(known, {}, where);
    const formError = state.status === "error" && state.formError ? state.formError : { key: "internal" };
    const status = known instanceof AppError ? httpStatus[known.code] : formError.key === "conflict" ? httpStatus.conflict : httpStatus.internal;
    return refused(status, formError, state.status === "error" ? state.fieldErrors : undefined);
  }
}

/**
 * GET: whether this member may upload here (the authorization matrix's probe, and a page that
 * wants the limit): 200 with the limit, 401 without a session, 404 otherwise. Reads nothing else.
 */
export async function uploadAllowed(slug: string): Promise<Response> {
  const r = await resolveTenant(slug, UPLOAD_PERMISSION);
  if (r.kind === "unauthenticated") return refused(401, { key: "unauthenticated" });
  if (r.kind !== "ok") return refused(404, { key: "not_found" });
  return json({ org: r.ctx.org.slug, maxBytes: MAX_BYTES, kinds: importableKinds(r.ctx) });
}
