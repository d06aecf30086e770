import "server-only";
import { eq, sql } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { marketObservations } from "@/db/schema";
import type { TenantContext } from "@/lib/auth/tenant-core";
import type { Locale } from "@/lib/i18n/locales";
import { findVisibleCommune } from "@/lib/orgs/scope";
import { listObservations } from "@/lib/prices/queries";
import { unitOf } from "@/lib/prices/page-context";
import { withTenantRead } from "@/lib/tenant-db";
import { askedPage, pagedRows } from "./paged";
import type { CellValue, ExportTable, KeysetRequest } from "./table";

export const OBSERVATIONS_EXPORT_PAGE = 2_000;

const inLocale = (p: { nameFr: string; nameAr: string; nameEn: string }, locale: Locale) =>
  locale === "ar" ? p.nameAr : locale === "en" ? p.nameEn : p.nameFr;

/**
 * A commune's market observations as an export, as the market page lists them: the commune must
 * be one the reader's organisation may read (`findVisibleCommune`, the page's check), else null
 * ("not found"); then `listObservations`, page after page, each page in its own tenant transaction.
 * With `asked` (the read-only API), that one page only, by the list's keyset, counted on the first
 * page only.
 */
export async function observationsExport(
  ctx: Pick<TenantContext, "org" | "user">,
  communeSlug: string,
  locale: Locale,
  pageSize = OBSERVATIONS_EXPORT_PAGE,
  asked?: KeysetRequest,
): Promise<{ table: ExportTable; commune: { slug: string; name: string } } | null> {
  const t = await getTranslations({ locale, namespace: "prices" });
  const te = await getTranslations({ locale, namespace: "exports" });
  const first = await withTenantRead(ctx, async (tx) => {
    const commune = await findVisibleCommune(tx, ctx.org, communeSlug);
    if (!commune) return null;
    if (asked?.after) return { commune, count: undefined, page: await listObservations(tx, commune.id, asked) };
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(marketObservations)
      .where(eq(marketObservations.communeOrgId, commune.id));
    return { commune, count: n, page: await listObservations(tx, commune.id, { size: asked?.size ?? pageSize }) };
  });
  if (!first) return null;
  const communeId = first.commune.id;
  type Row = (typeof first.page.rows)[number];
  const row = ({ o, product, place }: Row): CellValue[] => [o.observedOn, inLocale(product, locale), unitOf(product, locale), place, o.price, o.currency];
  const page = asked && askedPage(asked, first.page, row, first.count);
  return {
    commune: first.commune,
    table: {
      id: "observations",
      title: `${t("market")} — ${first.commune.name}`,
      columns: [
        { key: "date", label: t("observedOn"), hxl: "#date+observed" },
        { key: "product", label: t("product"), hxl: "#item+name" },
        { key: "unit", label: t("unit"), hxl: "#item+unit" },
        { key: "place", label: t("marketPlace"), hxl: "#loc+market+name" },
        { key: "price", label: t("observedPrice"), hxl: "#value+price+retail" },
        { key: "currency", label: te("currency"), hxl: "#currency" },
      ],
      rowCount: page ? page.rows.length : (first.count ?? 0),
      page,
      rows: page ? page.rows : pagedRows(first.page, (after) => withTenantRead(ctx, (tx) => listObservations(tx, communeId, { size: pageSize, after })), row),
    },
  };
}
