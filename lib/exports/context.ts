import "server-only";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { mustSuppress, type Reader } from "@/lib/privacy/suppress";
import type { ExportFilter, ExportMeta } from "./meta";

/**
 * Which disclosure rule a table follows: counts of people (small cells suppressed for some
 * readers), amounts of group activities, or a list of records shown as its page shows them.
 */
export type Disclosure = "counts" | "amounts" | "list";

/**
 * The metadata written into an export, in the file's language: the same disclosure note as the
 * rule the table was built with (`mustSuppress` for this reader, as the page applies it).
 */
export async function exportMeta(o: {
  locale: Locale;
  title: string;
  org: { slug: string; name: string };
  reader: Reader;
  disclosure: Disclosure;
  period?: ExportMeta["period"];
  filters?: ExportFilter[];
}): Promise<ExportMeta> {
  const t = await getTranslations({ locale: o.locale, namespace: "exports" });
  const note =
    o.disclosure === "amounts"
      ? t("noteAmounts")
      : o.disclosure === "list"
        ? t("noteList")
        : mustSuppress(o.reader)
          ? t("noteSuppressed")
          : t("noteNotSuppressed");
  return {
    title: o.title,
    org: o.org,
    locale: o.locale,
    generatedAt: new Date(),
    period: o.period,
    filters: o.filters ?? [],
    note,
    labels: {
      title: t("metaTitle"),
      organisation: t("metaOrganisation"),
      generated: t("metaGenerated"),
      period: t("metaPeriod"),
      filters: t("metaFilters"),
      none: t("metaNone"),
      note: t("metaNote"),
      rows: t("metaRows"),
      aboutSheet: t("aboutSheet"),
    },
  };
}
