import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { userOrganisations } from "@/lib/auth/tenant";
import { getDb } from "@/db";
import { lastOrganisationOf } from "@/lib/auth/session-store";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { withUser } from "@/lib/tenant-db";
import { listMyInvitations } from "@/lib/invitations/service";

/** After sign-in: the organisation last worked in, the only one, or a choice. */
export default async function RootPage() {
  const user = await requireUser();
  const orgs = await userOrganisations(user.id);
  // The organisation last opened (remembered on the server session after its membership check).
  const last = await lastOrganisationOf(await getDb(), user);
  const target = orgs.find((o) => o.id === last) ?? (orgs.length === 1 ? orgs[0] : undefined);
  if (target) redirect(`/${target.slug}`);
  const invitations = await withUser(user.id, (tx) => listMyInvitations(tx, user.id));
  // A newcomer (an invitation, no organisation yet) answers it on their account page.
  if (orgs.length === 0 && invitations.length > 0) redirect("/account");
  const t = await getTranslations("orgs");
  const tr = await getTranslations("roles");
  const tt = await getTranslations("orgTypes");
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-10">
      <h1 className="text-2xl font-semibold">{t("chooseTitle")}</h1>
      {invitations.length > 0 ? (
        <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3">
          <Link href="/account" className="underline underline-offset-4">
            {t("pendingInvitations", { count: invitations.length })}
          </Link>
        </p>
      ) : null}
      {orgs.length === 0 ? <p>{t("none")}</p> : <p>{t("chooseIntro")}</p>}
      <ul className="flex flex-col gap-2">
        {orgs.map((o) => (
          <li key={o.slug}>
            <Link href={`/${o.slug}`} className="block rounded-md border border-slate-300 bg-white p-3 hover:bg-slate-100">
              <span className="font-medium">{o.name}</span>{" "}
              <span className="text-sm text-slate-700">
                · {tt(o.type)} · {tr(o.role)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <SignOutButton />
    </main>
  );
}
