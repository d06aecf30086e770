import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/actions";

export async function SignOutButton() {
  const t = await getTranslations("common");
  return (
    <form action={signOutAction}>
      <button type="submit" className="min-h-11 rounded px-2 py-1 text-sm underline underline-offset-4">
        {t("signOut")}
      </button>
    </form>
  );
}
