import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

/**
 * The search box of a list: a GET form (works without JavaScript), the query in `?q=`, the list's
 * other filters carried as hidden fields so a search narrows the filtered list; a new search
 * starts again from the first page (no cursor is carried).
 */
export async function SearchBox({
  q,
  hint,
  keep = {},
  action,
  children,
}: {
  q?: string;
  hint: string;
  keep?: Record<string, string | undefined>;
  action?: string;
  children?: ReactNode;
}) {
  const t = await getTranslations("search");
  return (
    <form method="get" action={action} role="search" className="flex flex-wrap items-end gap-2" data-testid="search-form">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
        <span className="font-medium">{t("label")}</span>
        <input
          type="search"
          name="q"
          defaultValue={q ?? ""}
          maxLength={100}
          dir="auto"
          placeholder={t("placeholder")}
          aria-describedby="search-hint"
          className="min-h-11 w-full rounded-md border border-slate-400 bg-white px-2"
          data-testid="search-input"
        />
        <span id="search-hint" className="text-slate-700">
          {hint}
        </span>
      </label>
      <button type="submit" className="min-h-11 rounded-md bg-emerald-800 px-4 py-2 font-medium text-white">
        {t("submit")}
      </button>
      {children}
    </form>
  );
}
