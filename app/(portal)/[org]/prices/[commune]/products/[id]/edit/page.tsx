import Link from "next/link";
import { notFound } from "next/navigation";
import { and, eq } from "drizzle-orm";
import { getLocale, getTranslations } from "next-intl/server";
import { products } from "@/db/schema";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope, productName } from "@/lib/prices/page-context";
import { productCategories } from "@/lib/prices/schema";
import { pictogramKeys } from "@/lib/prices/pictograms";
import { listRecordHistory } from "@/lib/records/history";
import { CommuneNav } from "@/components/prices/commune-nav";
import { SpecForm } from "@/components/prices/spec-form";
import { RecordHistory } from "@/components/records/record-history";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

type Params = { params: Promise<{ org: string; commune: string; id: string }> };

/** A product of the committee: its names, units, category and pictogram; archive or restore; its history (issue 14). */
async function EditProductPage({ params }: Params) {
  const { org, commune, id } = await params;
  const scope = await loadCommuneScope(org, commune);
  if (!scope.canWrite || !/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const data = await withTenant(scope.ctx, async (tx) => {
    const [product] = await tx
      .select()
      .from(products)
      .where(and(eq(products.id, id), eq(products.communeOrgId, scope.commune.id)));
    if (!product) return null;
    return { product, history: await listRecordHistory(tx, scope.ctx.org.id, [product.id]) };
  });
  if (!data) notFound();
  const { product } = data;
  const [t, tr, locale] = [await getTranslations("prices"), await getTranslations("records"), await getLocale()];
  const archived = product.archivedAt !== null;
  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="workspace" />
      <p>
        <Link href={`${scope.base}/products/${product.id}`} className="inline-flex min-h-11 items-center underline underline-offset-4">
          {tr("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold" data-testid="edit-title">
        {tr("editProduct")} : {productName(product, locale)}
      </h1>
      {archived ? (
        <p className="rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="archived-note">
          {tr("archivedNote")}
        </p>
      ) : (
        <Card>
          <SpecForm
            form="editProduct"
            org={org}
            hidden={{ productId: product.id, version: String(product.version) }}
            testId="edit-product-form"
            submit={tr("save")}
            fields={[
              { name: "nameFr", label: t("nameFr"), kind: "text", defaultValue: product.nameFr },
              { name: "nameAr", label: t("nameAr"), kind: "text", dir: "rtl", defaultValue: product.nameAr },
              { name: "nameEn", label: t("nameEn"), kind: "text", dir: "ltr", defaultValue: product.nameEn },
              { name: "unit", label: t("unit"), kind: "text", defaultValue: product.unit },
              { name: "unitAr", label: t("unitAr"), kind: "text", dir: "rtl", defaultValue: product.unitAr ?? "" },
              { name: "unitEn", label: t("unitEn"), kind: "text", dir: "ltr", defaultValue: product.unitEn ?? "" },
              {
                name: "category",
                label: t("category"),
                kind: "select",
                options: productCategories.map((c) => ({ value: c, label: t(`categories.${c}`) })),
                defaultValue: product.category,
              },
              {
                name: "pictogram",
                label: t("pictogram"),
                kind: "select",
                options: pictogramKeys.map((k) => ({ value: k, label: t(`pictograms.${k}`) })),
                defaultValue: product.pictogram,
              },
            ]}
          />
        </Card>
      )}
      <Card title={archived ? tr("restore") : tr("archiveTitle")}>
        <p className="mb-3 text-sm text-slate-700">{tr("archiveHint")}</p>
        <SpecForm
          form={archived ? "restoreProduct" : "archiveProduct"}
          org={org}
          hidden={{ id: product.id, version: String(product.version) }}
          testId={archived ? "restore-form" : "archive-form"}
          submit={archived ? tr("restore") : tr("archive")}
          variant={archived ? "primary" : "danger"}
          fields={[]}
        />
      </Card>
      <RecordHistory rows={data.history} />
    </div>
  );
}

export default async function Page(props: Params) {
  return withFormMessages(EditProductPage(props));
}
