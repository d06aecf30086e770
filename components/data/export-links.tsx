import { getLocale, getTranslations } from "next-intl/server";
import { DownloadLinks, type DownloadLink } from "./download-links";

export interface ExportLinksProps {
  /** The tenant's slug: the export routes live under `/[org]/export/…`. */
  org: string;
  /** The export route family under it, e.g. "cohesion" (`/[org]/export/cohesion/[table]`) or "compare". */
  base: string;
  /** The table id, added as the last path segment when the route has one. */
  table?: string;
  /** Further query parameters of the route (filters, a consortium's member…); empty ones are left out. */
  query?: Record<string, string | undefined>;
  /** The table's title, for the links' accessible names. */
  title: string;
}

const variants = [
  { format: "csv", hxl: false },
  { format: "xlsx", hxl: false },
  { format: "csv", hxl: true },
  { format: "xlsx", hxl: true },
] as const;

/**
 * The CSV and XLSX downloads of one dashboard table, with and without the HXL hashtag row, in the
 * reader's language. With JavaScript they show their progress; without, they are plain links.
 */
export async function ExportLinks({ org, base, table, query = {}, title }: ExportLinksProps) {
  const t = await getTranslations("exports");
  const locale = await getLocale();
  const path = `/${org}/export/${base}${table ? `/${table}` : ""}`;
  const links: DownloadLink[] = variants.map(({ format, hxl }) => {
    const q = new URLSearchParams({ format });
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    if (hxl) q.set("hxl", "1");
    q.set("lang", locale);
    const label = hxl ? `${t(format)} ${t("withHxl")}` : t(format);
    return { href: `${path}?${q.toString()}`, label, ariaLabel: `${t("download")} ${label} — ${title}`, testId: `export-${format}${hxl ? "-hxl" : ""}` };
  });
  const texts = {
    download: t("download"),
    progressLabel: `${t("progressLabel")} — ${title}`,
    receiving: t("receiving"),
    receivingRows: t("receivingRows"),
    saved: t("saved"),
    failed: t("failed"),
  };
  return <DownloadLinks links={links} texts={texts} locale={locale} />;
}
