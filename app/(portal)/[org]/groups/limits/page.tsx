import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { loadPlausibility } from "@/lib/groups/plausibility-service";
import { amountKinds, DUPLICATE_WINDOW_MINUTES } from "@/lib/groups/plausibility";
import { GroupActionForm, type FieldSpec } from "@/components/forms/group-forms";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";
import { PlainForm } from "@/components/plans/plain-form";
import { quorumAction } from "@/lib/meetings/actions";
import { quorumPct } from "@/lib/meetings/service";

export async function generateMetadata() {
  return { title: (await getTranslations("limits"))("title") };
}

/** An NGO admin's plausibility limits: ceilings and confirmation thresholds per kind and currency, and the date floor. */
async function LimitsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "quarters:lock");
  if (ctx.org.type !== "ngo") notFound();
  const [p, pct] = await withTenant(ctx, async (tx) => [await loadPlausibility(tx, ctx.org.id), await quorumPct(tx, ctx.org.id)] as const);
  const t = await getTranslations("limits");
  const tm = await getTranslations("meetings");
  const fields: FieldSpec[] = [{ name: "dateFloor", label: t("dateFloor"), type: "date", defaultValue: p.dateFloor, wide: true }];
  const ordered = amountKinds.flatMap((k) => (["MRU", "XOF"] as const).flatMap((c) => p.limits.filter((l) => l.kind === k && l.currency === c)));
  for (const l of ordered) {
    const names = { kind: t(`kinds.${l.kind}`), currency: l.currency };
    const source = l.isDefault ? t("isDefault") : t("isOwn");
    fields.push(
      { name: `ceiling_${l.kind}_${l.currency}`, label: t("ceilingOf", names), type: "number", defaultValue: String(l.ceiling), hint: source },
      { name: `soft_${l.kind}_${l.currency}`, label: t("softOf", names), type: "number", defaultValue: String(l.softLimit) },
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Card>
        <p className="mb-2">{t("intro")}</p>
        <p className="mb-4">{t("duplicates", { minutes: DUPLICATE_WINDOW_MINUTES })}</p>
        <GroupActionForm kind="limits" org={slug} testId="limits-form" columns={2} submit={t("save")} fields={fields} />
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{tm("quorumTitle")}</h2>
        <PlainForm
          action={quorumAction}
          org={slug}
          idPrefix="quorum"
          testId="quorum-form"
          fields={[{ name: "meetingQuorumPct", label: tm("quorumPct"), type: "number", defaultValue: String(pct), hint: tm("quorumHelp") }]}
          submits={[{ label: tm("quorumSave") }]}
        />
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof LimitsPage>[0]) {
  return withFormMessages(LimitsPage(props));
}
