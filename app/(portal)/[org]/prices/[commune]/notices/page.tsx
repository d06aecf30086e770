import { getLocale, getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope, productName } from "@/lib/prices/page-context";
import { listNotices } from "@/lib/prices/queries";
import { formatAmount } from "@/lib/prices/format";
import { isAnnouncedOnTime } from "@/lib/prices/notice";
import { localDate } from "@/lib/dates";
import { readPageRequest } from "@/lib/pagination";
import { Pager } from "@/components/data/pager";
import { CommuneNav } from "@/components/prices/commune-nav";
import { valuesInText } from "@/lib/i18n/isolate";

type Params = { params: Promise<{ org: string; commune: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Notices of price changes: when, how and where each was announced; in pages. */
export default async function NoticesPage({ params, searchParams }: Params) {
  const { org, commune } = await params;
  const sp = await searchParams;
  const scope = await loadCommuneScope(org, commune);
  // Each notice is judged on the period in force when it was recorded (stored with it).
  const notices = await withTenant(scope.ctx, (tx) => listNotices(tx, scope.commune.id, readPageRequest(sp)));
  const t = await getTranslations("prices");
  const locale = await getLocale();
  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="notices" />
      <h1 className="text-2xl font-semibold">{t("notices")}</h1>
      {notices.rows.length === 0 ? <p>{t("noNotices")}</p> : null}
      <ul className="flex flex-col gap-3" data-testid="notice-list">
        {notices.rows.map(({ notice, price, product, villages }) => (
          <li key={notice.id} className="rounded-lg border border-slate-300 bg-white p-3">
            <p className="font-semibold">
              {productName(product, locale)} : {formatAmount(price.sellingPrice, price.currency, locale)}{" "}
              {t("fromDate", valuesInText({ date: notice.effectiveOn }, locale))} · {notice.isIncrease ? t("increase") : t("decrease")}
              {notice.isIncrease ? ` · ${isAnnouncedOnTime(notice.recordedAt, price.effectiveOn, notice.noticeDays) ? t("onTime") : t("late")}` : ""}
            </p>
            <p>
              {t("noticeRecorded")} <span dir="ltr">{localDate(notice.recordedAt)}</span> · {t("channels")} :{" "}
              {notice.channels.map((c) => t(`channel.${c}`)).join(", ")}
            </p>
            <p className="text-sm text-slate-700">
              {t("villages")} : {villages.length ? villages.map((v) => v.name).join(", ") : t("none")}
            </p>
          </li>
        ))}
      </ul>
      <Pager path={`${scope.base}/notices`} searchParams={sp} page={notices} />
    </div>
  );
}
