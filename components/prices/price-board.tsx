import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/catalogues";
import { productName, unitOf } from "@/lib/prices/page-context";
import { boardDigitsOf, formatBoardNumber, type BoardDigits } from "@/lib/prices/format";
import type { listBoard } from "@/lib/prices/queries";
import { onePagePrintCss } from "@/components/ui/print-css";
import { Pictogram } from "./pictogram";

export type BoardLang = "ar" | "fr";
export const toBoardLang = (v: string | undefined, fallback: string): BoardLang => (v === "ar" || v === "fr" ? v : fallback === "ar" ? "ar" : "fr");

const printCss = onePagePrintCss("price-board", "8mm", "  .price-board-item { break-inside: avoid; }\n");

/**
 * The printable price board of a commune on a date, in Arabic or French: pictogram, name,
 * large price, and the announced change with its date. Fits one A4 page.
 */
export async function PriceBoard({
  communeName,
  date,
  lang,
  items,
  noticeDays,
  digits = "latn",
}: {
  communeName: string;
  date: string;
  lang: BoardLang;
  items: Awaited<ReturnType<typeof listBoard>>;
  noticeDays: number;
  /** The commune's choice of digits for its Arabic board. */
  digits?: BoardDigits;
}) {
  // The board's language is chosen per board, independently of the reader's interface language.
  const messages = await loadMessages(lang);
  const tr = createTranslator({ locale: lang, messages: { priceBoard: messages.priceBoard as Record<string, string> } });
  const t = (key: string, values?: Record<string, string | number>) => tr(`priceBoard.${key}` as never, values as never);
  const n = (v: number) => formatBoardNumber(v, lang, digits);
  const d = (text: string) => boardDigitsOf(text, lang, digits);
  // Currency names in the board's language (أوقية, فرنك; ouguiyas, F CFA), not ISO codes.
  const currencyName = (code: string) => t(`currency.${code}`);
  return (
    <section
      lang={lang}
      dir={lang === "ar" ? "rtl" : "ltr"}
      className="price-board rounded-lg border border-slate-300 bg-white p-4 text-slate-950"
      data-testid="price-board"
    >
      <style>{printCss}</style>
      <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-slate-900 pb-1">
        <h1 className="text-3xl font-bold">{t("title", { commune: communeName })}</h1>
        <p className="text-xl font-semibold">
          {t("asOf")}
          <span dir="ltr">{d(date)}</span>
        </p>
      </header>
      <ul className="grid grid-cols-1 gap-x-3 gap-y-1 sm:grid-cols-2 print:grid-cols-2">
        {items.map(({ product, current, next }) => (
          <li key={product.id} className="price-board-item flex flex-wrap items-center gap-2 border-b border-slate-300 py-1.5" data-testid="board-item">
            <Pictogram name={product.pictogram} size={46} />
            <div className="min-w-0 flex-1">
              <p className="text-xl font-bold leading-tight break-words sm:truncate">{productName(product, lang)}</p>
              <p className="text-xs leading-tight text-slate-700">{unitOf(product, lang)}</p>
            </div>
            <div className="ms-auto max-w-full text-end leading-tight">
              <p className="text-3xl font-extrabold whitespace-nowrap tabular-nums sm:text-4xl" dir="ltr">
                {current ? n(current.sellingPrice) : t("noPrice")}
                {current ? (
                  <span className="ms-1 text-sm font-semibold" data-currency={current.currency}>
                    {currencyName(current.currency)}
                  </span>
                ) : null}
              </p>
              {next ? (
                <p className="rounded bg-amber-200 px-1 text-sm font-bold" data-testid="board-upcoming">
                  {t("upcoming")}{" "}
                  <span dir="ltr" className="tabular-nums">
                    {n(next.sellingPrice)}
                  </span>{" "}
                  {t("from")}
                  <span dir="ltr">{d(next.effectiveOn)}</span>
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm">{t("footer", { days: d(String(noticeDays)) })}</p>
    </section>
  );
}
