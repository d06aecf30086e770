import { notFound } from "next/navigation";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/catalogues";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup } from "@/lib/groups/queries";
import { loadPlanPage } from "@/lib/plans/load";
import { MARGIN_GAP_POINTS, REORDER_SLACK, SALES_GAP_PCT } from "@/lib/plans/gaps";
import { today } from "@/lib/dates";
import { formatNumber } from "@/components/groups/ui";
import { ResultsTable } from "@/components/plans/results-table";

/**
 * The plan against results on one printed A4 page (issue 17, point 3), in French or Arabic whatever
 * the interface language: for the quarterly evaluation, where the flagged gaps are discussed.
 */
export default async function PlanSheetPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; groupId: string }>;
  searchParams: Promise<{ lang?: string }>;
}) {
  const { org: slug, groupId } = await params;
  const lang = (await searchParams).lang === "ar" ? "ar" : "fr";
  const ctx = await requireMember(slug, "groups:read", { manager: true });
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group) return null;
    return { group, ...(await loadPlanPage(tx, group.id)) };
  });
  if (!data) notFound();
  const messages = await loadMessages(lang);
  const t = createTranslator({ locale: lang, messages, namespace: "plans" } as never) as unknown as (
    key: string,
    v?: Record<string, string | number>,
  ) => string;
  // A group without a plan yet: its sheet says so (the page is there for every group it reads).
  if (!data.current)
    return (
      <article
        lang={lang}
        dir={lang === "ar" ? "rtl" : "ltr"}
        className="mx-auto flex max-w-3xl flex-col gap-3 bg-white p-4 print:p-0"
        data-testid="plan-sheet"
      >
        <h1 className="text-2xl font-bold">
          {t("sheetTitle")} — {data.group.name}
        </h1>
        <p>{t("noPlan")}</p>
      </article>
    );
  const p = data.current.plan;
  const money = (n: number) => `${formatNumber(n, lang)} ${p.currency}`;
  return (
    <article lang={lang} dir={lang === "ar" ? "rtl" : "ltr"} className="mx-auto flex max-w-3xl flex-col gap-3 bg-white p-4 print:p-0" data-testid="plan-sheet">
      <header>
        <h1 className="text-2xl font-bold">
          {t("sheetTitle")} — {data.group.name}
        </h1>
        <p className="text-sm">
          {data.group.village} · {data.group.ngo} · <span dir="ltr">{today()}</span> · {t("version", { version: p.version })}
        </p>
      </header>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 border border-slate-500 p-2 sm:grid-cols-4">
        {[
          [t("capital"), money(p.plannedCapital)],
          [t("monthlySales"), money(p.monthlySales)],
          [t("margin"), `${p.marginPct} %`],
          [t("reorderDays"), String(p.reorderDays)],
        ].map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs">{k}</dt>
            <dd className="text-lg font-bold" dir="ltr">
              {v}
            </dd>
          </div>
        ))}
      </dl>
      <ResultsTable rows={data.results} t={t} locale={lang} compact />
      <p className="text-xs">{t("thresholds", { sales: SALES_GAP_PCT, margin: MARGIN_GAP_POINTS, slack: REORDER_SLACK })}</p>
      <p className="text-sm font-semibold">{t("evaluationNote")}</p>
      {p.note ? <p className="text-sm">{p.note}</p> : null}
    </article>
  );
}
