import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { dashboardParams, loadCohesionPage } from "@/lib/cohesion/page-data";
import { listOwnSurveys } from "@/lib/cohesion/queries";
import type { Labels } from "@/lib/cohesion/tables";
import { toLocale } from "@/lib/i18n/locales";
import { mustSuppress, readerOf } from "@/lib/privacy/suppress";
import { CohesionDashboardView } from "@/components/cohesion/dashboard-view";
import { Card } from "@/components/ui/card";

export async function generateMetadata() {
  const t = await getTranslations("cohesion");
  return { title: t("title") };
}

export default async function CohesionPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "cohesion:read");
  const filters = dashboardParams(await searchParams);
  const t = await getTranslations("cohesion");
  const locale = toLocale(await getLocale());
  const reader = readerOf(ctx);
  const data = await withTenantRead(ctx, async (tx) => ({
    page: await loadCohesionPage(tx, ctx.org, reader, filters, t as unknown as Labels, locale),
    own: ctx.can("cohesion:write") ? await listOwnSurveys(tx, ctx.org.id, 12) : [],
  }));
  if (!data.page) notFound();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {ctx.can("cohesion:write") ? (
          <Link
            href={`/${slug}/cohesion/surveys/new`}
            className="inline-flex min-h-11 items-center rounded-md bg-emerald-800 px-4 py-2 font-medium text-white hover:bg-emerald-900"
          >
            {t("newSurvey")}
          </Link>
        ) : null}
      </div>
      <CohesionDashboardView
        dash={data.page.dash}
        params={filters}
        pagePath={`/${slug}/cohesion`}
        org={slug}
        canExport={ctx.can("exports:read")}
        suppressed={mustSuppress(reader)}
        enterers={data.page.enterers}
        indicators={data.page.indicators}
      />
      {data.own.length > 0 ? (
        <Card title={t("ownSurveys")}>
          <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            {data.own.map((s) => (
              <li key={s.id}>
                <span dir="ltr">{s.quarter}</span> · {s.village} · <span dir="ltr">{s.surveyedOn}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
