import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { getSessionDetail } from "@/lib/prices/queries";
import { productName } from "@/lib/prices/page-context";
import { formatAmount } from "@/lib/prices/format";
import { localDate, localStamp } from "@/lib/dates";
import { storedQuorum } from "@/lib/prices/quorum";
import { SpecForm, type FieldSpec } from "./spec-form";
import { valueInText, valuesInText } from "@/lib/i18n/isolate";

type Session = NonNullable<Awaited<ReturnType<typeof getSessionDetail>>>;

/**
 * The decisions of a session: each with its notice and the quorum it was taken under; withdrawn
 * ones stay listed with their reason. While the session is a draft, its editors correct (a new
 * decision in its place) or withdraw each live decision.
 */
export async function SessionDecisions({
  session,
  org,
  base,
  canEdit,
  noticeFields,
}: {
  session: Session;
  org: string;
  base: string;
  canEdit: boolean;
  /** The fields of a decision form (supplier, prices, date, channels, villages), labels translated. */
  noticeFields: (defaults: {
    supplierId: string;
    purchasePrice: string;
    sellingPrice: string;
    effectiveOn: string;
    channels: string[];
    villages: string[];
  }) => FieldSpec[];
}) {
  const t = await getTranslations("prices");
  const tc = await getTranslations("prices.constituencies");
  const locale = await getLocale();
  const correctedBy = new Map(session.decisions.flatMap(({ price }) => (price.correctsId ? [[price.correctsId, price] as const] : [])));
  return (
    <ul className="flex flex-col gap-2" data-testid="decision-list">
      {session.decisions.map(({ price, product, notice, villages }) => {
        const q = storedQuorum(price);
        const isWithdrawn = price.withdrawnAt !== null;
        return (
          <li key={price.id} className={`border-t border-slate-200 py-2 ${isWithdrawn ? "text-slate-600" : ""}`} data-testid={`decision-${price.id}`}>
            <p className={isWithdrawn ? "line-through" : ""}>
              <Link href={`${base}/products/${product.id}`} className="underline underline-offset-4">
                {productName(product, locale)}
              </Link>{" "}
              : {formatAmount(price.sellingPrice, price.currency, locale)} ({t("purchasePrice")} {formatAmount(price.purchasePrice, price.currency, locale)}),{" "}
              {t("fromDate", valuesInText({ date: price.effectiveOn }, locale))}
            </p>
            {isWithdrawn ? (
              <p className="text-sm" data-testid="decision-withdrawn">
                {correctedBy.has(price.id) ? t("decisionCorrected") : t("decisionWithdrawn")} ({localStamp(price.withdrawnAt!)}) : {price.withdrawReason}
              </p>
            ) : null}
            {price.correctsId ? <p className="text-sm">{t("correctionOf")}</p> : null}
            <p className="text-sm text-slate-700">
              {notice
                ? t("noticeLine", {
                    date: valueInText(localDate(notice.recordedAt), locale),
                    channels: notice.channels.map((c) => t(`channel.${c}`)).join(", "),
                    villages: villages.map((v) => v.name).join(", "),
                  })
                : t("noNoticeLine")}
            </p>
            <p className="text-sm text-slate-700" data-testid="decision-quorum">
              {t("decisionQuorum")} : {q.isQuorate ? t("quorate") : t("notQuorate")} —{" "}
              {q.missing.length === 0 ? null : `${t("missing", { list: q.missing.map((c) => tc(c)).join(", ") })} — `}
              {Object.entries(q.counts)
                .map(([c, n]) => `${tc(c as never)} ${n}/${q.minima[c as keyof typeof q.minima]}`)
                .join(" · ")}
            </p>
            {canEdit && !isWithdrawn ? (
              <div className="mt-1 flex flex-col">
                <SpecForm
                  form="correctDecision"
                  org={org}
                  testId={`correct-${price.id}`}
                  disclosure={t("correctDisclosure")}
                  hidden={{ intent: "correct", sessionId: session.id, decisionId: price.id, currency: price.currency }}
                  submit={t("correct")}
                  fields={[
                    ...noticeFields({
                      supplierId: price.supplierId ?? "",
                      purchasePrice: String(price.purchasePrice),
                      sellingPrice: String(price.sellingPrice),
                      effectiveOn: price.effectiveOn,
                      channels: notice?.channels ?? [],
                      villages: villages.map((v) => v.id),
                    }),
                    { name: "reason", label: t("reason"), kind: "text" },
                  ]}
                />
                <SpecForm
                  form="withdrawDecision"
                  org={org}
                  testId={`withdraw-${price.id}`}
                  disclosure={t("withdrawDisclosure")}
                  hidden={{ intent: "withdraw", sessionId: session.id, decisionId: price.id }}
                  submit={t("withdraw")}
                  variant="danger"
                  fields={[{ name: "reason", label: t("reason"), kind: "text" }]}
                />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
