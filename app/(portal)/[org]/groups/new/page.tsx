import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { asc } from "drizzle-orm";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { listNgoSettlements } from "@/lib/groups/queries";
import { today as todayIso } from "@/lib/dates";
import { activityTypes } from "@/db/schema";
import { GroupActionForm } from "@/components/forms/group-forms";
import { activityName } from "@/components/groups/ui";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

async function NewGroupPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:write");
  if (ctx.org.type !== "ngo") notFound();
  const { settlements, activities } = await withTenant(ctx, async (tx) => ({
    settlements: await listNgoSettlements(tx, ctx.org.id),
    activities: await tx.select().from(activityTypes).orderBy(asc(activityTypes.sortOrder)),
  }));
  const [t, tr, locale] = [await getTranslations("groups"), await getTranslations("profitRules"), await getLocale()];
  return (
    <Card title={<span className="text-2xl">{t("newGroup")}</span>}>
      <GroupActionForm
        kind="createGroup"
        org={slug}
        submit={t("create")}
        created={{ href: `/${slug}/groups/:id`, label: t("openNewGroup") }}
        fields={[
          { name: "name", label: t("name"), type: "text" },
          { name: "activityType", label: t("activity"), type: "select", options: activities.map((a) => ({ value: a.code, label: activityName(a, locale) })) },
          { name: "villageId", label: t("village"), type: "select", options: settlements.map((s) => ({ value: s.id, label: s.name })) },
          { name: "startDate", label: t("startDate"), type: "date", defaultValue: todayIso() },
          { name: "startingCapitalAmount", label: t("startingCapital"), type: "number", defaultValue: "0" },
          { name: "startingCapitalCurrency", label: t("currency"), type: "select", options: ["MRU", "XOF"].map((c) => ({ value: c, label: c })) },
          {
            name: "profitRule",
            label: t("profitRule"),
            type: "select",
            options: (["equal", "team_weighted"] as const).map((r) => ({ value: r, label: tr(r) })),
          },
        ]}
      />
    </Card>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof NewGroupPage>[0]) {
  return withFormMessages(NewGroupPage(props));
}
