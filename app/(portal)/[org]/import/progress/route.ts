import type { NextRequest } from "next/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { isUuid } from "@/lib/groups/scope";
import { readProgress } from "@/lib/imports/progress";
import { withTenant } from "@/lib/tenant-db";

/**
 * How far the importer's running import has gone (issue 14.1), polled by the import page's
 * progress bar: `{ phase, done, total }`; `{ phase: null }` while nothing is written under the key
 * (not started yet, the embedded database, or another member's key: the same answer). 404 for a
 * member who may not import, as for the import page. Read on the primary, where the import writes.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string }> }): Promise<Response> {
  const { org } = await params;
  const r = await resolveTenant(org, "imports:write");
  const headers = { "Cache-Control": "private, no-store" };
  if (r.kind === "unauthenticated") return Response.json({ error: "unauthenticated" }, { status: 401, headers });
  const key = req.nextUrl.searchParams.get("key") ?? "";
  if (r.kind !== "ok" || !isUuid(key)) return Response.json({ error: "not_found" }, { status: 404, headers });
  const p = await withTenant(r.ctx, (tx) => readProgress(tx, key));
  if (!p) return Response.json({ phase: null, done: 0, total: null }, { headers });
  return Response.json({ phase: p.phase, done: p.done, total: p.total, updatedAt: p.updatedAt.toISOString() }, { headers });
}
