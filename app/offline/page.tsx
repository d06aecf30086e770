import Link from "next/link";
import { createTranslator } from "next-intl";
import { getTranslations } from "next-intl/server";
import { loadMessages } from "@/lib/i18n/catalogues";
import { dirOf, locales } from "@/lib/i18n/locales";

export async function generateMetadata() {
  const t = await getTranslations("offline");
  return { title: t("title") };
}

/**
 * What the service worker shows for a page it did not keep, without a connection (lib/offline/sw.ts):
 * precached at install, so in the three languages at once (whoever holds the phone reads it), and
 * nothing of any user in it.
 */
export default async function OfflinePage() {
  const texts = await Promise.all(
    locales.map(async (locale) => ({
      locale,
      t: createTranslator({ locale, messages: { offline: (await loadMessages(locale)).offline as Record<string, string> }, namespace: "offline" }),
    })),
  );
  return (
    <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-10" data-testid="offline-page">
      {texts.map(({ locale, t }) => (
        <section key={locale} lang={locale} dir={dirOf(locale)} className="rounded-lg border border-slate-300 bg-white p-4">
          <h1 className="mb-2 text-xl font-semibold">{t("title")}</h1>
          <p className="mb-3 text-slate-700">{t("text")}</p>
          <Link href="/" className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4">
            {t("retry")}
          </Link>
        </section>
      ))}
    </main>
  );
}
