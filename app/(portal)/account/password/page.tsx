import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { ChangePasswordForm } from "@/components/forms/change-password-form";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { withFormMessages } from "@/components/i18n/form-messages";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

async function PasswordPage() {
  const user = await requireUser({ allowPasswordChange: true });
  const t = await getTranslations("account");
  const tc = await getTranslations("common");
  return (
    <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-10">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href="/" className="inline-flex min-h-11 items-center text-xl font-bold text-emerald-900">
          {tc("appName")}
        </Link>
        <div className="flex items-center gap-2">
          <LanguageSwitch back="/account/password" />
          <SignOutButton />
        </div>
      </div>
      <section className="rounded-lg border border-slate-300 bg-white p-6">
        <h1 className="mb-2 text-2xl font-semibold">{t("title")}</h1>
        {user.mustChangePassword ? (
          <p role="status" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3">
            {t("mustChange")}
          </p>
        ) : null}
        <ChangePasswordForm
          labels={{
            currentPassword: t("currentPassword"),
            newPassword: t("newPassword"),
            confirmPassword: t("confirmPassword"),
            hint: t("hint"),
            submit: t("submit"),
          }}
        />
      </section>
    </main>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page() {
  return withFormMessages(PasswordPage());
}
