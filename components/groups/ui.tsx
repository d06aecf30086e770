import type { ReactNode } from "react";
import Link from "next/link";
import { searchParam, type SearchParams } from "@/lib/search-params";

/** An amount, always with its currency; `dir=ltr` keeps digits and code in order in Arabic. */
export function Money({ amount, currency, locale, testId }: { amount: number; currency: string; locale: string; testId?: string }) {
  return (
    // .money (app/globals.css): tabular figures; the figure never breaks, its currency goes to the
    // next line when the card is narrow. A class rule, not utilities on every amount of a table.
    <span dir="ltr" className="money" data-testid={testId} data-value={amount}>
      <span>{formatNumber(amount, locale)}</span> {currency}
    </span>
  );
}

/** Numbers in the locale's grouping, with Western digits (as used in Mauritania). */
export function formatNumber(n: number, locale: string) {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale, { maximumFractionDigits: 0 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}
/** One formatter per locale: building one costs more than formatting a table's amounts. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A GET filter form: works without JavaScript, the URL keeps the filters. */
export function FilterForm({ children, apply, action }: { children: ReactNode; apply: string; action?: string }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-3 [&>*]:max-w-full">
      {children}
      <button type="submit" className="min-h-11 rounded-md bg-emerald-800 px-4 py-2 font-medium text-white">
        {apply}
      </button>
    </form>
  );
}

export function FilterSelect({
  name,
  label,
  value,
  options,
  all,
  hint,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  all: string;
  /** A line under the list (why it is short, what to choose first). */
  hint?: string;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} aria-describedby={hintId} className="min-h-11 rounded-md border border-slate-400 bg-white px-2">
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <span id={hintId} className="text-xs text-slate-700">
          {hint}
        </span>
      ) : null}
    </label>
  );
}

export function FilterDate({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <input type="date" name={name} defaultValue={value ?? ""} dir="ltr" className="min-h-11 rounded-md border border-slate-400 bg-white px-2" />
    </label>
  );
}

export function TextLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  return (
    // No prefetch: a list's fifty links would each fetch their page on a 2G connection.
    <Link href={href} prefetch={false} className="text-emerald-900 underline underline-offset-4" data-testid={testId}>
      {children}
    </Link>
  );
}

export const activityName = (a: { nameFr: string; nameAr: string; nameEn: string }, locale: string) =>
  locale === "ar" ? a.nameAr : locale === "en" ? a.nameEn : a.nameFr;

/** First value of a search parameter, read like a form field (lib/search-params.ts): hostile values are none. */
export const param = (sp: SearchParams, k: string) => searchParam(sp, k);
