import "server-only";
import { getTranslations } from "next-intl/server";
import type { TenantContext } from "@/lib/auth/tenant-core";
import { loadDashboard, type RevenueFilters, type RevenueRow } from "@/lib/groups/dashboard";
import { listDeclaredVsRecorded } from "@/lib/groups/declared";
import { readerOf } from "@/lib/privacy/suppress";
import { listGroupFilterOptions } from "@/lib/groups/queries";
import type { Locale } from "@/lib/i18n/locales";
import { searchParam, type SearchParams } from "@/lib/search-params";
import { withTenantRead } from "@/lib/tenant-db";
import type { ExportFilter, ExportMeta } from "./meta";
import type { DataTableModel } from "./table";

/** The revenue dashboard's tables, as the export route names them. */
export const revenueTableIds = ["by-group", "by-activity", "by-village", "by-month", "by-ngo", "declared"] as const;
export type RevenueTableId = (typeof revenueTableIds)[number];

/** The dashboard page's filters, read the same way from the export's URL. */
export function revenueFiltersOf(sp: SearchParams | URLSearchParams): RevenueFilters {
  const p = (k: string) => searchParam(sp, k);
  return { from: p("from"), to: p("to"), village: p("village"), activity: p("activity"), ngo: p("ngo") };
}

const isoDate = (s?: string) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);

/**
 * One table of the revenue dashboard, from the page's loader (`loadDashboard`: same scope, same
 * conversion, same rows), with its labels in the file's language; null when the page does not
 * show that table for these filters (a consortium sees its members side by side until it picks one).
 */
export async function revenueExport(
  ctx: Pick<TenantContext, "org" | "user" | "can">,
  id: RevenueTableId,
  f: RevenueFilters,
  locale: Locale,
): Promise<{ table: DataTableModel; filters: ExportFilter[]; period: ExportMeta["period"] } | null> {
  const [t, tg, te] = await Promise.all((["dashboard", "groups", "exports"] as const).map((namespace) => getTranslations({ locale, namespace })));
  if (id === "declared") return declaredExport(ctx, f, locale);
  const { d, options } = await withTenantRead(ctx, async (tx) => ({
    d: await loadDashboard(tx, ctx.org, f, locale),
    options: await listGroupFilterOptions(tx, ctx.org, { ngo: f.ngo, village: f.village }),
  }));
  const shown: Record<Exclude<RevenueTableId, "declared">, { rows: RevenueRow[]; title: string; head: string } | null> = {
    "by-group": d.perMemberOnly ? null : { rows: d.byGroup, title: t("byGroup"), head: tg("name") },
    "by-activity": { rows: d.byActivity, title: t("byActivity"), head: tg("activity") },
    "by-village": d.perMemberOnly ? null : { rows: d.byVillage, title: t("byVillage"), head: tg("village") },
    "by-month": { rows: d.byMonth, title: t("byMonth"), head: t("month") },
    "by-ngo": d.perMemberOnly ? { rows: d.byNgo, title: t("byNgo"), head: tg("ngo") } : null,
  };
  const s = shown[id];
  if (!s) return null;
  const activity = options.activities.find((a) => a.code === f.activity);
  const filters: ExportFilter[] = [];
  if (f.village) filters.push({ label: tg("village"), value: options.villages.find((v) => v.id === f.village)?.name ?? "—" });
  if (f.activity)
    filters.push({
      label: tg("activity"),
      value: activity ? (locale === "ar" ? activity.nameAr : locale === "en" ? activity.nameEn : activity.nameFr) : "—",
      slug: f.activity,
    });
  if (f.ngo) filters.push({ label: tg("ngo"), value: options.ngos.find((n) => n.id === f.ngo)?.name ?? "—" });
  const [from, to] = [isoDate(f.from), isoDate(f.to)];
  return {
    table: {
      id,
      title: te("revenueTitle", { table: s.title }),
      columns: [
        { key: "label", label: s.head, hxl: "#meta+label" },
        { key: "xof", label: "XOF", hxl: "#value+revenue+xof" },
        { key: "mru", label: "MRU", hxl: "#value+revenue+mru" },
      ],
      rows: s.rows.map((r) => [r.label, r.xof, r.mru]),
    },
    filters,
    period: from || to ? { from, to } : undefined,
  };
}

/**
 * The dashboard's declared-versus-recorded table: each figure a report declared beside the figure
 * computed from the records (`listDeclaredVsRecorded`, the page's query: the NGO's own, or a
 * consortium's chosen member's), null when the page shows none.
 */
async function declaredExport(ctx: Pick<TenantContext, "org" | "user" | "can">, f: RevenueFilters, locale: Locale) {
  const [t, tg, tm] = await Promise.all((["dashboard", "groups", "metrics"] as const).map((namespace) => getTranslations({ locale, namespace })));
  const { rows, options } = await withTenantRead(ctx, async (tx) => ({
    rows: await listDeclaredVsRecorded(tx, ctx.org, { ngo: f.ngo }, readerOf(ctx)),
    options: await listGroupFilterOptions(tx, ctx.org, { ngo: f.ngo, village: f.village }),
  }));
  if (rows.length === 0) return null;
  const metric = (m: string) => (tm.has(m as never) ? tm(m as never) : m);
  const filters: ExportFilter[] = f.ngo ? [{ label: tg("ngo"), value: options.ngos.find((n) => n.id === f.ngo)?.name ?? "—" }] : [];
  const table: DataTableModel = {
    id: "declared",
    title: t("declaredTitle"),
    columns: [
      { key: "figure", label: t("figure"), hxl: "#indicator+name" },
      { key: "wording", label: t("declaredLabel"), hxl: "#description+report" },
      { key: "declared", label: t("declared"), hxl: "#indicator+value+declared" },
      { key: "recorded", label: t("recorded"), hxl: "#indicator+value+recorded" },
      { key: "difference", label: t("difference"), hxl: "#indicator+value+difference" },
      { key: "source", label: t("source"), hxl: "#meta+source" },
    ],
    rows: rows.map((r) => [metric(r.metric), r.label, r.declared, r.recorded, r.difference, r.source]),
  };
  return { table, filters, period: undefined };
}
