import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup, listNgoSettlements } from "@/lib/groups/queries";
import { listNetworksForNgo } from "@/lib/groups/edit-service";
import { listRecordHistory } from "@/lib/records/history";
import { GroupActionForm } from "@/components/forms/group-forms";
import { RecordHistory } from "@/components/records/record-history";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

/** A group's name, village, network and capital; archive or restore it; its history (issue 14). */
async function EditGroupPage({ params }: { params: Promise<{ org: string; groupId: string }> }) {
  const { org: slug, groupId } = await params;
  const ctx = await requireMember(slug, "groups:write");
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group || !group.isWritable) return null;
    return {
      group,
      settlements: await listNgoSettlements(tx, group.ngoOrgId),
      networks: await listNetworksForNgo(tx, group.ngoOrgId),
      history: await listRecordHistory(tx, ctx.org.id, [group.id]),
    };
  });
  if (!data) notFound();
  const { group } = data;
  const [t, tg] = [await getTranslations("records"), await getTranslations("group")];
  const archived = group.archivedAt !== null;
  const hidden = { id: group.id, version: String(group.version) };
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href={`/${slug}/groups/${group.id}`} className="inline-flex min-h-11 items-center underline underline-offset-4">
          {t("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold" data-testid="edit-title">
        {t("editGroup")} : {group.name}
      </h1>
      {archived ? (
        <p className="rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="archived-note">
          {t("archivedNote")}
        </p>
      ) : (
        <Card>
          <p className="mb-3 text-sm text-slate-700">{t("lockedNote")}</p>
          <GroupActionForm
            kind="editGroup"
            org={slug}
            hidden={{ groupId: group.id, version: String(group.version) }}
            submit={t("save")}
            testId="edit-group-form"
            fields={[
              { name: "name", label: tg("name"), type: "text", defaultValue: group.name },
              {
                name: "villageId",
                label: tg("village"),
                type: "select",
                options: data.settlements.map((s) => ({ value: s.id, label: s.name })),
                defaultValue: group.villageId,
              },
              {
                name: "networkOrgId",
                label: t("fields.network"),
                type: "select",
                options: [{ value: "", label: t("noNetwork") }, ...data.networks.map((n) => ({ value: n.id, label: n.name }))],
                defaultValue: group.networkOrgId ?? "",
              },
              { name: "startingCapitalAmount", label: tg("capital"), type: "number", defaultValue: String(group.startingCapitalAmount) },
              {
                name: "startingCapitalCurrency",
                label: tg("currency"),
                type: "select",
                options: ["MRU", "XOF"].map((c) => ({ value: c, label: c })),
                defaultValue: group.startingCapitalCurrency,
              },
            ]}
          />
        </Card>
      )}
      <Card title={archived ? t("restore") : t("archiveTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("archiveHint")}</p>
        <GroupActionForm
          kind={archived ? "restoreGroup" : "archiveGroup"}
          org={slug}
          hidden={hidden}
          submit={archived ? t("restore") : t("archive")}
          variant={archived ? "primary" : "danger"}
          testId={archived ? "restore-form" : "archive-form"}
          fields={[]}
        />
      </Card>
      <RecordHistory rows={data.history} />
    </div>
  );
}

export default async function Page(props: Parameters<typeof EditGroupPage>[0]) {
  return withFormMessages(EditGroupPage(props));
}
