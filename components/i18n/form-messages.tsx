import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";

/**
 * The catalogue client forms read (field errors and the server's messages: 11 kB, a third of a
 * small page's RSC payload), given only to pages that have client forms (`withFormMessages`).
 * Pages without forms (dashboards, lists) no longer carry it on every visit.
 */
export async function FormMessages({ children }: { children: ReactNode }) {
  const [locale, messages] = [await getLocale(), await getMessages()];
  return (
    <NextIntlClientProvider locale={locale} messages={{ errors: messages.errors, messages: messages.messages }}>
      {children}
    </NextIntlClientProvider>
  );
}
