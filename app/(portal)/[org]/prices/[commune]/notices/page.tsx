import { getLocale, getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope, productName } from "@/lib/prices/page-context";
import { listNotices } from "@/lib/prices/queries";
import { getSettings } from "@/lib/prices/records";
import { formatAmount } from "@/lib/prices/format";
import { isAnnouncedOnTime } from "@/lib/prices/notice";
import { CommuneNav } from "@/components/prices/commune-nav";

type Params = { params: Promise<{ org: string; commune: string }> };

/** Notices of price changes: when, how and where each was announced. */
export default async function NoticesPage({ params }: Params) {
  const { org, commune } = await params;
  const scope = await loadCommuneScope(org, commune);
  const { notices, settings } = await withTenant(scope.ctx, async (tx) => ({
    notices: await listNotices(tx, scope.commune.id),
    settings: await getSettings(tx, scope.commune.id),
  }));
  const t = await getTranslations("prices");
  const locale = await getLocale();
  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="notices" />
      <h1 className="text-2xl font-semibold">{t("notices")}</h1>
      {notices.length === 0 ? <p>{t("noNotices")}</p> : null}
      <ul className="flex flex-col gap-3" data-testid="notice-list">
        {notices.map(({ notice, price, product, villages }) => (
          <li key={notice.id} className="rounded-lg border border-slate-300 bg-white p-3">
            <p className="font-semibold">
              {productName(product, locale)} : {formatAmount(price.sellingPrice, price.currency, locale)} {t("fromDate", { date: notice.effectiveOn })} ·{" "}
              {notice.isIncrease ? t("increase") : t("decrease")}
              {notice.isIncrease ? ` · ${isAnnouncedOnTime(notice.publishedOn, notice.effectiveOn, settings.noticeDays) ? t("onTime") : t("late")}` : ""}
            </p>
            <p>
              {t("publishedOn")} <span dir="ltr">{notice.publishedOn}</span> · {t("channels")} : {notice.channels.map((c) => t(`channel.${c}`)).join(", ")}
            </p>
            <p className="text-sm text-slate-700">
              {t("villages")} : {villages.length ? villages.map((v) => v.name).join(", ") : t("none")}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
