import "server-only";
import { getTranslations } from "next-intl/server";
import type { TenantContext } from "@/lib/auth/tenant-core";
import type { Locale } from "@/lib/i18n/locales";
import { findVisibleCommune } from "@/lib/orgs/scope";
import { countPriceHistory, listPriceHistoryRows, listProducts } from "@/lib/prices/queries";
import { unitOf } from "@/lib/prices/page-context";
import { withTenantRead } from "@/lib/tenant-db";
import type { ExportFilter } from "./meta";
import { askedPage, pagedRows } from "./paged";
import type { CellValue, ExportTable, KeysetRequest } from "./table";

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export const PRICE_HISTORY_EXPORT_PAGE = 2_000;

/**
 * A commune's negotiated price history as an export, as the products' history pages show it:
 * the commune must be one the reader's organisation may read (`findVisibleCommune`), and a
 * product asked for must be the commune's, else null ("not found"); for each product (or the one
 * asked for), every public version (closed sessions), newest decision first, withdrawn ones
 * marked. Read page after page by its key (`listPriceHistoryRows`), each page in its own tenant
 * transaction; with `asked` (the read-only API), that one page only, counted on the first only.
 */
export async function priceHistoryExport(
  ctx: Pick<TenantContext, "org" | "user">,
  communeSlug: string,
  productId: string | undefined,
  locale: Locale,
  pageSize = PRICE_HISTORY_EXPORT_PAGE,
  asked?: KeysetRequest,
): Promise<{ table: ExportTable; commune: { slug: string; name: string }; filters: ExportFilter[] } | null> {
  if (productId !== undefined && !isUuid(productId)) return null;
  const found = await withTenantRead(ctx, async (tx) => {
    const commune = await findVisibleCommune(tx, ctx.org, communeSlug);
    if (!commune) return null;
    const only = productId ? (await listProducts(tx, commune.id)).find((p) => p.id === productId) : undefined;
    if (productId && !only) return null;
    return {
      commune,
      only,
      page: await listPriceHistoryRows(tx, commune.id, productId, asked ?? { size: pageSize }),
      count: asked?.after ? undefined : await countPriceHistory(tx, commune.id, productId),
    };
  });
  if (!found) return null;
  const t = await getTranslations({ locale, namespace: "prices" });
  const te = await getTranslations({ locale, namespace: "exports" });
  const nameOf = (p: { nameFr: string; nameAr: string; nameEn: string }) => (locale === "ar" ? p.nameAr : locale === "en" ? p.nameEn : p.nameFr);

  const channel = (c: string) => (t.has(`channel.${c}` as never) ? t(`channel.${c}` as never) : c);
  type Row = (typeof found.page.rows)[number];
  const row = ({ product, price, heldOn, supplier, notice }: Row): CellValue[] => [
    nameOf(product),
    unitOf(product, locale),
    price.effectiveOn,
    price.sellingPrice,
    price.purchasePrice,
    price.currency,
    supplier ?? null,
    heldOn,
    price.withdrawnAt ? (price.withdrawReason ?? t("decisionWithdrawn")) : null,
    notice ? `${notice.recordedAt.toISOString().slice(0, 10)} (${notice.channels.map(channel).join(", ")})` : null,
  ];
  const page = asked && askedPage(asked, found.page, row, found.count);
  const { commune, only } = found;
  return {
    commune,
    filters: only ? [{ label: t("product"), value: nameOf(only), slug: only.nameEn }] : [],
    table: {
      id: "price-history",
      title: `${t("history")} — ${commune.name}`,
      columns: [
        { key: "product", label: t("product"), hxl: "#item+name" },
        { key: "unit", label: t("unit"), hxl: "#item+unit" },
        { key: "effective", label: t("effectiveOn"), hxl: "#date+effective" },
        { key: "selling", label: t("sellingPrice"), hxl: "#value+price+selling" },
        { key: "purchase", label: t("purchasePrice"), hxl: "#value+price+purchase" },
        { key: "currency", label: te("currency"), hxl: "#currency" },
        { key: "supplier", label: t("supplier"), hxl: "#org+supplier+name" },
        { key: "session", label: t("heldOn"), hxl: "#date+session" },
        { key: "withdrawn", label: t("decisionWithdrawn"), hxl: "#status+withdrawn" },
        { key: "notice", label: t("noticeRecorded"), hxl: "#date+notice" },
      ],
      rowCount: page ? page.rows.length : (found.count ?? 0),
      rows: page
        ? page.rows
        : pagedRows(found.page, (after) => withTenantRead(ctx, (tx) => listPriceHistoryRows(tx, commune.id, productId, { size: pageSize, after })), row),
      page,
    },
  };
}
