import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { listEvaluations, listOverdueFollowUps } from "@/lib/coaching/queries";
import { dashboardParams, loadCohesionPage } from "@/lib/cohesion/page-data";
import { loadInclusionDashboard } from "@/lib/inclusion/dashboard";
import { inclusionParams } from "@/lib/inclusion/params";
import { findMemberOrg } from "@/lib/compare/members";
import { toLocale } from "@/lib/i18n/locales";
import { mustSuppress, readerOf } from "@/lib/privacy/suppress";
import { previousQuarter, quarterOf } from "@/lib/quarters/quarter";
import { today as todayIso } from "@/lib/dates";
import { CohesionDashboardView } from "@/components/cohesion/dashboard-view";
import { InclusionHeadline } from "@/components/inclusion/headline";
import { Card } from "@/components/ui/card";
import { valueInText } from "@/lib/i18n/isolate";

/** A member's dashboards, read-only, as its consortium sees them (its own reader rights apply). */
export default async function MemberDrillDown({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; member: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug, member: memberSlug } = await params;
  const ctx = await requireMember(slug, "cohesion:compare");
  if (ctx.org.type !== "consortium") notFound(); // held only by consortia; kept as a second check
  const sp = await searchParams;
  const filters = dashboardParams(sp);
  const inclusion = inclusionParams(sp);
  const t = await getTranslations("compare");
  const tc = await getTranslations("cohesion");
  const tco = await getTranslations("coaching");
  const ti = await getTranslations("inclusion");
  const tt = await getTranslations("orgTypes");
  const locale = toLocale(await getLocale());
  const reader = readerOf(ctx);
  const today = todayIso();
  const lastQ = previousQuarter(quarterOf(today));
  const data = await withTenantRead(ctx, async (tx) => {
    const member = await findMemberOrg(tx, ctx.org.id, memberSlug);
    if (!member) return null;
    return {
      member,
      page: await loadCohesionPage(tx, member, reader, filters, tc, locale),
      inclusion: await loadInclusionDashboard(tx, member, reader, inclusion, ti, locale),
      evaluations: (await listEvaluations(tx, member, lastQ)).filter((e) => e.evaluationId),
      overdue: (await listOverdueFollowUps(tx, member, today)).length,
    };
  });
  if (!data?.page) notFound();
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href={`/${slug}/compare`} className="underline underline-offset-4">
          ← {t("title")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        {data.member.name} <span className="text-base font-normal text-slate-700">· {tt(data.member.type)}</span>
      </h1>
      <p className="rounded border border-slate-400 bg-slate-50 p-3">{t("readOnly")}</p>
      <h2 className="text-xl font-semibold">{tc("title")}</h2>
      <CohesionDashboardView
        dash={data.page.dash}
        params={filters}
        pagePath={`/${slug}/compare/${memberSlug}`}
        org={slug}
        exportQuery={{ member: memberSlug }}
        canExport={ctx.can("exports:read")}
        suppressed={mustSuppress(reader)}
        enterers={data.page.enterers}
        indicators={data.page.indicators}
      />
      <InclusionHeadline
        tables={data.inclusion.tables}
        on={inclusion.on}
        suppressed={mustSuppress(reader)}
        exportTo={ctx.can("exports:read") ? { org: slug, base: "inclusion", query: { member: memberSlug, by: inclusion.by, on: inclusion.on } } : undefined}
      />
      <Card title={tco("evaluationsTitle", { quarter: valueInText(lastQ, locale) })}>
        <p className="mb-2">{t("overdueCount", { count: data.overdue })}</p>
        {data.evaluations.length === 0 ? (
          <p>{t("noEvaluations")}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2" data-testid="member-evaluations">
            {data.evaluations.map((e) => (
              <li key={e.groupId}>
                {e.group} · <span dir="ltr">{e.score} / 10</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
