import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { AdvocacySheet } from "@/lib/advocacy/sheet";
import { REVENUE_QUARTERS } from "@/lib/advocacy/sheet";
import { cellText, type CellValue } from "@/lib/exports/table";
import type { Locale } from "@/lib/i18n/locales";
import { dateInText } from "@/lib/inclusion/params";
import { SvgBars } from "@/components/charts/svg-bars";
import { formatNumber } from "@/components/groups/ui";
import { FigureCell, HeadlineNumber } from "@/components/ui/headline-number";
import { onePagePrintCss } from "@/components/ui/print-css";

const printCss = onePagePrintCss(
  "advocacy-sheet",
  "10mm",
  "  .advocacy-sheet { max-width: none !important; print-color-adjust: exact; -webkit-print-color-adjust: exact; }\n",
);

/** A share as the dashboards show it ("<5" and missing values as they are), with its unit. */
function Pct({ value, testId }: { value: CellValue; testId: string }) {
  return (
    <span dir="ltr" className="whitespace-nowrap">
      <span data-testid={testId}>{cellText(value) || "—"}</span>
      {typeof value === "number" ? " %" : null}
    </span>
  );
}

/** The one-page A4 advocacy sheet: key figures with numbered notes, three charts, definitions. */
export async function AdvocacySheetView({
  sheet,
  orgName,
  date,
  locale,
  suppressed,
}: {
  sheet: AdvocacySheet;
  orgName: string;
  date: string;
  locale: Locale;
  suppressed: boolean;
}) {
  const t = await getTranslations("advocacy");
  const tDisclosure = await getTranslations("disclosure");
  // Under each chart: the bars it leaves out because the disclosure control hides them.
  const hiddenNote = (items: string) => tDisclosure("chartHidden", { items });
  const d = (iso: string | null) => dateInText(iso ?? "—", locale);
  const { revenue, people, cohesion, charts } = sheet;
  const notes = [
    t("note.revenue", { from: d(revenue.from), to: d(revenue.to) }),
    t("note.groups"),
    t("note.members", { date: d(date) }),
    t("note.disability"),
    t("note.refugees"),
    t("note.managers", { groups: people.cycleGroups }),
    t("note.mixed", { date: d(date), mixed: cohesion.mixedGroups ?? "—" }),
    cohesion.trustQuarter ? t("note.trust", { quarter: d(cohesion.trustQuarter) }) : t("note.noSurvey"),
    t(suppressed ? "note.suppressed" : "note.aggregates"),
  ];
  const figures: [string, ReactNode, number][] = [
    ["revenueXof", <HeadlineNumber key="x" value={revenue.xof} currency="XOF" locale={locale} testId="sheet-revenue-xof" />, 1],
    ["revenueMru", <HeadlineNumber key="m" value={revenue.mru} currency="MRU" locale={locale} testId="sheet-revenue-mru" />, 1],
    ["groups", <HeadlineNumber key="g" value={revenue.groups} locale={locale} testId="sheet-groups" />, 2],
    ["members", <FigureCell key="n" value={people.members} locale={locale} testId="sheet-members" />, 3],
    ["womenPct", <Pct key="w" value={people.womenPct} testId="sheet-womenPct" />, 3],
    ["disabledPct", <Pct key="d" value={people.disabledPct} testId="sheet-disabledPct" />, 4],
    ["refugeesPct", <Pct key="r" value={people.refugeesPct} testId="sheet-refugeesPct" />, 5],
    [
      "disabledManagers",
      <>
        <Pct value={people.disabledManagersPct} testId="sheet-disabledManagersPct" />
        <span className="block text-[10px] font-normal">
          {t("ofMembers", {
            share: typeof people.disabledMembersPct === "number" ? `${people.disabledMembersPct} %` : cellText(people.disabledMembersPct) || "—",
          })}
        </span>
      </>,
      6,
    ],
    ["mixedGroups", <Pct key="x" value={cohesion.mixedPct} testId="sheet-mixedPct" />, 7],
    [
      "trust",
      <span key="t" className="block text-sm">
        {t("community.host")} <Pct value={cohesion.trustHost} testId="sheet-trust-host" />
        {" · "}
        {t("community.refugee")} <Pct value={cohesion.trustRefugee} testId="sheet-trust-refugee" />
      </span>,
      8,
    ],
  ];
  const rtl = locale === "ar";
  return (
    <article
      className="advocacy-sheet mx-auto flex w-full max-w-[190mm] flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4 text-slate-950"
      data-testid="advocacy-sheet"
      lang={locale}
      dir={rtl ? "rtl" : "ltr"}
    >
      <style>{printCss}</style>
      <header className="border-b-2 border-slate-900 pb-1">
        <h1 className="text-xl font-bold leading-tight">{t("title", { org: orgName })}</h1>
        <p className="text-xs text-slate-700">{t("asOf", { date: d(date) })}</p>
      </header>
      <section aria-label={t("figuresLabel")} className="grid grid-cols-2 gap-1.5 sm:grid-cols-5">
        {figures.map(([key, value, note]) => (
          <div key={key} className="flex flex-col justify-between rounded border border-slate-300 p-1.5" data-testid={`sheet-figure-${key}`}>
            <div className="text-[10px] leading-tight text-slate-700">
              {t(`figure.${key}`)}
              <sup className="ms-0.5">{note}</sup>
            </div>
            <div className="text-base font-bold leading-tight tabular-nums">{value}</div>
          </div>
        ))}
      </section>
      <section aria-label={t("chartsLabel")} className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <SvgBars
          id="chart-revenue"
          chart={{ ...charts.revenue, title: t("chart.revenue", { count: REVENUE_QUARTERS }) }}
          headLabel={t("chart.quarter")}
          rtl={rtl}
          empty={t("chart.empty")}
          drawn={1}
          hiddenNote={hiddenNote}
          format={(v) => (typeof v === "number" ? formatNumber(v, locale) : cellText(v))}
        />
        <SvgBars
          id="chart-members"
          chart={{ ...charts.members, title: t("chart.members") }}
          headLabel={t("chart.sex")}
          rtl={rtl}
          empty={t("chart.empty")}
          hiddenNote={hiddenNote}
        />
        <SvgBars
          id="chart-trust"
          chart={{ ...charts.trust, title: t("chart.trust") }}
          headLabel={t("chart.quarter")}
          rtl={rtl}
          empty={t("chart.empty")}
          hiddenNote={hiddenNote}
        />
      </section>
      <footer aria-label={t("notesLabel")} className="border-t border-slate-400 pt-1 text-[9px] leading-snug text-slate-800">
        <ol className="list-decimal ps-4">
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ol>
        <p className="mt-1">{t("source", { org: orgName, date: d(date) })}</p>
      </footer>
    </article>
  );
}
