import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { chartData, loadInclusionDashboard, type InclusionTableId } from "@/lib/inclusion/dashboard";
import { breakdowns } from "@/lib/inclusion/breakdowns";
import { dateInText, inclusionParams } from "@/lib/inclusion/params";
import type { Labels } from "@/lib/inclusion/tables";
import { cellOf, cellText, hiddenPoints } from "@/lib/exports/table";
import { ChartHiddenNote } from "@/components/charts/hidden-note";
import { mustSuppress, readerOf } from "@/lib/privacy/suppress";
import { LazyGroupedBars } from "@/components/charts/lazy-grouped-bars";
import { TableCard } from "@/components/inclusion/table-card";
import { Card } from "@/components/ui/card";
import { FigureCell } from "@/components/ui/headline-number";
import { FilterDate, FilterForm, TextLink } from "@/components/groups/ui";

export async function generateMetadata() {
  return { title: (await getTranslations("inclusion"))("title") };
}

export default async function InclusionPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:read");
  const p = inclusionParams(await searchParams);
  const [t, locale] = [await getTranslations("inclusion"), await getLocale()];
  const reader = readerOf(ctx);
  const dash = await withTenantRead(ctx, (tx) => loadInclusionDashboard(tx, ctx.org, reader, p, t as unknown as Labels, locale));
  const { tables } = dash;
  const exportTo = ctx.can("exports:read") ? { org: slug, base: "inclusion", query: { by: p.by, on: p.on } } : undefined;
  const card = (id: InclusionTableId, extra: Partial<Parameters<typeof TableCard>[0]> = {}) =>
    tables[id] ? <TableCard key={id} table={tables[id]} exportTo={exportTo && { ...exportTo, table: id }} empty={t("empty")} {...extra} /> : null;
  const chart = (id: InclusionTableId, rows: number[], keys: string[], stacked: boolean, unit: string) => {
    const table = tables[id]!;
    const series = keys.map((k) => table.columns.find((c) => c.key === k)!.label);
    // Hidden values are not drawn; the caption names them.
    return (
      <>
        <LazyGroupedBars data={chartData(table, rows, keys)} series={series} stacked={stacked} unit={unit} locale={locale} rtl={locale === "ar"} />
        <ChartHiddenNote items={hiddenPoints(table, rows, keys)} />
      </>
    );
  };
  const figures: [string, InclusionTableId, string][] = [
    ["members", "sex", "members"],
    ["womenPct", "sex", "womenPct"],
    ["disabledPct", "disability", "disabledPct"],
    ["refugeesPct", "status", "refugeesPct"],
    ["neverIncluded", "participation-by", "neverIncluded"],
    ["withoutAid", "aid-gap", "disabledWithoutAid"],
  ];
  const count = (id: InclusionTableId, key: string) => cellText(cellOf(tables[id], key));
  // Names only for readers allowed to see people; the others get the (suppressed) count.
  const personCard = (id: InclusionTableId, title: string, text: string, testId: string) => {
    const line = <p data-testid={testId}>{text}</p>;
    return (
      card(id, { children: line }) ?? (
        <Card title={title}>
          {line}
          <p className="text-sm text-slate-700">{t("namesHidden")}</p>
        </Card>
      )
    );
  };
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("intro")}</p>
        {ctx.can("exports:read") ? (
          <p className="mt-2">
            <TextLink href={`/${slug}/advocacy`} testId="advocacy-link">
              {(await getTranslations("advocacy"))("linkFromInclusion")}
            </TextLink>
          </p>
        ) : null}
      </div>
      {mustSuppress(reader) ? <p className="max-w-3xl rounded border border-amber-600 bg-amber-50 p-3 text-amber-950">{t("suppressionNote")}</p> : null}
      <FilterForm apply={t("apply")}>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("filterBy")}</span>
          <select name="by" defaultValue={p.by} className="min-h-11 rounded-md border border-slate-400 bg-white px-2">
            {breakdowns.map((b) => (
              <option key={b} value={b}>
                {t(`by.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <FilterDate name="on" label={t("filterDate")} value={p.on} />
      </FilterForm>
      <p className="text-sm" data-testid="reference-date">
        {t("def.reference", { date: dateInText(p.on, locale) })}
      </p>
      <section className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t("section.profile")}>
        {figures.map(([label, id, key]) => (
          <div key={label} className="min-w-0 rounded-lg border border-slate-300 bg-white p-3">
            <div className="text-sm text-slate-700">{t(`figure.${label}`)}</div>
            <div className="text-2xl font-bold tabular-nums" dir="ltr" data-testid={`figure-${label}`} data-figure>
              <FigureCell value={cellOf(tables[id], key)} locale={locale} />
            </div>
          </div>
        ))}
      </section>
      {card("sex-disability", {
        chart: chart("sex-disability", [0, 1], ["disabled", "noDisability", "wgUnknown", "tooYoung"], true, ""),
        children: <p className="text-sm">{t("chartNote")}</p>,
      })}
      {card("sex")}
      {card("age")}
      {card("disability")}
      {card("domains")}
      {card("status")}
      {card("participation", {
        chart: chart("participation", [0, 2], ["shareOfMembers", "shareOfManagers"], false, "%"),
        children: (
          <p className="text-sm" data-testid="cycle-coverage">
            {t("cycleCoverage", { cycleGroups: dash.total.cycleGroups, groups: dash.total.groups })}
          </p>
        ),
      })}
      {card("participation-by")}
      {personCard("never-included", t("table.neverIncluded"), t("neverCount", { count: count("participation-by", "neverIncluded") }), "never-count")}
      {card("aids")}
      {card("aid-gap")}
      {personCard(
        "without-aid",
        t("table.withoutAid", { date: dateInText(p.on, locale) }),
        t("withoutAidCount", { count: count("aid-gap", "disabledWithoutAid") }),
        "without-aid-count",
      )}
      <Card title={t("section.definitions")}>
        <ul className="flex max-w-3xl list-disc flex-col gap-2 ps-5" data-testid="definitions">
          {(["cutoff", "cycle", "never", "aids", "places"] as const).map((k) => (
            <li key={k}>{t(`def.${k}`)}</li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
