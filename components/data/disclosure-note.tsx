import { getTranslations } from "next-intl/server";
import type { CellValue } from "@/lib/exports/table";
import { HIDDEN, SUPPRESSED } from "@/lib/privacy/suppress";

/**
 * The footnote of a table with hidden cells: what "<5" and "•" mean, for the marks it shows
 * (`cells`), or for both.
 */
export async function DisclosureNote({ cells }: { cells?: readonly CellValue[] }) {
  const t = await getTranslations("disclosure");
  const has = (m: string) => !cells || cells.includes(m);
  if (!has(SUPPRESSED) && !has(HIDDEN)) return null;
  return (
    <p className="mt-2 text-sm text-slate-700" data-testid="disclosure-note">
      {has(SUPPRESSED) ? <span className="me-3">{t("small")}</span> : null}
      {has(HIDDEN) ? <span>{t("hidden")}</span> : null}
    </p>
  );
}
