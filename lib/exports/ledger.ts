import "server-only";
import { searchQueryOf } from "@/lib/search/query";
import { getTranslations } from "next-intl/server";
import type { TenantContext } from "@/lib/auth/tenant-core";
import { listLedger, listLedgerRows, type LedgerFilters } from "@/lib/groups/ledger-queries";
import { findVisibleGroup, listGroupFilterOptions } from "@/lib/groups/queries";
import type { Locale } from "@/lib/i18n/locales";
import { searchParam, type SearchParams } from "@/lib/search-params";
import { withTenantRead } from "@/lib/tenant-db";
import type { ExportFilter, ExportMeta } from "./meta";
import { askedPage, pagedRows } from "./paged";
import type { CellValue, ExportTable, KeysetRequest } from "./table";

/** Rows read per transaction: one short read-only transaction per page, never the whole ledger at once. */
export const LEDGER_EXPORT_PAGE = 2_000;

/** The ledger page's filters, read the same way from the export's URL. */
export function ledgerFiltersOf(sp: SearchParams | URLSearchParams): LedgerFilters {
  const p = (k: string) => searchParam(sp, k);
  const ak = p("activityKind");
  return {
    group: p("group"),
    activity: p("activity"),
    village: p("village"),
    ngo: p("ngo"),
    month: p("month"),
    from: p("from"),
    to: p("to"),
    kind: p("kind"),
    activityKind: ak === "group" || ak === "individual" ? ak : undefined,
    q: searchQueryOf(sp),
  };
}

const activityName = (a: { nameFr: string; nameAr: string; nameEn: string }, locale: Locale) =>
  locale === "ar" ? a.nameAr : locale === "en" ? a.nameEn : a.nameFr;

const isoDate = (s?: string) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);

/** The period the filters select, as the query reads them (a malformed date filters nothing). */
export function ledgerPeriod(f: LedgerFilters): ExportMeta["period"] {
  if (f.month && /^\d{4}-\d{2}$/.test(f.month)) return { month: f.month };
  const [from, to] = [isoDate(f.from), isoDate(f.to)];
  return from || to ? { from, to } : undefined;
}

/**
 * The filtered ledger as an export: the page's query (`listLedgerRows`: the organisation's scope
 * first, voided entries left out), read page after page as the file is written, each page in its
 * own tenant transaction; labels, kinds and activity names in the file's language. With `asked`
 * (the read-only API), that one page only, read by the list's keyset, and the count on the first
 * page only.
 */
export async function ledgerExport(
  ctx: Pick<TenantContext, "org" | "user">,
  f: LedgerFilters,
  locale: Locale,
  pageSize = LEDGER_EXPORT_PAGE,
  asked?: KeysetRequest,
): Promise<{ table: ExportTable; filters: ExportFilter[]; period: ExportMeta["period"] }> {
  const [t, tg, tgr, tk, tak, te] = await Promise.all(
    (["ledger", "groups", "group", "ledgerKinds", "activityKinds", "exports"] as const).map((namespace) => getTranslations({ locale, namespace })),
  );
  const first = await withTenantRead(ctx, async (tx) => ({
    ...(asked?.after
      ? { page: await listLedgerRows(tx, ctx.org, f, { page: asked }), count: undefined }
      : await listLedger(tx, ctx.org, f, { page: { size: asked?.size ?? pageSize } }).then(({ count, ...page }) => ({ page, count }))),
    options: await listGroupFilterOptions(tx, ctx.org, { ngo: f.ngo, village: f.village }),
    group: f.group ? await findVisibleGroup(tx, ctx.org, f.group) : null,
  }));
  const acts = new Map(first.options.activities.map((a) => [a.code, activityName(a, locale)]));
  const kindLabel = (k: string) => (tk.has(k as never) ? tk(k as never) : k);
  const row = (r: (typeof first.page.rows)[number]): CellValue[] => [
    r.occurredOn,
    r.groupName,
    r.village,
    acts.get(r.activityType) ?? r.activityType,
    kindLabel(r.kind),
    r.amount,
    r.currency,
    r.note ?? null,
  ];

  const page = asked && askedPage(asked, first.page, row, first.count);

  const filters: ExportFilter[] = [];
  const named = (label: string, value: string | undefined, name: string | undefined, slug?: string) => {
    if (value) filters.push({ label, value: name ?? value, slug: slug ?? name ?? value });
  };
  named(te("group"), f.group, first.group?.name ?? "—");
  named(te("entryKind"), f.kind, f.kind && kindLabel(f.kind), f.kind);
  named(te("activityKind"), f.activityKind, f.activityKind && tak(f.activityKind), f.activityKind);
  named(tg("activity"), f.activity, f.activity && acts.get(f.activity), f.activity);
  named(tg("village"), f.village, first.options.villages.find((v) => v.id === f.village)?.name ?? "—");
  named(tg("ngo"), f.ngo, first.options.ngos.find((n) => n.id === f.ngo)?.name ?? "—");

  return {
    table: {
      id: "ledger",
      title: te("ledgerTitle"),
      columns: [
        { key: "date", label: tgr("date"), hxl: "#date" },
        { key: "group", label: t("group"), hxl: "#org+group+name" },
        { key: "village", label: tg("village"), hxl: "#loc+name" },
        { key: "activity", label: tg("activity"), hxl: "#activity+type" },
        { key: "kind", label: tgr("entryKind"), hxl: "#operation+type" },
        { key: "amount", label: tgr("amount"), hxl: "#value" },
        { key: "currency", label: te("currency"), hxl: "#currency" },
        { key: "note", label: tgr("note"), hxl: "#description" },
      ],
      rowCount: page ? page.rows.length : (first.count ?? 0),
      rows: page
        ? page.rows
        : pagedRows(first.page, (after) => withTenantRead(ctx, (tx) => listLedgerRows(tx, ctx.org, f, { page: { size: pageSize, after } })), row),
      page,
    },
    filters,
    period: ledgerPeriod(f),
  };
}
