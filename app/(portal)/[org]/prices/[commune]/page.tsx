import Link from "next/link";
import { Table } from "@/components/data/table";
import { getLocale, getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope, productName, unitOf } from "@/lib/prices/page-context";
import { listBoard, listSessions, listSuppliers } from "@/lib/prices/queries";
import { formatAmount } from "@/lib/prices/format";
import { today } from "@/lib/dates";
import { readPageRequest } from "@/lib/pagination";
import { Pager } from "@/components/data/pager";
import { pictogramKeys } from "@/lib/prices/pictograms";
import { Pictogram } from "@/components/prices/pictogram";
import { productCategories } from "@/lib/prices/schema";
import { CommuneNav } from "@/components/prices/commune-nav";
import { SpecForm } from "@/components/prices/spec-form";
import { Card } from "@/components/ui/card";
import { valuesInText } from "@/lib/i18n/isolate";
import { withFormMessages } from "@/components/i18n/form-messages";

type Params = { params: Promise<{ org: string; commune: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("prices"))("title") };
}

/** The committee's workspace: sessions (in pages), products with their prices, suppliers. */
async function CommitteeWorkspace({ params, searchParams }: Params) {
  const { org, commune } = await params;
  const sp = await searchParams;
  const scope = await loadCommuneScope(org, commune);
  const date = today();
  const { sessions, board, suppliers } = await withTenant(scope.ctx, async (tx) => ({
    sessions: await listSessions(tx, scope.commune.id, readPageRequest(sp)),
    board: await listBoard(tx, scope.commune.id, date),
    suppliers: await listSuppliers(tx, scope.commune.id),
  }));
  const t = await getTranslations("prices");
  const tc = await getTranslations("prices.constituencies");
  const tr = await getTranslations("records");
  const locale = await getLocale();

  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="workspace" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>

      <Card title={t("sessions")}>
        {sessions.rows.length === 0 ? <p>{t("noSessions")}</p> : null}
        <ul className="flex flex-col gap-2" data-testid="session-list">
          {sessions.rows.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-slate-200 p-2">
              <Link href={`${scope.base}/sessions/${s.id}`} className="min-h-11 py-2 font-medium underline underline-offset-4" dir="ltr">
                {s.heldOn}
              </Link>
              <span>{s.place}</span>
              <span className="text-sm">{t(`sessionStatus.${s.status}`)}</span>
              <span className={`rounded px-2 text-sm ${s.quorum.isQuorate ? "bg-emerald-100 text-emerald-950" : "bg-amber-100 text-amber-950"}`}>
                {s.quorum.isQuorate ? t("quorate") : t("missing", { list: s.quorum.missing.map((c) => tc(c)).join(", ") })}
              </span>
            </li>
          ))}
        </ul>
        <Pager path={scope.base} searchParams={sp} page={sessions} label={t("sessions")} className="mt-3" />
        {scope.canWrite ? (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <h3 className="mb-2 font-semibold">{t("newSession")}</h3>
            <SpecForm
              form="createSession"
              org={org}
              testId="new-session"
              submit={t("createSession")}
              successHref={`${scope.base}/sessions/{id}`}
              fields={[
                { name: "heldOn", label: t("heldOn"), kind: "date", defaultValue: date },
                { name: "place", label: t("place"), kind: "text" },
              ]}
            />
          </div>
        ) : null}
      </Card>

      <Card title={t("products")}>
        {board.length === 0 ? <p>{t("noProducts")}</p> : null}
        <Table
          head={[t("product"), t("unit"), { label: t("currentPrice"), numeric: true }, t("nextChange")]}
          caption={t("products")}
          captionHidden
          testId="product-table"
        >
          {board.map(({ product, current, next }) => (
            <tr key={product.id} data-testid={`product-${product.nameFr}`}>
              <td>
                <Pictogram name={product.pictogram} />
                <Link href={`${scope.base}/products/${product.id}`} className="underline underline-offset-4">
                  {productName(product, locale)}
                </Link>
                {"archivedAt" in product && product.archivedAt ? <span className="ms-2 text-sm text-amber-900">({tr("archived")})</span> : null}
                {scope.canWrite ? (
                  <Link
                    href={`${scope.base}/products/${product.id}/edit`}
                    className="ms-2 inline-flex min-h-11 items-center text-sm underline underline-offset-4"
                    data-testid="edit-product"
                  >
                    {tr("edit")}
                  </Link>
                ) : null}
              </td>
              <td>{unitOf(product, locale)}</td>
              <td className="text-end tabular-nums" data-testid="current-price">
                {current ? formatAmount(current.sellingPrice, current.currency, locale) : t("none")}
              </td>
              <td>
                {next
                  ? `${formatAmount(next.sellingPrice, next.currency, locale)} ${t("fromDate", valuesInText({ date: next.effectiveOn }, locale))}`
                  : t("none")}
              </td>
            </tr>
          ))}
        </Table>
        {scope.canWrite ? (
          <details className="mt-4 border-t border-slate-200 pt-4">
            <summary className="min-h-11 cursor-pointer py-2 font-semibold">{t("addProduct")}</summary>
            <SpecForm
              form="product"
              org={org}
              testId="new-product"
              submit={t("addProduct")}
              resetOnSuccess
              fields={[
                { name: "nameFr", label: t("nameFr"), kind: "text" },
                { name: "nameAr", label: t("nameAr"), kind: "text", dir: "rtl" },
                { name: "nameEn", label: t("nameEn"), kind: "text", dir: "ltr" },
                { name: "unit", label: t("unit"), kind: "text" },
                { name: "unitAr", label: t("unitAr"), kind: "text", dir: "rtl" },
                { name: "unitEn", label: t("unitEn"), kind: "text", dir: "ltr" },
                { name: "category", label: t("category"), kind: "select", options: productCategories.map((c) => ({ value: c, label: t(`categories.${c}`) })) },
                { name: "pictogram", label: t("pictogram"), kind: "select", options: pictogramKeys.map((k) => ({ value: k, label: t(`pictograms.${k}`) })) },
              ]}
            />
          </details>
        ) : null}
      </Card>

      <Card title={t("suppliers")}>
        <ul className="flex flex-col gap-1">
          {suppliers.map((s) => (
            <li key={s.id}>
              {s.name}{" "}
              {s.phone ? (
                <span dir="ltr" className="text-slate-700">
                  · {s.phone}
                </span>
              ) : null}
              {s.archivedAt ? <span className="ms-2 text-sm text-amber-900">({tr("archived")})</span> : null}
              {scope.canWrite ? (
                <Link
                  href={`${scope.base}/suppliers/${s.id}`}
                  className="ms-2 inline-flex min-h-11 items-center text-sm underline underline-offset-4"
                  data-testid="edit-supplier"
                >
                  {tr("edit")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
        {scope.canWrite ? (
          <details className="mt-4 border-t border-slate-200 pt-4">
            <summary className="min-h-11 cursor-pointer py-2 font-semibold">{t("addSupplier")}</summary>
            <SpecForm
              form="supplier"
              org={org}
              testId="new-supplier"
              submit={t("addSupplier")}
              resetOnSuccess
              fields={[
                { name: "name", label: t("supplierName"), kind: "text" },
                { name: "phone", label: t("phone"), kind: "text", dir: "ltr" },
              ]}
            />
          </details>
        ) : null}
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof CommitteeWorkspace>[0]) {
  return withFormMessages(CommitteeWorkspace(props));
}
