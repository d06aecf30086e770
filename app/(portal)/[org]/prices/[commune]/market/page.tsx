import { getLocale, getTranslations } from "next-intl/server";
import { Table } from "@/components/data/table";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope, productName, unitOf } from "@/lib/prices/page-context";
import { listObservations, listProducts } from "@/lib/prices/queries";
import { listCommuneSettlements } from "@/lib/prices/records";
import { today } from "@/lib/dates";
import { formatAmount } from "@/lib/prices/format";
import { readPageRequest } from "@/lib/pagination";
import { Pager } from "@/components/data/pager";
import { SearchBox } from "@/components/search/search-box";
import { searchQueryOf } from "@/lib/search/query";
import { ExportLinks } from "@/components/data/export-links";
import { CommuneNav } from "@/components/prices/commune-nav";
import { SpecForm } from "@/components/prices/spec-form";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

type Params = { params: Promise<{ org: string; commune: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Observed retail prices on markets and in villages, the raw material of stability alerts; in pages. */
async function MarketPage({ params, searchParams }: Params) {
  const { org, commune } = await params;
  const sp = await searchParams;
  const scope = await loadCommuneScope(org, commune);
  const q = searchQueryOf(sp);
  const { observations, products, settlements } = await withTenant(scope.ctx, async (tx) => ({
    observations: await listObservations(tx, scope.commune.id, readPageRequest(sp), q),
    products: await listProducts(tx, scope.commune.id, { active: true }),
    settlements: await listCommuneSettlements(tx, scope.commune.id),
  }));
  const t = await getTranslations("prices");
  const locale = await getLocale();
  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="market" />
      <h1 className="text-2xl font-semibold">{t("market")}</h1>
      {scope.canObserve ? (
        <Card title={t("addObservation")}>
          <SpecForm
            form="observation"
            org={org}
            testId="new-observation"
            hidden={{ commune: scope.commune.slug, currency: "MRU" }}
            submit={t("addObservation")}
            fields={[
              {
                name: "productId",
                label: t("product"),
                kind: "select",
                options: products.map((p) => ({ value: p.id, label: `${productName(p, locale)} (${unitOf(p, locale)})` })),
              },
              { name: "placeId", label: t("marketPlace"), kind: "select", options: settlements.map((s) => ({ value: s.id, label: s.name })) },
              { name: "observedOn", label: t("observedOn"), kind: "date", defaultValue: today() },
              { name: "price", label: `${t("observedPrice")} (MRU)`, kind: "number" },
            ]}
          />
        </Card>
      ) : null}
      <SearchBox q={q} hint={(await getTranslations("search"))("observationsHint")} />
      {observations.rows.length === 0 ? <p>{t("noObservations")}</p> : null}
      {scope.ctx.can("exports:read") && observations.rows.length > 0 ? (
        <ExportLinks org={org} base="observations" table={scope.commune.slug} title={`${t("market")} — ${scope.commune.name}`} />
      ) : null}
      <Table
        head={[t("observedOn"), t("product"), t("marketPlace"), { label: t("observedPrice"), numeric: true }]}
        caption={t("market")}
        captionHidden
        testId="observation-table"
      >
        {observations.rows.map(({ o, product, place }) => (
          <tr key={o.id}>
            <td dir="ltr">{o.observedOn}</td>
            <td>{productName(product, locale)}</td>
            <td>{place}</td>
            <td className="text-end tabular-nums">{formatAmount(o.price, o.currency, locale)}</td>
          </tr>
        ))}
      </Table>
      <Pager path={`${scope.base}/market`} searchParams={sp} page={observations} />
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof MarketPage>[0]) {
  return withFormMessages(MarketPage(props));
}
