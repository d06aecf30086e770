import type { NextRequest } from "next/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { headerLangs, type HeaderLang } from "@/lib/imports/fields";
import { importableKinds } from "@/lib/imports/kinds";
import { csvTemplate, xlsxTemplate } from "@/lib/imports/template";
import { loadTemplateNames } from "@/lib/imports/service";

/**
 * An import template (issue 14.1): `kind` (groups, members, ledger, observations), `lang` (fr, ar,
 * en), `format` (xlsx, csv). For the organisation's importers only, of the kinds they may import;
 * its lists name their own groups and villages, or their communes' products and villages.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string }> }): Promise<Response> {
  const { org } = await params;
  const r = await resolveTenant(org, "imports:write");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok") return new Response("Not found", { status: 404 });
  const kinds = importableKinds(r.ctx);
  const sp = req.nextUrl.searchParams;
  const kind = kinds.find((k) => k === sp.get("kind")) ?? kinds[0];
  if (!kind) return new Response("Not found", { status: 404 });
  const lang = (headerLangs as readonly string[]).includes(sp.get("lang") ?? "") ? (sp.get("lang") as HeaderLang) : "fr";
  const format = sp.get("format") === "csv" ? "csv" : "xlsx";
  const name = `tamkin-import-${kind}-${r.ctx.org.slug}-${lang}.${format}`;
  const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" };
  if (format === "csv") return new Response(csvTemplate(kind, lang), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const names = await withTenantRead(r.ctx, (tx) => loadTemplateNames(tx, r.ctx.org, kind));
  const body = await xlsxTemplate(kind, lang, names);
  return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
