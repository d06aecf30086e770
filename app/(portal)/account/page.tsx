import Link from "next/link";
import { Table } from "@/components/data/table";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { userOrganisations } from "@/lib/auth/tenant";
import { withUser } from "@/lib/tenant-db";
import { loadAccountOverview } from "@/lib/account/overview";
import { readPageRequest } from "@/lib/pagination";
import { Pager } from "@/components/data/pager";
import { InvitationAnswer } from "@/components/forms/invitation-forms";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { withFormMessages } from "@/components/i18n/form-messages";

export async function generateMetadata() {
  const t = await getTranslations("accountPage");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

/** The signed-in user's own page: invitations to answer, their own sign-ins and account changes. */
async function AccountPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const sp = await searchParams;
  const { invitations, events } = await withUser(user.id, (tx) => loadAccountOverview(tx, user.id, readPageRequest(sp)));
  const orgs = await userOrganisations(user.id);
  const [t, ta, tr, tt, tc, format] = [
    await getTranslations("accountPage"),
    await getTranslations("audit"),
    await getTranslations("roles"),
    await getTranslations("orgTypes"),
    await getTranslations("common"),
    await getFormatter(),
  ];
  const actionLabel = (a: string) => (ta.has(`actions.${a.replace(/\./g, "_")}`) ? ta(`actions.${a.replace(/\./g, "_")}`) : a);
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-10">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href="/" className="inline-flex min-h-11 items-center text-xl font-bold text-emerald-900">
          {tc("appName")}
        </Link>
        <div className="flex items-center gap-2">
          <LanguageSwitch back="/account" />
          <SignOutButton />
        </div>
      </div>
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">
          {user.name} · <span dir="ltr">{user.email}</span>
        </p>
        <p className="mt-2">
          <Link href="/account/password" className="underline underline-offset-4">
            {t("changePassword")}
          </Link>
        </p>
      </div>

      <section aria-labelledby="my-organisations" className="flex flex-col gap-2">
        <h2 id="my-organisations" className="text-xl font-semibold">
          {t("organisations")}
        </h2>
        {orgs.length === 0 ? <p>{t("noOrganisations")}</p> : null}
        <ul className="flex flex-col gap-1">
          {orgs.map((o) => (
            <li key={o.slug} data-testid="my-org">
              <Link href={`/${o.slug}`} className="underline underline-offset-4">
                {o.name}
              </Link>{" "}
              <span className="text-sm text-slate-700">
                · {tt(o.type)} · {tr(o.role)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="invitations" className="flex flex-col gap-3">
        <h2 id="invitations" className="text-xl font-semibold">
          {t("invitations")}
        </h2>
        {invitations.length === 0 ? <p data-testid="no-invitations">{t("noInvitations")}</p> : null}
        <ul className="flex flex-col gap-3">
          {invitations.map((i) => (
            <li key={i.id} className="rounded-lg border border-slate-300 bg-white p-4" data-testid="invitation">
              <p className="mb-2">{t("invitedAs", { org: i.orgName, type: tt(i.orgType), role: tr(i.role), date: i.createdAt })}</p>
              <InvitationAnswer invitationId={i.id} labels={{ accept: t("accept"), decline: t("decline"), context: i.orgName }} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="activity" className="flex flex-col gap-3">
        <h2 id="activity" className="text-xl font-semibold">
          {t("activity")}
        </h2>
        <p className="text-slate-700">{t("activityIntro")}</p>
        <Table head={[ta("at"), ta("action"), ta("request")]} caption={t("activity")} captionHidden>
          {events.rows.map((e) => (
            <tr key={e.id} data-testid="account-event">
              <td className="whitespace-nowrap">{format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}</td>
              <td>{actionLabel(e.action)}</td>
              <td className="text-sm" dir="ltr">
                {e.requestId ?? ""}
              </td>
            </tr>
          ))}
        </Table>
        <Pager path="/account" searchParams={sp} page={events} label={t("activity")} />
      </section>
    </main>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof AccountPage>[0]) {
  return withFormMessages(AccountPage(props));
}
