import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup, listCandidatePeople, listGroupMembers, listNgoSettlements, listRotation } from "@/lib/groups/queries";
import { listCredits, listDistributions, listEntryHistory, listLedger } from "@/lib/groups/ledger-queries";
import { today as todayIso } from "@/lib/dates";
import { activityTypes } from "@/db/schema";
import { eq } from "drizzle-orm";
import { MembersSection } from "@/components/groups/members-section";
import { RotationSection } from "@/components/groups/rotation-section";
import { LedgerSection } from "@/components/groups/ledger-section";
import { CreditSection } from "@/components/groups/credit-section";
import { ProfitSection } from "@/components/groups/profit-section";
import { activityName, Money } from "@/components/groups/ui";
import { GroupActionForm } from "@/components/forms/group-forms";
import { readPageRequest } from "@/lib/pagination";
import { listAidTypes } from "@/lib/people/aid-types";
import { searchQueryOf } from "@/lib/search/query";
import { Pager } from "@/components/data/pager";
import { countGroupMembers, seesGroupPeople } from "@/lib/people/group-counts";
import { readerOf } from "@/lib/privacy/suppress";
import { MemberCountsSection } from "@/components/groups/member-counts";
import { withFormMessages } from "@/components/i18n/form-messages";
import { ManagersSection } from "@/components/groups/managers-section";
import { listGroupManagers } from "@/lib/members/service";
import { KindPicture } from "@/components/till/pictograms";
import { OfflineSupport } from "@/components/offline/offline-support";

/** Each entry carries its correction forms: fewer per page than a plain list. */
const ENTRIES_PER_PAGE = 10;

async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; groupId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug, groupId } = await params;
  const sp = await searchParams;
  const pickerQuery = searchQueryOf(sp, "pq");
  const ctx = await requireMember(slug, "groups:read", { manager: true });
  const today = todayIso();
  const uiLocale = await getLocale();
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group) return null;
    // An archived group takes no new entries (migration 0033): its page is read-only until restored.
    const canWrite = group.isWritable && ctx.can("groups:write") && group.archivedAt === null;
    // A group manager (issue 17.5) records its group's sales, expenses, credits and repayments;
    // the group itself, its members, its rotation and its distributions stay with the NGO's staff.
    const manages = ctx.groupId !== null;
    const canEdit = group.isWritable && ctx.can("groups:write") && !manages;
    const canManage = canWrite && !manages;
    // Person-level data (names, birth years, answers, household status, aids, customers, shares)
    // only to the NGO supporting the group; every other reader gets counts, never the rows.
    const seesPeople = seesGroupPeople(ctx, group);
    const [activity] = await tx.select().from(activityTypes).where(eq(activityTypes.code, group.activityType));
    const ledger = await listLedger(tx, ctx.org, { group: group.id }, { includeVoided: true, page: readPageRequest(sp, ENTRIES_PER_PAGE) });
    return {
      group,
      canWrite,
      canEdit,
      canManage,
      activity,
      seesPeople,
      members: seesPeople ? await listGroupMembers(tx, group.id, uiLocale) : [],
      aidTypes: canManage && seesPeople ? await listAidTypes(tx, uiLocale) : [],
      counts: seesPeople ? null : await countGroupMembers(tx, group.id, today),
      rotation: seesPeople ? await listRotation(tx, group.id) : null,
      ledger,
      history: await listEntryHistory(
        tx,
        group.id,
        ledger.rows.map((r) => r.id),
      ),
      credits: (await listCredits(tx, group.id, today)).map((c) => (seesPeople ? c : { ...c, customerName: "" })),
      distributions: await listDistributions(tx, group.id),
      candidates: canManage ? await listCandidatePeople(tx, group.ngoOrgId, group.id, pickerQuery) : [],
      settlements: canManage ? await listNgoSettlements(tx, group.ngoOrgId) : [],
      // Who manages the group: for the supporting NGO's admins (issue 17.5).
      managers: ctx.can("members:manage") && ctx.org.id === group.ngoOrgId && !manages ? await listGroupManagers(tx, ctx.org.id, group.id) : null,
    };
  });
  if (!data) notFound();
  const { group, canWrite } = data;
  const [t, ts, tr, trec, locale] = [
    await getTranslations("group"),
    await getTranslations("groupStatus"),
    await getTranslations("profitRules"),
    await getTranslations("records"),
    await getLocale(),
  ];
  const [tp, tru, tst, tt] = [await getTranslations("plans"), await getTranslations("rules"), await getTranslations("stock"), await getTranslations("till")];
  const currency = group.startingCapitalCurrency;
  const common = { org: slug, groupId: group.id, canWrite, today };
  const staff = { ...common, canWrite: data.canManage };
  return (
    <div className="flex flex-col gap-6">
      {/* Its entry forms work without a connection: the service worker keeps this page (issue 16). */}
      {canWrite ? <OfflineSupport userId={ctx.user.id} /> : null}
      <div>
        <h1 className="text-2xl font-semibold" data-testid="group-name">
          {group.name}
        </h1>
        <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-3">
          {[
            [t("activity"), activityName(data.activity, locale)],
            [t("village"), group.village],
            [t("ngo"), group.ngo],
            [t("status"), ts(group.status)],
            [t("startDate"), group.startDate],
          ].map(([k, v]) => (
            <div key={k} className="flex gap-2">
              <dt className="text-slate-700">{k}</dt>
              <dd className="font-medium">{v}</dd>
            </div>
          ))}
          <div className="flex gap-2">
            <dt className="text-slate-700">{t("capital")}</dt>
            <dd className="font-medium">
              <Money amount={group.startingCapitalAmount} currency={currency} locale={locale} />
            </dd>
          </div>
        </dl>
        {canWrite ? (
          <p className="mt-3">
            <Link
              href={`/${slug}/groups/${group.id}/till`}
              className="inline-flex min-h-14 items-center gap-3 rounded-xl border-2 border-emerald-800 bg-emerald-50 px-4 text-lg font-bold text-emerald-950"
              data-testid="till-link"
            >
              <KindPicture kind="sale" size={40} />
              {tt("link")}
            </Link>
            <span className="mt-1 block text-sm text-slate-700">{tt("linkHelp")}</span>
          </p>
        ) : null}
        <p className="mt-2 flex flex-wrap gap-x-6">
          <Link
            href={`/${slug}/groups/${group.id}/plan`}
            className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4"
            data-testid="plan-link"
          >
            {tp("link")}
          </Link>
          <Link
            href={`/${slug}/groups/${group.id}/stock`}
            className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4"
            data-testid="stock-link"
          >
            {tst("link")}
          </Link>
          <Link
            href={`/${slug}/groups/${group.id}/till/sheet?date=${today}`}
            className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4"
            data-testid="sheet-link"
          >
            {tt("sheetLink")}
          </Link>
          {data.seesPeople ? (
            <Link
              href={`/${slug}/groups/${group.id}/rules`}
              className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4"
              data-testid="rules-link"
            >
              {tru("link")}
            </Link>
          ) : null}
        </p>
        {group.archivedAt !== null ? (
          <p className="mt-2 rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="archived-note">
            {trec("archivedNote")}
          </p>
        ) : null}
        {data.canEdit ? (
          <p className="mt-2">
            <Link
              href={`/${slug}/groups/${group.id}/edit`}
              className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4"
              data-testid="edit-link"
            >
              {trec("editGroup")}
            </Link>
          </p>
        ) : null}
        {!canWrite && group.archivedAt === null ? <p className="mt-2 text-sm text-slate-700">{t("readOnly")}</p> : null}
        {data.canManage ? (
          <details className="mt-2">
            <summary className="flex min-h-11 min-w-11 cursor-pointer items-center underline">{t("edit")}</summary>
            <GroupActionForm
              kind="updateGroup"
              org={slug}
              hidden={{ groupId: group.id, version: String(group.version) }}
              submit={t("saveGroup")}
              fields={[
                {
                  name: "status",
                  label: t("status"),
                  type: "select",
                  options: (["active", "paused", "closed"] as const).map((x) => ({ value: x, label: ts(x) })),
                  defaultValue: group.status,
                },
                {
                  name: "profitRule",
                  label: t("profitRule"),
                  type: "select",
                  options: (["equal", "team_weighted"] as const).map((x) => ({ value: x, label: tr(x) })),
                  defaultValue: group.profitRule,
                },
              ]}
            />
          </details>
        ) : null}
      </div>
      {data.seesPeople ? (
        <MembersSection
          {...staff}
          members={data.members}
          aidTypes={data.aidTypes}
          candidates={data.candidates}
          settlements={data.settlements}
          pickerQuery={pickerQuery}
        />
      ) : data.counts ? (
        <MemberCountsSection counts={data.counts} reader={readerOf(ctx)} locale={locale} on={today} />
      ) : null}
      {data.managers ? <ManagersSection org={slug} groupId={group.id} managers={data.managers.managers} candidates={data.managers.candidates} /> : null}
      {data.rotation ? <RotationSection {...staff} members={data.members} teams={data.rotation.teams} terms={data.rotation.terms} /> : null}
      <LedgerSection
        {...common}
        locale={locale}
        entries={data.ledger.rows}
        history={data.history}
        defaultCurrency={currency}
        pager={
          <Pager path={`/${slug}/groups/${group.id}`} searchParams={sp} page={data.ledger} label={t("ledgerTitle")} className="mt-3" testId="ledger-pager" />
        }
      />
      <CreditSection {...common} locale={locale} credits={data.credits} defaultCurrency={currency} showCustomers={data.seesPeople} />
      <ProfitSection
        {...staff}
        locale={locale}
        distributions={data.distributions}
        ruleLabel={tr(group.profitRule)}
        defaultCurrency={currency}
        showStatements={data.seesPeople}
      />
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof GroupPage>[0]) {
  return withFormMessages(GroupPage(props));
}
