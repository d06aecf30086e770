import { getLocale, getTranslations } from "next-intl/server";
import type { CohesionDashboard, DashboardParams } from "@/lib/cohesion/dashboard";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { DataTable, ExportLinks } from "@/components/data/data-table";

export interface IndicatorText {
  code: string;
  question: string;
  scale: string;
}

/**
 * The cohesion dashboard body: filters, the trend and village tables with their downloads, and
 * the indicators' exact questions. Used by the tenant's page and by a consortium's drill-down.
 */
export async function CohesionDashboardView({
  dash,
  params,
  pagePath,
  exportPath,
  exportQuery = {},
  canExport,
  suppressed,
  enterers,
  indicators,
}: {
  dash: CohesionDashboard;
  params: DashboardParams;
  pagePath: string;
  /** Export route of this dashboard, without the table id; its query string is added here. */
  exportPath: (table: string) => string;
  /** Extra export parameters, e.g. the consortium member drilled into. */
  exportQuery?: Record<string, string>;
  canExport: boolean;
  suppressed: boolean;
  enterers: string[];
  indicators: IndicatorText[];
}) {
  const t = await getTranslations("cohesion");
  const te = await getTranslations("exports");
  const locale = await getLocale();
  const exportHref = (table: string, extra: Record<string, string | undefined>) => (format: "csv" | "xlsx", hxl: boolean) => {
    const q = new URLSearchParams();
    q.set("format", format);
    for (const [k, v] of Object.entries({ ...exportQuery, ...extra })) if (v) q.set(k, v);
    if (hxl) q.set("hxl", "1");
    q.set("lang", locale);
    return `${exportPath(table)}?${q.toString()}`;
  };
  const labels = { download: te("download"), csv: te("csv"), xlsx: te("xlsx"), withHxl: te("withHxl") };
  return (
    <div className="flex flex-col gap-6">
      <p className="max-w-3xl">{t("intro")}</p>
      {suppressed ? <p className="max-w-3xl rounded border border-amber-600 bg-amber-50 p-3 text-amber-950">{t("suppressionNote")}</p> : null}
      <form method="get" action={pagePath} className="no-print flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="f-village" className="font-medium">{t("filterVillage")}</label>
          <select id="f-village" name="village" defaultValue={params.village ?? ""} className="rounded-md border border-slate-400 bg-white px-3 py-2">
            <option value="">{t("allVillages")}</option>
            {dash.villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name} ({t(`community.${v.community}`)})
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-quarter" className="font-medium">{t("filterQuarter")}</label>
          <select id="f-quarter" name="quarter" defaultValue={dash.quarter ?? ""} className="rounded-md border border-slate-400 bg-white px-3 py-2" dir="ltr">
            {dash.quarters.map((q) => (
              <option key={q} value={q}>{q}</option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">{t("apply")}</Button>
      </form>

      <Card title={dash.tables.trend.title}>
        <div className="flex flex-col gap-3">
          <DataTable table={dash.tables.trend} empty={t("noSurveys")} />
          {canExport && dash.tables.trend.rows.length > 0 ? (
            <ExportLinks href={exportHref("trend", { village: params.village })} labels={labels} tableTitle={dash.tables.trend.title} />
          ) : null}
        </div>
      </Card>

      <Card title={dash.tables.villages.title}>
        <div className="flex flex-col gap-3">
          <DataTable table={dash.tables.villages} empty={t("noSurveys")} />
          {canExport && dash.tables.villages.rows.length > 0 ? (
            <ExportLinks href={exportHref("villages", { quarter: dash.quarter })} labels={labels} tableTitle={dash.tables.villages.title} />
          ) : null}
        </div>
      </Card>

      <Card title={t("definitionsTitle")}>
        <p className="mb-3">{t("positiveDefinition")}</p>
        {enterers.length > 0 ? <p className="mb-3">{t("enteredBy", { names: enterers.join(", ") })}</p> : null}
        <dl className="flex flex-col gap-3">
          {indicators.map((i) => (
            <div key={i.code}>
              <dt className="font-medium">{t(`indicator.${i.code}`)}</dt>
              <dd>« {i.question} »</dd>
              <dd className="text-sm text-slate-700">{t("scale")} : {i.scale}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
