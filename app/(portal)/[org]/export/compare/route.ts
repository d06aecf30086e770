import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { compareParams } from "@/lib/compare/params";
import { loadCompareTable } from "@/lib/compare/table";
import { exportMeta } from "@/lib/exports/context";
import { exportRequest } from "@/lib/exports/request";
import { exportResponse } from "@/lib/exports/response";
import { readerOf } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";

/** Download of the consortium's comparison table: same resolver, same loader, same parameters as the page. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const r = await resolveTenant(slug, "cohesion:compare");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || !r.ctx.can("exports:read") || r.ctx.org.type !== "consortium") return new Response("Not found", { status: 404 });
  const ctx = r.ctx;
  // Rate limit per user and organisation, in the database (holds across instances): 429 beyond it.
  const limited = await exportLimit(req, ctx);
  if (limited) return limited;
  const sp = req.nextUrl.searchParams;
  const er = await exportRequest(sp);
  if (!er) return new Response("Not found", { status: 404 });
  const t = await getTranslations({ locale: er.locale, namespace: "compare" });
  const tt = await getTranslations({ locale: er.locale, namespace: "orgTypes" });
  const p = compareParams(Object.fromEntries(sp.entries()));
  const reader = readerOf(ctx);
  const { table } = await withTenantRead(ctx, (tx) => loadCompareTable(tx, ctx.org, reader, p, t as never, (type) => tt(type as never)));
  const te = await getTranslations({ locale: er.locale, namespace: "exports" });
  const meta = await exportMeta({
    locale: er.locale,
    title: table.title,
    org: ctx.org,
    reader,
    disclosure: "counts",
    period: p.from || p.to ? { from: p.from, to: p.to } : undefined,
    filters: [{ label: te("currency"), value: p.currency }],
  });
  return exportResponse(table, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta, what: "compare" });
}
