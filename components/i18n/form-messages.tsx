import type { ReactNode } from "react";
import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";

/**
 * A page with the catalogue its client forms read (field errors and the server's messages: 11 kB,
 * a third of a small page's RSC payload). Only pages with client forms are wrapped:
 *   export default async function Page(props) { return withFormMessages(SomePage(props)); }
 * Pages without forms (dashboards, lists) no longer carry it on every visit. The page is awaited
 * first, so that its notFound() or redirect() is thrown as before.
 */
export async function withFormMessages(page: ReactNode | Promise<ReactNode>) {
  const content = await page;
  const [locale, messages] = [await getLocale(), await getMessages()];
  return (
    <NextIntlClientProvider locale={locale} messages={{ errors: messages.errors as AbstractIntlMessages, messages: messages.messages as AbstractIntlMessages }}>
      {content}
    </NextIntlClientProvider>
  );
}
