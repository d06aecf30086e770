import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/actions";
import { SignOutForm } from "./sign-out-form";

export async function SignOutButton() {
  const t = await getTranslations("common");
  const locale = await getLocale();
  // Only the three sentences of the unsent-entries warning go to the browser (issue 16).
  const offline = (await getMessages()).offline as Record<string, string>;
  const warning = { signOutPending: offline.signOutPending, signOutAnyway: offline.signOutAnyway, signOutStay: offline.signOutStay };
  return (
    <SignOutForm action={signOutAction} locale={locale} warning={warning}>
      <button type="submit" className="min-h-11 rounded px-2 py-1 text-sm underline underline-offset-4">
        {t("signOut")}
      </button>
    </SignOutForm>
  );
}
