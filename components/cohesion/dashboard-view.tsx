import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import type { CohesionDashboard, DashboardParams, DashboardTableId } from "@/lib/cohesion/dashboard";
import { perceptionIndicators } from "@/lib/cohesion/indicators";
import { columnPair, hiddenPoints } from "@/lib/exports/table";
import { mostSurveyedRows } from "@/lib/cohesion/tables";
import { isMark } from "@/lib/privacy/suppress";
import { ChartHiddenNote } from "@/components/charts/hidden-note";
import { LazyCommunityBars } from "@/components/charts/lazy-community-bars";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/data/data-table";
import { ExportLinks } from "@/components/data/export-links";
import { valueInText } from "@/lib/i18n/isolate";

/** Villages drawn at most in a chart (a national scope has thousands; the table lists them all). */
const CHART_MAX = 20;

export interface IndicatorText {
  code: string;
  question: string;
  scale: string;
}

/**
 * The cohesion dashboard body: filters; the surveys' trend and village tables and the records'
 * tables, each after its chart (hosts and refugees, or same and other community, side by side)
 * and with its downloads; the indicators' definitions. Used by the tenant's page and by a
 * consortium's drill-down.
 */
export async function CohesionDashboardView({
  dash,
  params,
  pagePath,
  org,
  exportQuery = {},
  canExport,
  suppressed,
  enterers,
  indicators,
}: {
  dash: CohesionDashboard;
  params: DashboardParams;
  pagePath: string;
  /** Slug of the tenant whose export route serves the tables. */
  org: string;
  /** Extra export parameters, e.g. the consortium member drilled into. */
  exportQuery?: Record<string, string>;
  canExport: boolean;
  suppressed: boolean;
  enterers: string[];
  indicators: IndicatorText[];
}) {
  const t = await getTranslations("cohesion");
  const locale = await getLocale();
  const indicator = params.indicator ?? "trust";
  const place = dash.selected?.name ?? t("allVillages");
  const communities: [string, string] = [t("community.host"), t("community.refugee")];
  const relations: [string, string] = [t("records.relation.same"), t("records.relation.cross")];

  /** A chart (when the table has a figure to draw), the table, its downloads. */
  const section = (
    id: DashboardTableId,
    empty: string,
    query: Record<string, string | undefined>,
    chart?: { title: string; keys: [string, string]; series: [string, string] },
  ) => {
    const table = dash.tables[id];
    const all = chart ? columnPair(table, chart.keys) : [];
    // A long list of villages: the chart draws those with the most surveys, in table order; the table keeps them all.
    const top = mostSurveyedRows(table, CHART_MAX);
    const shown = top ? new Set(top) : null;
    const data = shown ? all.filter((_, i) => shown.has(i)) : all;
    return (
      <div className="flex flex-col gap-3">
        {chart && data.some((d) => d.a != null || d.b != null) ? (
          <figure className="flex flex-col gap-1">
            <LazyCommunityBars data={data} series={chart.series} title={chart.title} locale={locale} rtl={locale === "ar"} />
            <figcaption className="text-sm text-slate-700">
              {t("chartNote")}
              {shown ? <span data-testid="chart-top"> {t("chartTop", { shown: data.length, total: all.length })}</span> : null}
            </figcaption>
            <ChartHiddenNote items={hiddenPoints(table, top ?? table.rows.map((_, i) => i), chart.keys)} />
          </figure>
        ) : chart && table.rows.some((r) => r.some(isMark)) ? (
          <p className="text-sm text-slate-700" data-testid="chart-suppressed">
            {t("chartSuppressed")}
          </p>
        ) : null}
        <DataTable table={table} empty={empty} />
        {canExport && table.rows.length > 0 ? (
          <ExportLinks org={org} base="cohesion" table={id} query={{ ...exportQuery, ...query }} title={table.title} />
        ) : null}
      </div>
    );
  };
  const indicatorName = t(`indicator.${indicator}`);
  const select = (id: string, name: string, label: string, value: string, options: ReactNode, ltr = false) => (
    <div className="flex max-w-full min-w-0 flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2" dir={ltr ? "ltr" : undefined}>
        {options}
      </select>
    </div>
  );

  return (
    <div className="flex flex-col gap-6">
      <p className="max-w-3xl">{t("intro")}</p>
      {suppressed ? <p className="max-w-3xl rounded border border-amber-600 bg-amber-50 p-3 text-amber-950">{t("suppressionNote")}</p> : null}
      <form method="get" action={pagePath} className="no-print flex flex-wrap items-end gap-3">
        {select("f-village", "village", t("filterVillage"), params.village ?? "", [
          <option key="" value="">
            {t("allVillages")}
          </option>,
          ...dash.villages.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} ({t(`community.${v.community}`)})
            </option>
          )),
        ])}
        {select(
          "f-quarter",
          "quarter",
          t("filterQuarter"),
          dash.quarter ?? "",
          dash.quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          )),
          true,
        )}
        {select(
          "f-indicator",
          "indicator",
          t("chartIndicator"),
          indicator,
          perceptionIndicators.map((i) => (
            <option key={i} value={i}>
              {t(`indicator.${i}`)}
            </option>
          )),
        )}
        <Button type="submit" variant="secondary">
          {t("apply")}
        </Button>
      </form>

      <Card title={dash.tables.trend.title}>
        {section(
          "trend",
          t("noSurveys"),
          { village: params.village },
          {
            title: t("chartTrend", { indicator: indicatorName, place }),
            keys: [`${indicator}_host`, `${indicator}_refugee`],
            series: communities,
          },
        )}
      </Card>

      <Card title={dash.tables.villages.title}>
        {section(
          "villages",
          t("noSurveys"),
          { quarter: dash.quarter },
          {
            title: t("chartVillages", { indicator: indicatorName, quarter: valueInText(dash.quarter ?? "—", locale) }),
            keys: [`${indicator}_host`, `${indicator}_refugee`],
            series: communities,
          },
        )}
      </Card>

      <section className="flex flex-col gap-4" aria-labelledby="records-title">
        <h2 id="records-title" className="text-xl font-semibold">
          {t("records.title")}
        </h2>
        <p className="max-w-3xl">{t("records.definition")}</p>
        <Card title={dash.tables["records-trend"].title}>
          {section(
            "records-trend",
            t("records.noRecords"),
            { village: params.village },
            {
              title: t("chartRepaid", { place }),
              keys: ["repaidSame", "repaidCross"],
              series: relations,
            },
          )}
        </Card>
        <Card title={dash.tables["records-villages"].title}>{section("records-villages", t("records.noGroups"), {})}</Card>
      </section>

      <Card title={t("definitionsTitle")}>
        <p className="mb-3">{t("positiveDefinition")}</p>
        {enterers.length > 0 ? <p className="mb-3">{t("enteredBy", { names: enterers.join(", ") })}</p> : null}
        <dl className="flex flex-col gap-3">
          {indicators.map((i) => (
            <div key={i.code}>
              <dt className="font-medium">{t(`indicator.${i.code}`)}</dt>
              <dd>« {i.question} »</dd>
              <dd className="text-sm text-slate-700">
                {t("scale")} : {i.scale}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
