"use client";
import { useTranslations } from "next-intl";

/** No stack trace reaches the user: a translated message and a retry. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main id="main" className="mx-auto flex max-w-md flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("internal")}</h1>
      <button type="button" onClick={reset} className="min-h-11 self-start rounded border border-slate-500 px-4 py-2">
        {t("retry")}
      </button>
    </main>
  );
}
