import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { resolveTenant } from "@/lib/auth/tenant";
import { SYNC_BATCH_MAX, syncBatchSchema } from "@/lib/offline/batch";
import { syncBatch } from "@/lib/offline/sync";
import { hitRateLimit, SYNC_RULE, syncBucket } from "@/lib/rate-limit";
import { refusalLocale } from "@/lib/rate-limit-response";
import { requestId } from "@/lib/request";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

/**
 * The offline outbox's sync: a batch of entries made without a connection, for the organisation
 * in the URL, each answered accepted, duplicate, refused (with the translated reason) or retry
 * (lib/offline/sync.ts). No session: 401, and the outbox keeps its queue until the user signs in
 * again. Cross-origin writes and bodies over 1 MB are refused before this (proxy.ts).
 */
export async function POST(req: NextRequest, { params }: { params: Promise<{ org: string }> }): Promise<Response> {
  const { org } = await params;
  const r = await resolveTenant(org, "groups:write", { manager: true });
  if (r.kind === "unauthenticated") return json({ error: "unauthenticated" }, 401);
  if (r.kind !== "ok") return json({ error: "not_found" }, 404);
  const ctx = r.ctx;
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) return json({ error: "unsupported" }, 415);
  const limited = await hitRateLimit(await getDb(), syncBucket(ctx.user.id, ctx.org.id), SYNC_RULE);
  if (!limited.allowed) return json({ error: "rate_limited" }, 429, { "Retry-After": String(limited.retryAfterSeconds) });
  const parsed = syncBatchSchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return json({ error: "invalid" }, 400);
  const locale = refusalLocale(req.nextUrl.searchParams.get("lang"), req.headers.get("cookie"));
  const answers = await syncBatch(ctx, parsed.data, requestId(req.headers), locale);
  return json({ answers });
}

/**
 * Whether the outbox may send for this organisation, before it sends: 200 with the batch limit
 * for a member who may write groups, 401 without a session (sign in again, the queue stays), 404
 * otherwise (as any page of an organisation one cannot write to). Reads nothing else.
 */
export async function GET(_req: NextRequest, { params }: { params: Promise<{ org: string }> }): Promise<Response> {
  const { org } = await params;
  const r = await resolveTenant(org, "groups:write", { manager: true });
  if (r.kind === "unauthenticated") return json({ error: "unauthenticated" }, 401);
  if (r.kind !== "ok") return json({ error: "not_found" }, 404);
  return json({ org: r.ctx.org.slug, maxEntries: SYNC_BATCH_MAX });
}
