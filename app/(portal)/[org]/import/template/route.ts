import type { NextRequest } from "next/server";
import { resolveTenant } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { headerLangs, importKinds, type HeaderLang, type ImportKind } from "@/lib/imports/fields";
import { csvTemplate, xlsxTemplate } from "@/lib/imports/template";
import { loadTemplateNames } from "@/lib/imports/service";

/**
 * An import template (issue 14.1): `kind` (groups, members, ledger), `lang` (fr, ar, en), `format` (xlsx,
 * csv). For the organisation's writers only, like the import; its lists name their own groups
 * and villages.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ org: string }> }): Promise<Response> {
  const { org } = await params;
  const r = await resolveTenant(org, "groups:write");
  if (r.kind === "unauthenticated") return new Response("Unauthenticated", { status: 401 });
  if (r.kind !== "ok" || r.ctx.org.type !== "ngo") return new Response("Not found", { status: 404 });
  const sp = req.nextUrl.searchParams;
  const kind = (importKinds as readonly string[]).includes(sp.get("kind") ?? "") ? (sp.get("kind") as ImportKind) : "members";
  const lang = (headerLangs as readonly string[]).includes(sp.get("lang") ?? "") ? (sp.get("lang") as HeaderLang) : "fr";
  const format = sp.get("format") === "csv" ? "csv" : "xlsx";
  const name = `tamkin-import-${kind}-${r.ctx.org.slug}-${lang}.${format}`;
  const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" };
  if (format === "csv") return new Response(csvTemplate(kind, lang), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const names = await withTenantRead(r.ctx, (tx) => loadTemplateNames(tx, r.ctx.org));
  const body = await xlsxTemplate(kind, lang, names);
  return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
