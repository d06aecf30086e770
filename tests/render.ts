/**
 * A page function's output as the HTML a reader gets: server components (async too) and client
 * components rendered by React's static renderer, with the same catalogues as the portal.
 */
import { createElement, type ReactNode } from "react";
import { prerender } from "react-dom/static";
import { NextIntlClientProvider } from "next-intl";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { loadMessages } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";

const noop = () => {};
const staticRouter: AppRouterInstance = {
  back: noop,
  forward: noop,
  refresh: noop,
  push: noop,
  replace: noop,
  prefetch: noop,
  bfcacheId: "_b_0_",
};

export async function renderHtml(node: unknown, locale: Locale = "fr"): Promise<string> {
  const messages = await loadMessages(locale);
  // eslint-disable-next-line react/no-children-prop -- the provider's props type requires children
  const intl = createElement(NextIntlClientProvider, { locale, messages: messages as never, timeZone: "UTC", children: node as ReactNode });
  // Pages render inside the App Router, whose context client components read (useRouter): one
  // that does nothing here, since nothing navigates in a static render.
  const tree = createElement(AppRouterContext.Provider, { value: staticRouter }, intl);
  const { prelude } = await prerender(tree);
  return new Response(prelude as ReadableStream).text();
}

/** The visible text of the elements carrying data-testid=`id`, in document order. */
export function textsOf(html: string, id: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<(\\w+)[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, "g");
  for (const m of html.matchAll(re))
    out.push(
      m[2]
        .replace(/<[^>]+>/g, " ")
        .replace(/&#x27;/g, "'")
        .replace(/&amp;/g, "&")
        .replace(/\s+/g, " ")
        .trim(),
    );
  return out;
}
