import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/lib/auth/actions";
import { locales } from "@/lib/i18n/locales";

/** Plain form buttons: switching language needs no client JavaScript. */
export async function LanguageSwitch({ back }: { back: string }) {
  const t = await getTranslations("languages");
  const tc = await getTranslations("common");
  const current = await getLocale();
  return (
    <form action={setLocaleAction} className="flex items-center gap-1" aria-label={tc("language")}>
      <input type="hidden" name="back" value={back} />
      {locales.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-current={l === current ? "true" : undefined}
          className="min-h-11 rounded px-2 py-1 text-sm underline-offset-4 hover:underline aria-[current=true]:font-bold aria-[current=true]:underline"
        >
          {t(l)}
        </button>
      ))}
    </form>
  );
}
