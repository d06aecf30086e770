import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup, listGroupMembers } from "@/lib/groups/queries";
import { seesGroupPeople } from "@/lib/people/group-counts";
import { loadRules } from "@/lib/plans/service";
import { acknowledgeAction, rulesAction } from "@/lib/plans/actions";
import { localStamp, today } from "@/lib/dates";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/groups/ui";
import { Table, Td } from "@/components/data/table";
import { PlainForm } from "@/components/plans/plain-form";
import { withFormMessages } from "@/components/i18n/form-messages";

/**
 * A group's internal rules (issue 17, point 4): the version in force, the earlier ones, and which
 * members acknowledged the version in force, on what date, recorded by whom. Names: the NGO
 * supporting the group only.
 */
async function RulesPage({ params }: { params: Promise<{ org: string; groupId: string }> }) {
  const { org: slug, groupId } = await params;
  const ctx = await requireMember(slug, "people:read", { manager: true });
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group || !seesGroupPeople(ctx, group)) return null;
    const canWrite = group.isWritable && group.archivedAt === null && ctx.can("groups:write");
    const members = (await listGroupMembers(tx, group.id)).filter((m) => !m.leftOn);
    return { group, canWrite, members, ...(await loadRules(tx, group.id)) };
  });
  if (!data) notFound();
  const t = await getTranslations("rules");
  const { group, current } = data;
  const ack = new Map(data.acks.map((a) => [a.membershipId, a]));
  const pending = data.members.filter((m) => !ack.has(m.membershipId));
  return (
    <div className="flex flex-col gap-4">
      <p>
        <TextLink href={`/${slug}/groups/${group.id}`}>← {group.name}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <Card title={t("current")}>
        {current ? (
          <>
            <p className="mb-2 text-sm text-slate-700" data-testid="rules-version">
              v{current.version} · {data.versions[0].by ?? "—"} · {localStamp(current.createdAt)}
            </p>
            <p className="whitespace-pre-line" data-testid="rules-body">
              {current.body}
            </p>
          </>
        ) : (
          <p>{t("noRules")}</p>
        )}
      </Card>
      {current ? (
        <Card title={t("ackTitle")}>
          <p className="mb-2" data-testid="rules-ack-count">
            {t("ackCount", { count: data.members.filter((m) => ack.has(m.membershipId)).length, total: data.members.length, version: current.version })}
          </p>
          <Table head={[t("member"), t("status")]} testId="rules-acks">
            {data.members.map((m) => {
              const a = ack.get(m.membershipId);
              return (
                <tr key={m.membershipId} data-acknowledged={a ? "yes" : "no"}>
                  <Td>{m.name}</Td>
                  <Td>{a ? t("ackBy", { on: a.on, name: a.by ?? "—" }) : t("notYet")}</Td>
                </tr>
              );
            })}
          </Table>
          {data.canWrite && pending.length > 0 ? (
            <div className="mt-4">
              <PlainForm
                action={acknowledgeAction}
                org={slug}
                idPrefix="ack"
                testId="ack-form"
                hidden={{ groupId: group.id, rulesId: current.id }}
                fields={[
                  { name: "membershipIds", label: t("members"), type: "checkboxes", options: pending.map((m) => ({ value: m.membershipId, label: m.name })) },
                  { name: "acknowledgedOn", label: t("acknowledgedOn"), type: "date", defaultValue: today() },
                ]}
                submits={[{ label: t("acknowledge") }]}
              />
            </div>
          ) : null}
        </Card>
      ) : null}
      {data.canWrite ? (
        <Card title={t("formTitle")}>
          <PlainForm
            action={rulesAction}
            org={slug}
            idPrefix="rules"
            testId="rules-form"
            hidden={{ groupId: group.id, loadedVersion: String(current?.version ?? 0) }}
            fields={[{ name: "body", label: t("body"), type: "textarea", defaultValue: current?.body ?? "" }]}
            submits={[{ label: t("save") }]}
          />
        </Card>
      ) : null}
      {data.versions.length > 1 ? (
        <Card title={t("history")}>
          <ul className="flex flex-col gap-3">
            {data.versions.slice(1).map(({ rules: v, by }) => (
              <li key={v.id}>
                <p className="text-sm text-slate-700">
                  v{v.version} · {by ?? "—"} · {localStamp(v.createdAt)}
                </p>
                <p className="whitespace-pre-line">{v.body}</p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

export default async function Page(props: Parameters<typeof RulesPage>[0]) {
  return withFormMessages(RulesPage(props));
}
