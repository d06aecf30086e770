import Link from "next/link";
import { notFound } from "next/navigation";
import { and, eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { suppliers } from "@/db/schema";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope } from "@/lib/prices/page-context";
import { listRecordHistory } from "@/lib/records/history";
import { CommuneNav } from "@/components/prices/commune-nav";
import { SpecForm } from "@/components/prices/spec-form";
import { RecordHistory } from "@/components/records/record-history";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

type Params = { params: Promise<{ org: string; commune: string; id: string }> };

/** A supplier of the committee, for the commune's writers: name and phone; archive or restore; its history (issue 14). */
async function SupplierPage({ params }: Params) {
  const { org, commune, id } = await params;
  const scope = await loadCommuneScope(org, commune);
  if (!scope.canWrite || !/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const data = await withTenant(scope.ctx, async (tx) => {
    const [supplier] = await tx
      .select()
      .from(suppliers)
      .where(and(eq(suppliers.id, id), eq(suppliers.communeOrgId, scope.commune.id)));
    if (!supplier) return null;
    return { supplier, history: await listRecordHistory(tx, scope.ctx.org.id, [supplier.id]) };
  });
  if (!data) notFound();
  const { supplier } = data;
  const [t, tr] = [await getTranslations("prices"), await getTranslations("records")];
  const archived = supplier.archivedAt !== null;
  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="workspace" />
      <p>
        <Link href={scope.base} className="inline-flex min-h-11 items-center underline underline-offset-4">
          {tr("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold" data-testid="edit-title">
        {tr("editSupplier")} : {supplier.name}
      </h1>
      {archived ? (
        <p className="rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="archived-note">
          {tr("archivedNote")}
        </p>
      ) : (
        <Card>
          <SpecForm
            form="editSupplier"
            org={org}
            hidden={{ supplierId: supplier.id, version: String(supplier.version) }}
            testId="edit-supplier-form"
            submit={tr("save")}
            fields={[
              { name: "name", label: t("supplierName"), kind: "text", defaultValue: supplier.name },
              { name: "phone", label: t("phone"), kind: "text", dir: "ltr", defaultValue: supplier.phone ?? "" },
            ]}
          />
        </Card>
      )}
      <Card title={archived ? tr("restore") : tr("archiveTitle")}>
        <p className="mb-3 text-sm text-slate-700">{tr("archiveHint")}</p>
        <SpecForm
          form={archived ? "restoreSupplier" : "archiveSupplier"}
          org={org}
          hidden={{ id: supplier.id, version: String(supplier.version) }}
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
  return withFormMessages(SupplierPage(props));
}
