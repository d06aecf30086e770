import { formatNumber } from "@/components/groups/ui";
import { cellText, type CellValue } from "@/lib/exports/table";

/** From a million on, a headline figure is shown compact ("17,1 M XOF"): it fits its card. */
export const COMPACT_FROM = 1_000_000;

/** A number in the reader's locale, compact ("17,1 M", "17.1M", "17,1 مليون"), Western digits. */
export function formatCompact(n: number, locale: string) {
  return new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale, { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/**
 * A headline figure (a card of the dashboard, the inclusion page, the advocacy sheet), with its
 * currency if any. Below a million it is written in full; from a million it is compact on
 * screen, and the exact figure is its title (a tooltip), what a screen reader reads, and its
 * `data-value` (what tests and scripts read).
 */
export function HeadlineNumber({ value, currency, locale, testId }: { value: number; currency?: string; locale: string; testId?: string }) {
  const exact = formatNumber(value, locale);
  const unit = currency ? <> {currency}</> : null;
  if (Math.abs(value) < COMPACT_FROM) {
    return (
      <span dir="ltr" className="tabular-nums" data-testid={testId} data-value={value}>
        <span className="whitespace-nowrap">{exact}</span>
        {unit}
      </span>
    );
  }
  const full = currency ? `${exact} ${currency}` : exact;
  return (
    // `relative`: the screen-reader text is positioned inside the figure, never beside the page.
    <span dir="ltr" className="relative tabular-nums" data-testid={testId} data-value={value} data-compact title={full}>
      <span aria-hidden="true">
        <span className="whitespace-nowrap">{formatCompact(value, locale)}</span>
        {unit}
      </span>
      <span className="sr-only">{full}</span>
    </span>
  );
}

/** A table cell shown as a headline figure: a count compact from a million, else as the table writes it ("<5", a percentage). */
export function FigureCell({ value, locale, testId }: { value: CellValue; locale: string; testId?: string }) {
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= COMPACT_FROM)
    return <HeadlineNumber value={value} locale={locale} testId={testId} />;
  return (
    <span dir="ltr" data-testid={testId}>
      {cellText(value) || "—"}
    </span>
  );
}
