import { notFound } from "next/navigation";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/catalogues";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup } from "@/lib/groups/queries";
import { loadDailySheet } from "@/lib/till/queries";
import { isIsoDate, today } from "@/lib/dates";
import { formatNumber } from "@/components/groups/ui";
import { Pictogram } from "@/components/prices/pictogram";
import { KindPicture, type TillKind } from "@/components/till/pictograms";

const BLANK_LINES = 6;
const tillKindOf = { sale: "sale", stock_purchase: "purchase", other_expense: "purchase", contribution: "sale" } as const satisfies Record<string, TillKind>;

/**
 * The pictorial daily sheet (issue 17, point 5), one printed A4 page in French or Arabic whatever
 * the interface language: each item by its picture with the morning's stock and boxes for the
 * day's tally, then the money in (green) and out (red) with what is already recorded for the day
 * and blank lines. The paper the manager keeps matches what is entered later.
 */
export default async function DailySheetPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; groupId: string }>;
  searchParams: Promise<{ lang?: string; date?: string }>;
}) {
  const { org: slug, groupId } = await params;
  const sp = await searchParams;
  const lang = sp.lang === "ar" ? "ar" : "fr";
  const date = sp.date && isIsoDate(sp.date) ? sp.date : today();
  const ctx = await requireMember(slug, "groups:read", { manager: true });
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group) return null;
    return { group, ...(await loadDailySheet(tx, group.id, date, lang)) };
  });
  if (!data) notFound();
  const messages = await loadMessages(lang);
  const t = createTranslator({ locale: lang, messages, namespace: "till" } as never) as unknown as (key: string, v?: Record<string, string | number>) => string;
  const n = (v: number) => (
    <span dir="ltr" className="tabular-nums">
      {formatNumber(v, lang)}
    </span>
  );
  const box = <span className="inline-block h-9 w-full min-w-8 border-2 border-slate-700 bg-white" aria-hidden="true" />;
  const ins = data.entries.filter((e) => tillKindOf[e.kind] === "sale");
  const outs = data.entries.filter((e) => tillKindOf[e.kind] === "purchase");
  const totals = (list: typeof data.entries) =>
    Object.entries(list.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.currency]: (acc[e.currency] ?? 0) + e.amount }), {}));
  const money = (title: string, kind: TillKind, list: typeof data.entries, testId: string, border: string) => (
    <section className={`flex flex-col gap-1 border-2 p-2 ${border}`} data-testid={testId}>
      <h2 className="flex items-center gap-2 text-lg font-bold">
        <KindPicture kind={kind} size={40} />
        {title}
      </h2>
      <ul className="flex flex-col">
        {list.map((e, i) => (
          <li key={i} className="flex min-h-9 items-center justify-between gap-2 border-b border-slate-400" data-testid="sheet-entry">
            <span>{e.note}</span>
            <span className="font-bold" dir="ltr">
              {formatNumber(e.amount, lang)} {e.currency}
            </span>
          </li>
        ))}
        {Array.from({ length: BLANK_LINES }, (_, i) => (
          <li key={`blank-${i}`} className="min-h-9 border-b border-slate-400" aria-hidden="true" />
        ))}
      </ul>
      <p className="font-bold">
        {t("sheetTotal")}{" "}
        {totals(list).map(([c, v]) => (
          <span key={c} dir="ltr" className="me-3">
            {formatNumber(v, lang)} {c}
          </span>
        ))}
      </p>
    </section>
  );
  return (
    <article lang={lang} dir={lang === "ar" ? "rtl" : "ltr"} className="mx-auto flex max-w-3xl flex-col gap-3 bg-white p-4 print:p-0" data-testid="daily-sheet">
      <header>
        <h1 className="text-2xl font-bold">
          {t("sheetTitle")} — {data.group.name}
        </h1>
        <p className="text-sm">
          {data.group.village} · <span dir="ltr">{date}</span>
        </p>
      </header>
      <section>
        <h2 className="text-lg font-bold">{t("sheetStock")}</h2>
        {data.items.length === 0 ? (
          <p>{t("sheetNoItems")}</p>
        ) : (
          <table className="w-full table-fixed border-collapse text-start" data-testid="sheet-stock">
            <colgroup>
              <col className="w-2/5" />
              <col />
              <col />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr className="border-b-2 border-slate-800 text-sm break-words">
                <th scope="col" className="p-1 text-start">
                  {t("sheetItem")}
                </th>
                <th scope="col" className="p-1 text-start">
                  {t("sheetMorning")}
                </th>
                <th scope="col" className="p-1 text-start">
                  {t("sheetReceived")}
                </th>
                <th scope="col" className="p-1 text-start">
                  {t("sheetSold")}
                </th>
                <th scope="col" className="p-1 text-start">
                  {t("sheetCounted")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id} className="border-b border-slate-400" data-testid="sheet-item" data-item={i.name}>
                  <th scope="row" className="p-1 text-start font-semibold">
                    <span className="flex items-center gap-1 break-words">
                      <Pictogram name={i.pictogram} size={28} />
                      <span>
                        {i.name} <span className="text-sm font-normal">({i.unit})</span>
                      </span>
                    </span>
                  </th>
                  <td className="p-1 text-xl font-bold" data-testid="sheet-morning">
                    {n(i.morning)}
                  </td>
                  <td className="p-1">{i.received ? n(i.received) : box}</td>
                  <td className="p-1">{i.sold ? n(i.sold) : box}</td>
                  <td className="p-1">{box}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="grid gap-3 sm:grid-cols-2 print:grid-cols-2">
        {money(t("moneyIn"), "sale", ins, "sheet-in", "border-emerald-700")}
        {money(t("moneyOut"), "purchase", outs, "sheet-out", "border-red-700")}
      </div>
      <p className="text-sm">{t("sheetFooter")}</p>
    </article>
  );
}
