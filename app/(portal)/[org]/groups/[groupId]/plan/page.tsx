import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup } from "@/lib/groups/queries";
import { loadPlanPage } from "@/lib/plans/load";
import { planAction } from "@/lib/plans/actions";
import { MARGIN_GAP_POINTS, REORDER_SLACK, SALES_GAP_PCT } from "@/lib/plans/gaps";
import { localStamp } from "@/lib/dates";
import { Card } from "@/components/ui/card";
import { Money, TextLink } from "@/components/groups/ui";
import { PlainForm } from "@/components/plans/plain-form";
import { ResultsTable } from "@/components/plans/results-table";
import { withFormMessages } from "@/components/i18n/form-messages";

/** A group's business plan, its versions, and its last quarters against it (issue 17, point 3). */
async function PlanPage({ params }: { params: Promise<{ org: string; groupId: string }> }) {
  const { org: slug, groupId } = await params;
  const ctx = await requireMember(slug, "groups:read", { manager: true });
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group) return null;
    const canWrite = group.isWritable && group.archivedAt === null && ctx.can("groups:write");
    return { group, canWrite, ...(await loadPlanPage(tx, group.id)) };
  });
  if (!data) notFound();
  const [t, locale] = [await getTranslations("plans"), await getLocale()];
  const tt = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  const { group, current } = data;
  const base = `/${slug}/groups/${group.id}`;
  const p = current?.plan;
  return (
    <div className="flex flex-col gap-4">
      <p>
        <TextLink href={base}>← {group.name}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <Card title={t("current")}>
        {p ? (
          <>
            <p className="mb-2 text-sm text-slate-700" data-testid="plan-version">
              {t("versionBy", { version: p.version, name: current.by ?? "—", at: localStamp(p.createdAt) })}
            </p>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-medium">{t("capital")}</dt>
              <dd>
                <Money amount={p.plannedCapital} currency={p.currency} locale={locale} />
              </dd>
              <dt className="font-medium">{t("monthlySales")}</dt>
              <dd>
                <Money amount={p.monthlySales} currency={p.currency} locale={locale} />
              </dd>
              <dt className="font-medium">{t("margin")}</dt>
              <dd dir="ltr" className="text-start">
                {p.marginPct} %
              </dd>
              <dt className="font-medium">{t("reorderDays")}</dt>
              <dd>{p.reorderDays}</dd>
              {p.note ? (
                <>
                  <dt className="font-medium">{t("note")}</dt>
                  <dd>{p.note}</dd>
                </>
              ) : null}
            </dl>
            <p className="mt-3 flex flex-wrap gap-4">
              <TextLink href={`${base}/plan/sheet?lang=fr`} testId="plan-sheet-fr">
                {t("printSheet")} (FR)
              </TextLink>
              <TextLink href={`${base}/plan/sheet?lang=ar`} testId="plan-sheet-ar">
                {t("printSheet")} (AR)
              </TextLink>
            </p>
          </>
        ) : (
          <p>{t("noPlan")}</p>
        )}
      </Card>
      {p ? (
        <Card title={t("resultsTitle")}>
          <ResultsTable rows={data.results} t={tt} locale={locale} />
          <p className="mt-2 text-sm text-slate-700">{t("thresholds", { sales: SALES_GAP_PCT, margin: MARGIN_GAP_POINTS, slack: REORDER_SLACK })}</p>
          <p className="text-sm text-slate-700">{t("evaluationNote")}</p>
        </Card>
      ) : null}
      {data.canWrite ? (
        <Card title={t("formTitle")}>
          <PlainForm
            action={planAction}
            org={slug}
            idPrefix="plan"
            testId="plan-form"
            hidden={{ groupId: group.id, loadedVersion: String(p?.version ?? 0) }}
            fields={[
              {
                name: "currency",
                label: t("currency"),
                type: "select",
                defaultValue: p?.currency ?? group.startingCapitalCurrency,
                options: ["MRU", "XOF"].map((c) => ({ value: c, label: c })),
              },
              { name: "plannedCapital", label: t("capital"), type: "number", defaultValue: String(p?.plannedCapital ?? group.startingCapitalAmount) },
              { name: "monthlySales", label: t("monthlySales"), type: "number", defaultValue: p ? String(p.monthlySales) : "" },
              { name: "marginPct", label: t("margin"), type: "number", defaultValue: p ? String(p.marginPct) : "" },
              { name: "reorderDays", label: t("reorderDays"), type: "number", defaultValue: p ? String(p.reorderDays) : "" },
              { name: "note", label: t("note"), type: "textarea", defaultValue: p?.note ?? "" },
            ]}
            submits={[{ label: t("save") }]}
          />
        </Card>
      ) : null}
      {data.versions.length > 1 ? (
        <Card title={t("history")}>
          <ul className="flex flex-col gap-2" data-testid="plan-history">
            {data.versions.slice(1).map(({ plan: v, by }) => (
              <li key={v.id}>
                <span className="font-medium">{t("versionBy", { version: v.version, name: by ?? "—", at: localStamp(v.createdAt) })}</span> —{" "}
                <span dir="ltr">
                  {v.plannedCapital} · {v.monthlySales} {v.currency} · {v.marginPct} % · {v.reorderDays}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

export default async function Page(props: Parameters<typeof PlanPage>[0]) {
  return withFormMessages(PlanPage(props));
}
