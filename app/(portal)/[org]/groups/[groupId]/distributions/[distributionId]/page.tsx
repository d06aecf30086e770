import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup, listGroupMembers } from "@/lib/groups/queries";
import { listDistributions } from "@/lib/groups/ledger-queries";
import { seesGroupPeople } from "@/lib/people/group-counts";
import { listAttendees, quorumPct } from "@/lib/meetings/service";
import { quorum } from "@/lib/meetings/quorum";
import { explainMethods } from "@/lib/meetings/schema";
import { meetingAction } from "@/lib/meetings/actions";
import { today } from "@/lib/dates";
import { Card } from "@/components/ui/card";
import { Money, TextLink } from "@/components/groups/ui";
import { Table, Td } from "@/components/data/table";
import { PlainForm } from "@/components/plans/plain-form";
import { withFormMessages } from "@/components/i18n/form-messages";

/**
 * A profit distribution's open meeting (issue 17, point 4): when and where, the members present
 * (ticked from the members who share), how the shares were explained; a draft until finalised
 * with the quorum. Person-level (names), for the NGO supporting the group only.
 */
async function MeetingPage({ params }: { params: Promise<{ org: string; groupId: string; distributionId: string }> }) {
  const { org: slug, groupId, distributionId } = await params;
  const ctx = await requireMember(slug, "people:read", { manager: true });
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group || !seesGroupPeople(ctx, group)) return null;
    const d = (await listDistributions(tx, group.id)).find((x) => x.id === distributionId);
    if (!d) return null;
    const present = (await listAttendees(tx, [d.id])).get(d.id) ?? [];
    const canWrite = group.isWritable && group.archivedAt === null && ctx.can("groups:write") && d.status === "draft";
    return { group, d, present, canWrite, members: await listGroupMembers(tx, group.id), pct: await quorumPct(tx, group.ngoOrgId) };
  });
  if (!data) notFound();
  const [t, locale] = [await getTranslations("meetings"), await getLocale()];
  const { d, group } = data;
  const name = new Map(data.members.map((m) => [m.membershipId, m.name]));
  const q = quorum(d.shares.length, data.present.length, data.pct);
  const base = `/${slug}/groups/${group.id}`;
  return (
    <div className="flex flex-col gap-4">
      <p>
        <TextLink href={base}>← {group.name}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <Card>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("period")}</dt>
          <dd dir="ltr" className="text-start">
            {d.periodFrom} → {d.periodTo}
          </dd>
          <dt className="font-medium">{t("profit")}</dt>
          <dd>
            <Money amount={d.profit} currency={d.currency} locale={locale} />
          </dd>
          <dt className="font-medium">{t("status")}</dt>
          <dd data-testid="distribution-status">{t(`statuses.${d.status}`)}</dd>
          <dt className="font-medium">{t("quorum")}</dt>
          <dd data-testid="quorum">{t("quorumText", { required: q.required, active: d.shares.length, present: data.present.length })}</dd>
        </dl>
        <p className="mt-3 flex flex-wrap gap-4">
          <TextLink href={`${base}/distributions/${d.id}/pictorial?lang=fr`} testId="pictorial-fr">
            {t("pictorialFr")}
          </TextLink>
          <TextLink href={`${base}/distributions/${d.id}/pictorial?lang=ar`} testId="pictorial-ar">
            {t("pictorialAr")}
          </TextLink>
        </p>
      </Card>
      {data.canWrite ? (
        <Card title={t("formTitle")}>
          <p className="mb-3 text-sm text-slate-700">{t("formHelp")}</p>
          <PlainForm
            action={meetingAction}
            org={slug}
            idPrefix="meeting"
            testId="meeting-form"
            hidden={{ groupId: group.id, distributionId: d.id }}
            fields={[
              { name: "meetingOn", label: t("meetingOn"), type: "date", defaultValue: d.meetingOn ?? today() },
              { name: "meetingPlace", label: t("meetingPlace"), type: "text", defaultValue: d.meetingPlace ?? "" },
              {
                name: "attendees",
                label: t("attendees"),
                type: "checkboxes",
                hint: t("quorumText", { required: q.required, active: d.shares.length, present: data.present.length }),
                options: d.shares.map((s) => ({
                  value: s.membershipId,
                  label: name.get(s.membershipId) ?? "?",
                  checked: data.present.includes(s.membershipId),
                })),
              },
              {
                name: "explainedBy",
                label: t("explainedBy"),
                type: "select",
                defaultValue: d.explainedBy ?? "counted_cash",
                options: explainMethods.map((m) => ({ value: m, label: t(`methods.${m}`) })),
              },
              { name: "explanation", label: t("explanation"), type: "textarea", defaultValue: d.explanation ?? "" },
            ]}
            submits={[
              { label: t("save"), intent: "save", variant: "secondary" },
              { label: t("finalise"), intent: "finalise" },
            ]}
          />
        </Card>
      ) : (
        <Card title={t("meetingTitle")}>
          {d.meetingOn ? (
            <dl className="mb-3 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-medium">{t("meetingOn")}</dt>
              <dd dir="ltr" className="text-start">
                {d.meetingOn}
              </dd>
              <dt className="font-medium">{t("meetingPlace")}</dt>
              <dd>{d.meetingPlace}</dd>
              <dt className="font-medium">{t("explainedBy")}</dt>
              <dd>
                {d.explainedBy ? t(`methods.${d.explainedBy}`) : ""} {d.explanation}
              </dd>
            </dl>
          ) : (
            <p className="mb-3">{d.status === "legacy" ? t("legacyText") : t("noMeeting")}</p>
          )}
        </Card>
      )}
      <Card title={t("attendeesTitle")}>
        <Table head={[t("member"), t("share"), t("present")]} testId="attendees-table">
          {d.shares.map((s) => (
            <tr key={s.membershipId}>
              <Td>{name.get(s.membershipId)}</Td>
              <Td>
                <Money amount={s.amount} currency={d.currency} locale={locale} />
              </Td>
              <Td>{data.present.includes(s.membershipId) ? t("yes") : t("no")}</Td>
            </tr>
          ))}
        </Table>
      </Card>
    </div>
  );
}

export default async function Page(props: Parameters<typeof MeetingPage>[0]) {
  return withFormMessages(MeetingPage(props));
}
