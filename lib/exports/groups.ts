import "server-only";
import { getTranslations } from "next-intl/server";
import type { TenantContext } from "@/lib/auth/tenant-core";
import { listGroupFilterOptions, listGroupPage, listGroupRows, type GroupFilters } from "@/lib/groups/queries";
import type { Locale } from "@/lib/i18n/locales";
import { suppressCount, type Reader } from "@/lib/privacy/suppress";
import { searchParam, type SearchParams } from "@/lib/search-params";
import { searchQueryOf } from "@/lib/search/query";
import { withTenantRead } from "@/lib/tenant-db";
import type { ExportFilter } from "./meta";
import { askedPage, pagedRows } from "./paged";
import type { CellValue, ExportTable, KeysetRequest } from "./table";

export const GROUPS_EXPORT_PAGE = 2_000;

/** The groups page's filters, read the same way from the export's URL. */
export function groupFiltersOf(sp: SearchParams | URLSearchParams): GroupFilters {
  const p = (k: string) => searchParam(sp, k);
  const kind = p("kind");
  return {
    village: p("village"),
    activity: p("activity"),
    status: p("status"),
    ngo: p("ngo"),
    kind: kind === "group" || kind === "individual" ? kind : undefined,
    q: searchQueryOf(sp),
  };
}

/**
 * The groups list as an export: the page's query (`listGroupPage`: the organisation's scope
 * first, the same filters and order), page after page, each page in its own tenant transaction;
 * the same columns as the page (active members counted per group, as the page shows them: "<5"
 * for 1 to 4 to a reader who may not see people, when `reader` is given). With `asked` (the
 * read-only API), that one page only, read by the list's keyset, counted on the first page only.
 */
export async function groupsExport(
  ctx: Pick<TenantContext, "org" | "user">,
  f: GroupFilters,
  locale: Locale,
  pageSize = GROUPS_EXPORT_PAGE,
  reader: Reader = { orgType: ctx.org.type, canSeePeople: true },
  asked?: KeysetRequest,
): Promise<{ table: ExportTable; filters: ExportFilter[] }> {
  const [t, ts, tk] = await Promise.all((["groups", "groupStatus", "activityKinds"] as const).map((namespace) => getTranslations({ locale, namespace })));
  const first = await withTenantRead(ctx, async (tx) => ({
    ...(asked?.after
      ? { page: await listGroupRows(tx, ctx.org, f, asked), count: undefined }
      : await listGroupPage(tx, ctx.org, f, { size: asked?.size ?? pageSize }).then(({ count, ...page }) => ({ page, count }))),
    options: await listGroupFilterOptions(tx, ctx.org, { ngo: f.ngo, village: f.village }),
  }));
  const acts = new Map(first.options.activities.map((a) => [a.code, locale === "ar" ? a.nameAr : locale === "en" ? a.nameEn : a.nameFr]));
  const status = (s: string) => (ts.has(s as never) ? ts(s as never) : s);
  const row = (g: (typeof first.page.rows)[number]): CellValue[] => [
    g.name,
    acts.get(g.activityType) ?? g.activityType,
    g.village,
    g.ngo,
    suppressCount(g.activeMembers, reader),
    status(g.status),
  ];
  const page = asked && askedPage(asked, first.page, row, first.count);
  const filters: ExportFilter[] = [];
  if (f.kind) filters.push({ label: t("kind"), value: tk(f.kind), slug: f.kind });
  if (f.activity) filters.push({ label: t("activity"), value: acts.get(f.activity) ?? "—", slug: f.activity });
  if (f.village) filters.push({ label: t("village"), value: first.options.villages.find((v) => v.id === f.village)?.name ?? "—" });
  if (f.status) filters.push({ label: t("status"), value: status(f.status), slug: f.status });
  if (f.ngo) filters.push({ label: t("ngo"), value: first.options.ngos.find((n) => n.id === f.ngo)?.name ?? "—" });
  return {
    table: {
      id: "groups",
      title: t("title"),
      columns: [
        { key: "name", label: t("name"), hxl: "#org+group+name" },
        { key: "activity", label: t("activity"), hxl: "#activity+type" },
        { key: "village", label: t("village"), hxl: "#loc+name" },
        { key: "ngo", label: t("ngo"), hxl: "#org+impl+name" },
        { key: "members", label: t("members"), hxl: "#reached+members+num" },
        { key: "status", label: t("status"), hxl: "#status" },
      ],
      rowCount: page ? page.rows.length : (first.count ?? 0),
      rows: page ? page.rows : pagedRows(first.page, (after) => withTenantRead(ctx, (tx) => listGroupRows(tx, ctx.org, f, { size: pageSize, after })), row),
      page,
    },
    filters,
  };
}
