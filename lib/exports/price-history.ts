import "server-only";
import { getTranslations } from "next-intl/server";
import type { TenantContext } from "@/lib/auth/tenant-core";
import type { Locale } from "@/lib/i18n/locales";
import { findVisibleCommune } from "@/lib/orgs/scope";
import { getPriceHistory, listProducts } from "@/lib/prices/queries";
import { unitOf } from "@/lib/prices/page-context";
import { withTenantRead } from "@/lib/tenant-db";
import type { ExportFilter } from "./meta";
import type { CellValue, DataTableModel } from "./table";

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * A commune's negotiated price history as an export, as the products' history pages show it:
 * the commune must be one the reader's organisation may read (`findVisibleCommune`), and a
 * product asked for must be the commune's, else null ("not found"); for each product (or the one
 * asked for), every public version (closed sessions), newest decision first, withdrawn ones marked.
 */
export async function priceHistoryExport(
  ctx: Pick<TenantContext, "org" | "user">,
  communeSlug: string,
  productId: string | undefined,
  locale: Locale,
): Promise<{ table: DataTableModel; commune: { slug: string; name: string }; filters: ExportFilter[] } | null> {
  if (productId !== undefined && !isUuid(productId)) return null;
  const found = await withTenantRead(ctx, async (tx) => {
    const commune = await findVisibleCommune(tx, ctx.org, communeSlug);
    if (!commune) return null;
    const ids = productId ? [productId] : (await listProducts(tx, commune.id)).map((p) => p.id);
    const histories = [];
    for (const id of ids) {
      const h = await getPriceHistory(tx, commune.id, id);
      if (h) histories.push(h);
    }
    return productId && histories.length === 0 ? null : { commune, histories };
  });
  if (!found) return null;
  const t = await getTranslations({ locale, namespace: "prices" });
  const te = await getTranslations({ locale, namespace: "exports" });
  const nameOf = (p: { nameFr: string; nameAr: string; nameEn: string }) => (locale === "ar" ? p.nameAr : locale === "en" ? p.nameEn : p.nameFr);

  const channel = (c: string) => (t.has(`channel.${c}` as never) ? t(`channel.${c}` as never) : c);
  const rows: CellValue[][] = found.histories.flatMap(({ product, versions }) =>
    versions.map(({ price, heldOn, supplier, notice }) => [
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
    ]),
  );
  const only = productId ? found.histories[0].product : null;
  return {
    commune: found.commune,
    filters: only ? [{ label: t("product"), value: nameOf(only), slug: only.nameEn }] : [],
    table: {
      id: "price-history",
      title: `${t("history")} — ${found.commune.name}`,
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
      rows,
    },
  };
}
