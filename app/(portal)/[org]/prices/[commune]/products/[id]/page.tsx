import Link from "next/link";
import { Table } from "@/components/data/table";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope, productName, unitOf } from "@/lib/prices/page-context";
import { getPriceHistory } from "@/lib/prices/queries";
import { formatAmount } from "@/lib/prices/format";
import { localDate } from "@/lib/dates";
import { Pictogram } from "@/components/prices/pictogram";
import { CommuneNav } from "@/components/prices/commune-nav";
import { ExportLinks } from "@/components/data/export-links";

type Params = { params: Promise<{ org: string; commune: string; id: string }> };

/** Every public version of a product's negotiated price (closed sessions), newest decision first; withdrawn ones marked. */
export default async function ProductHistory({ params }: Params) {
  const { org, commune, id } = await params;
  const scope = await loadCommuneScope(org, commune);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const history = await withTenant(scope.ctx, (tx) => getPriceHistory(tx, scope.commune.id, id));
  if (!history) notFound();
  const t = await getTranslations("prices");
  const tr = await getTranslations("records");
  const locale = await getLocale();
  const { product, versions } = history;
  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="workspace" />
      <h1 className="text-2xl font-semibold">
        <Pictogram name={product.pictogram} />
        {productName(product, locale)}{" "}
        <span className="text-base font-normal text-slate-700">
          · {unitOf(product, locale)} · {t("history")}
        </span>
      </h1>
      {product.archivedAt ? (
        <p className="rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="archived-note">
          {tr("archivedNote")}
        </p>
      ) : null}
      {scope.canWrite ? (
        <p>
          <Link
            href={`${scope.base}/products/${product.id}/edit`}
            className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4"
            data-testid="edit-link"
          >
            {tr("editProduct")}
          </Link>
        </p>
      ) : null}
      <Table
        head={[
          t("effectiveOn"),
          { label: t("sellingPrice"), numeric: true },
          { label: t("purchasePrice"), numeric: true },
          t("supplier"),
          t("heldOn"),
          t("noticeRecorded"),
        ]}
        testId="history-table"
      >
        {versions.map(({ price, heldOn, supplier, notice }) => (
          <tr key={price.id} className={`${price.withdrawnAt ? "text-slate-600" : ""}`}>
            <td>
              <span dir="ltr">{price.effectiveOn}</span>
              {price.withdrawnAt ? (
                <span className="block text-sm">
                  {t("decisionWithdrawn")} : {price.withdrawReason}
                </span>
              ) : null}
            </td>
            <td className="text-end tabular-nums">{formatAmount(price.sellingPrice, price.currency, locale)}</td>
            <td className="text-end tabular-nums">{formatAmount(price.purchasePrice, price.currency, locale)}</td>
            <td>{supplier ?? t("none")}</td>
            <td dir="ltr">{heldOn}</td>
            <td>{notice ? `${localDate(notice.recordedAt)} (${notice.channels.map((c) => t(`channel.${c}`)).join(", ")})` : t("none")}</td>
          </tr>
        ))}
      </Table>
      {scope.ctx.can("exports:read") && versions.length > 0 ? (
        <ExportLinks
          org={org}
          base="price-history"
          table={scope.commune.slug}
          query={{ product: product.id }}
          title={`${productName(product, locale)} — ${t("history")}`}
        />
      ) : null}
    </div>
  );
}
