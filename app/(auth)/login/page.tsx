import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/forms/sign-in-form";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { getCurrentUser } from "@/lib/auth/session";
import { withFormMessages } from "@/components/i18n/form-messages";
import { ForgetPages } from "@/components/offline/forget-pages";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

async function LoginPage() {
  if (await getCurrentUser()) redirect("/");
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  return (
    <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-10">
      <ForgetPages />
      <div className="flex justify-end">
        <LanguageSwitch back="/login" />
      </div>
      <header>
        <p className="text-3xl font-bold text-emerald-900">{tc("appName")}</p>
        <p className="text-slate-700">{tc("tagline")}</p>
      </header>
      <section className="rounded-lg border border-slate-300 bg-white p-6">
        <h1 className="mb-2 text-2xl font-semibold">{t("title")}</h1>
        <p className="mb-4 text-slate-700">{t("intro")}</p>
        <SignInForm labels={{ email: t("email"), password: t("password"), submit: t("submit"), submitting: t("submitting") }} />
      </section>
    </main>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page() {
  return withFormMessages(LoginPage());
}
