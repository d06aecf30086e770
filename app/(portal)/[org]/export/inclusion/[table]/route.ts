import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { inclusionTableIds, loadInclusionDashboard, type InclusionTableId } from "@/lib/inclusion/dashboard";
import { inclusionParams } from "@/lib/inclusion/params";
import { scopeOrgOf } from "@/lib/compare/members";
import { exportMeta } from "@/lib/exports/context";
import { exportRequest } from "@/lib/exports/request";
import { exportResponse } from "@/lib/exports/response";
import { readerOf } from "@/lib/privacy/suppress";
import { exportLimit } from "@/lib/rate-limit-response";

const notFound = () => new Response("Not found", { status: 404 });

/**
 * Download of an inclusion dashboard table. Tenant, permission, scope, suppression and query are
 * exactly the page's (same resolver, same loader), so the file holds the figures the page shows;
 * a person list the reader may not receive does not exist for them. `member` (consortium only)
 * exports a member's tables as the drill-down shows them, to the consortium's reader rights.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string; table: string }> }) {
  const { org: slug, table } = await params;
  const r = await resolveTenant(slug, "groups:read");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || !r.ctx.can("exports:read")) return notFound();
  const ctx = r.ctx;
  // Rate limit per user and organisation, in the database (holds across instances): 429 beyond it.
  const limited = await exportLimit(req, ctx);
  if (limited) return limited;
  const sp = req.nextUrl.searchParams;
  const er = await exportRequest(sp);
  if (!er || !(inclusionTableIds as readonly string[]).includes(table)) return notFound();
  const t = await getTranslations({ locale: er.locale, namespace: "inclusion" });
  const p = inclusionParams(Object.fromEntries(sp.entries()));
  const reader = readerOf(ctx);
  const result = await withTenantRead(ctx, async (tx) => {
    const scopeOrg = await scopeOrgOf(tx, ctx.org, sp.get("member"));
    return scopeOrg && { scopeOrg, dash: await loadInclusionDashboard(tx, scopeOrg, reader, p, t, er.locale) };
  });
  const model = result?.dash.tables[table as InclusionTableId];
  if (!result || !model) return notFound();
  const meta = await exportMeta({
    locale: er.locale,
    title: model.title,
    org: result.scopeOrg,
    reader,
    disclosure: "counts",
    period: { on: p.on },
    filters: [{ label: t("filterBy"), value: t(`by.${p.by}`), slug: `by-${p.by}` }],
  });
  return exportResponse(model, er.format, { hxl: er.hxl, rtl: er.locale === "ar", meta, what: `inclusion-${table}` });
}
