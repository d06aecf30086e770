import Link from "next/link";
import { sortHref, sortOf, sortRows, Table } from "@/components/data/table";
import { getLocale, getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { requireMember } from "@/lib/auth/tenant";
import { listMembers } from "@/lib/members/service";
import { listOrgInvitations } from "@/lib/invitations/service";
import { AddMemberForm, MemberRowActions, type MemberFormLabels } from "@/components/forms/member-forms";
import { RevokeInvitationButton } from "@/components/forms/invitation-forms";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

export async function generateMetadata() {
  const t = await getTranslations("members");
  return { title: t("title") };
}

const SORTS = ["name", "email", "role"] as const;

async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const sp = (await searchParams) ?? {};
  const ctx = await requireMember(slug, "members:manage");
  const { members, invitations } = await withTenant(ctx, async (tx) => ({
    members: await listMembers(tx, ctx.org.id),
    invitations: await listOrgInvitations(tx, ctx.org.id),
  }));
  const t = await getTranslations("members");
  const tr = await getTranslations("roles");
  const locale = await getLocale();
  // Sortable by the reader (a short list: sorted here, by the reader's collation).
  const sort = sortOf(sp, SORTS, { by: "name", dir: "asc" });
  const sorted = sortRows(members, (m) => (sort.by === "role" ? tr(m.role) : m[sort.by]), sort.dir, locale);
  const labels: MemberFormLabels = {
    email: t("email"),
    role: t("role"),
    fullName: t("fullName"),
    temporaryPassword: t("temporaryPassword"),
    temporaryHint: t("temporaryHint"),
    addHint: t("addHint"),
    create: t("invite"),
    changeRole: t("changeRole"),
    remove: t("remove"),
    roles: { admin: tr("admin"), editor: tr("editor"), viewer: tr("viewer") },
  };
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {ctx.can("api:manage") ? (
        <p>
          <Link href={`/${ctx.org.slug}/api-tokens`} className="inline-flex min-h-11 items-center underline underline-offset-4">
            {t("apiTokensLink")}
          </Link>
        </p>
      ) : null}
      <Table
        head={[{ label: t("name"), sort: "name" }, { label: t("email"), sort: "email" }, { label: t("role"), sort: "role" }, t("actions")]}
        caption={t("title")}
        captionHidden
        testId="members-table"
        sort={{ ...sort, href: sortHref(`/${slug}/members`, sp) }}
      >
        {sorted.map((m) => (
          <tr key={m.membershipId} data-testid={`member-${m.email}`}>
            <td>
              {m.name}
              {m.userId === ctx.user.id ? <span className="text-sm text-slate-700"> ({t("you")})</span> : null}
              {m.disabled ? <span className="text-sm text-red-800"> ({t("disabled")})</span> : null}
            </td>
            <td dir="ltr">{m.email}</td>
            <td data-testid="member-role">
              {tr(m.role)}
              {m.groupId ? (
                <>
                  {" · "}
                  <Link href={`/${ctx.org.slug}/groups/${m.groupId}`} className="underline underline-offset-4" data-testid="member-manages">
                    {t("managesGroup", { group: m.groupName ?? "" })}
                  </Link>
                </>
              ) : null}
            </td>
            <td>
              <MemberRowActions org={ctx.org.slug} membershipId={m.membershipId} role={m.role} name={m.name} labels={labels} />
            </td>
          </tr>
        ))}
      </Table>
      {invitations.length > 0 ? (
        <section aria-labelledby="pending-invitations" className="flex flex-col gap-2">
          <h2 id="pending-invitations" className="text-xl font-semibold">
            {t("pendingInvitations")}
          </h2>
          <ul className="flex flex-col gap-2">
            {invitations.map((i) => (
              <li
                key={i.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-300 bg-white p-3"
                data-testid={`invitation-${i.email}`}
              >
                <span>
                  {i.name} <span dir="ltr">({i.email})</span> · {tr(i.role)} · {t("invitedOn", { date: i.createdAt })}
                </span>
                <RevokeInvitationButton org={ctx.org.slug} invitationId={i.id} label={t("revokeInvitation")} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Card title={t("addMember")}>
        <AddMemberForm org={ctx.org.slug} labels={labels} />
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof MembersPage>[0]) {
  return withFormMessages(MembersPage(props));
}
