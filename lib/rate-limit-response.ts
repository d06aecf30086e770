import "server-only";
import { createTranslator } from "next-intl";
import { getDb } from "@/db";
import { loadMessages } from "@/lib/i18n/catalogues";
import { dirOf, LOCALE_COOKIE, locales, toLocale, type Locale } from "@/lib/i18n/locales";
import { EXPORT_RULE, exportBucket, hitRateLimit } from "./rate-limit";

/** The locale of a refusal: `lang` if valid, else the interface language's cookie, else French. */
export function refusalLocale(lang: string | null | undefined, cookieHeader: string | null): Locale {
  if (lang && (locales as readonly string[]).includes(lang)) return lang as Locale;
  const m = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(cookieHeader ?? "");
  return toLocale(m?.[1]);
}

/** Where a page over its limit sends the reader (pages cannot answer 429 themselves). */
export const tooManyPath = (retryAfterSeconds: number, locale: Locale) =>
  `/too-many-requests?retry=${Math.max(1, Math.ceil(retryAfterSeconds))}&lang=${locale}`;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** 429 with Retry-After and a plain translated page (or text, for a download). */
export async function tooManyRequests(retryAfterSeconds: number, locale: Locale, as: "html" | "text" = "html"): Promise<Response> {
  const seconds = Math.max(1, Math.min(86_400, Math.ceil(retryAfterSeconds)));
  const messages = await loadMessages(locale);
  const t = createTranslator({ locale, messages: { common: messages.common as Record<string, string> } });
  const title = t("common.tooManyTitle" as never);
  const text = t("common.tooManyText" as never, { minutes: Math.ceil(seconds / 60) } as never);
  const headers = { "Retry-After": String(seconds), "Cache-Control": "no-store" };
  if (as === "text") return new Response(`${title}\n${text}\n`, { status: 429, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  const html = `<!doctype html><html lang="${locale}" dir="${dirOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title></head><body><main id="main"><h1>${escape(title)}</h1><p>${escape(text)}</p></main></body></html>`;
  return new Response(html, { status: 429, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * Count one export by this user in this organisation (downloads and the advocacy sheet), on the
 * primary database; null when it may go ahead, else the 429 to answer.
 */
export async function exportLimit(req: Request, ctx: { user: { id: string }; org: { id: string } }): Promise<Response | null> {
  const d = await hitRateLimit(await getDb(), exportBucket(ctx.user.id, ctx.org.id), EXPORT_RULE);
  if (d.allowed) return null;
  const url = new URL(req.url);
  return tooManyRequests(d.retryAfterSeconds, refusalLocale(url.searchParams.get("lang"), req.headers.get("cookie")), "text");
}
