import { getLocale, getTranslations } from "next-intl/server";
import { Table } from "@/components/data/table";
import { withTenantRead } from "@/lib/tenant-db";
import { loadCommuneScope, productName } from "@/lib/prices/page-context";
import { loadDashboard } from "@/lib/prices/dashboard";
import { today } from "@/lib/dates";
import { formatAmount, formatSigned } from "@/lib/prices/format";
import { MIN_TREND_OBSERVATIONS } from "@/lib/prices/stability";
import { Pictogram } from "@/components/prices/pictogram";
import { CommuneNav } from "@/components/prices/commune-nav";
import { TrendChart } from "@/components/prices/trend-chart";
import { Card } from "@/components/ui/card";

type Params = { params: Promise<{ org: string; commune: string }> };

/** Agreed prices against observed market medians per place, stability alerts, notice discipline (public decisions). */
export default async function PriceDashboard({ params }: Params) {
  const { org, commune } = await params;
  const scope = await loadCommuneScope(org, commune);
  const d = await withTenantRead(scope.ctx, (tx) => loadDashboard(tx, scope.commune.id, today()));
  const t = await getTranslations("prices");
  const locale = await getLocale();
  const pct = d.increases.total ? Math.round((d.increases.onTime / d.increases.total) * 100) : 100;
  const num = (v: number | null, currency: string) => (v === null ? t("none") : formatAmount(v, currency, locale));

  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="dashboard" />
      <h1 className="text-2xl font-semibold">{t("dashboard")}</h1>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("onTimeShare")}>
          <p className="text-3xl font-bold tabular-nums" data-testid="on-time-share">
            {t("onTimeValue", { onTime: d.increases.onTime, total: d.increases.total, pct })}
          </p>
        </Card>
        <Card title={t("noticesPerVillage")}>
          {d.perVillage.length === 0 ? <p>{t("noNotices")}</p> : null}
          <ul className="grid grid-cols-2 gap-1" data-testid="notices-per-village">
            {d.perVillage.map((v) => (
              <li key={v.village}>
                {v.village} : <span className="font-semibold tabular-nums">{v.notices}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title={t("alerts", { pct: d.thresholdPct })}>
        <p className="mb-2 text-sm text-slate-700">{t("alertsRule", { min: MIN_TREND_OBSERVATIONS })}</p>
        {d.alerts.length === 0 ? <p>{t("noAlerts")}</p> : null}
        <ul className="flex flex-col gap-1" data-testid="stability-alerts">
          {d.alerts.map((a) => (
            <li key={`${a.product.id}-${a.placeId}-${a.month}`} className="rounded border border-amber-600 bg-amber-50 px-2 py-1">
              <Pictogram name={a.product.pictogram} />
              <strong>{productName(a.product, locale)}</strong> · {a.place} · <span dir="ltr">{a.month}</span> : {t("median")} {num(a.median, a.currency)} /{" "}
              {t("trailing")} {num(a.trailingMedian, a.currency)} ({formatSigned(a.changePct ?? 0, locale)} %)
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("sellingVsMarket")}>
        <p className="mb-2 text-sm text-slate-700">{t("chart")}</p>
        <div className="flex flex-col gap-2" data-testid="price-series">
          {d.series.map((s) => (
            <details key={s.product.id} className="rounded border border-slate-200 p-2">
              <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-3">
                <span className="font-medium">
                  <Pictogram name={s.product.pictogram} />
                  {productName(s.product, locale)}
                </span>
                {s.places.some((pl) => pl.points.some((p) => p.isAlert)) ? <span className="rounded bg-amber-200 px-2 text-sm">{t("alert")}</span> : null}
              </summary>
              {s.places.length === 0 ? <p className="p-1">{t("noObservations")}</p> : null}
              {s.places.map((pl) => (
                <div key={pl.placeId} className="mt-2" data-testid="price-series-place">
                  <h3 className="flex flex-wrap items-center gap-3 font-medium">
                    {pl.place}
                    <TrendChart points={pl.points} label={`${productName(s.product, locale)}, ${pl.place} — ${t("chart")}`} />
                  </h3>
                  <Table
                    caption={`${productName(s.product, locale)}, ${pl.place}`}
                    captionHidden
                    head={[
                      t("month"),
                      { label: t("agreed"), numeric: true },
                      { label: t("median"), numeric: true },
                      { label: t("trailing"), numeric: true },
                      { label: t("change"), numeric: true },
                    ]}
                  >
                    {pl.points.map((p) => (
                      <tr key={p.month} className={`${p.isAlert ? "bg-amber-50 font-semibold" : ""}`}>
                        <td dir="ltr">{p.month}</td>
                        <td className="num">{num(p.agreed, s.currency)}</td>
                        <td className="num">{num(p.median, s.currency)}</td>
                        <td className="text-end tabular-nums">
                          {num(p.trailingMedian, s.currency)}
                          {p.trailingMedian !== null ? (
                            <span className="text-sm font-normal text-slate-700"> ({t("observationCount", { n: p.trailingCount })})</span>
                          ) : null}
                        </td>
                        <td className="text-end tabular-nums">{p.changePct === null ? t("none") : `${formatSigned(p.changePct, locale)} %`}</td>
                      </tr>
                    ))}
                  </Table>
                </div>
              ))}
            </details>
          ))}
        </div>
      </Card>
    </div>
  );
}
