import "server-only";
import { getLocale } from "next-intl/server";
import { locales, toLocale, type Locale } from "@/lib/i18n/locales";
import { exportFormats, type ExportFormat } from "./response";
import type { KeysetRequest } from "./table";

export interface ExportRequest {
  format: ExportFormat;
  /** Labels' language: `lang`, or the reader's interface language. */
  locale: Locale;
  /** With the HXL hashtag row. */
  hxl: boolean;
  /** One page of a long table by its keyset (the read-only API), instead of the whole table. */
  page?: KeysetRequest;
}

/** The common query parameters of a download; null for an unknown format (answer "not found"). */
export async function exportRequest(sp: URLSearchParams): Promise<ExportRequest | null> {
  const format = sp.get("format") ?? "csv";
  if (!(exportFormats as readonly string[]).includes(format)) return null;
  const lang = sp.get("lang");
  const locale = lang && (locales as readonly string[]).includes(lang) ? (lang as Locale) : toLocale(await getLocale());
  return { format: format as ExportFormat, locale, hxl: sp.get("hxl") === "1" };
}
