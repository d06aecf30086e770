import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { listEvaluations, listOverdueFollowUps, listVisibleGroups, listVisits } from "@/lib/coaching/queries";
import { isQuarterLocked, listQuarterLocks } from "@/lib/quarters/locks";
import { isQuarter, lastQuarters, previousQuarter, quarterOf } from "@/lib/quarters/quarter";
import { readPageRequest } from "@/lib/pagination";
import { today as todayIso } from "@/lib/dates";
import { Pager } from "@/components/data/pager";
import { EvaluationsCard } from "@/components/coaching/evaluations-card";
import { LocksCard } from "@/components/coaching/locks-card";
import { OverdueCard } from "@/components/coaching/overdue-card";
import { VisitsCard } from "@/components/coaching/visits-card";
import { VisitForm } from "@/components/forms/coaching-forms";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";
import { OfflineSupport } from "@/components/offline/offline-support";
import { OutboxBadge } from "@/components/offline/outbox-badge";
import { randomUUID } from "node:crypto";

export async function generateMetadata() {
  const t = await getTranslations("coaching");
  return { title: t("title") };
}

async function CoachingPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:read");
  const sp = await searchParams;
  const today = todayIso();
  const lastQuarter = previousQuarter(quarterOf(today));
  const quarter = typeof sp.quarter === "string" && isQuarter(sp.quarter) ? sp.quarter : lastQuarter;
  const isNgo = ctx.org.type === "ngo";
  const data = await withTenant(ctx, async (tx) => ({
    groups: await listVisibleGroups(tx, ctx.org),
    overdue: await listOverdueFollowUps(tx, ctx.org, today),
    visits: await listVisits(tx, ctx.org, readPageRequest(sp)),
    evaluations: await listEvaluations(tx, ctx.org, quarter),
    locks: isNgo ? await listQuarterLocks(tx, ctx.org.id) : [],
    locked: isNgo ? await isQuarterLocked(tx, ctx.org.id, quarter) : false,
  }));
  const t = await getTranslations("coaching");
  // Only the NGO supporting a group writes its coaching records.
  const canWrite = (ngoOrgId: string) => ctx.can("groups:write") && ngoOrgId === ctx.org.id;
  const ownGroups = data.groups.filter((g) => canWrite(g.ngoOrgId)).map((g) => ({ id: g.id, label: `${g.name} (${g.village})` }));

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {/* A coach records visits without a connection: the service worker keeps this page (issue 16). */}
      {ownGroups.length > 0 ? (
        <>
          <OfflineSupport userId={ctx.user.id} />
          <OutboxBadge org={slug} />
        </>
      ) : null}
      <OverdueCard slug={slug} overdue={data.overdue} canComplete={canWrite} today={today} />
      {ownGroups.length > 0 ? (
        <Card title={t("newVisit")}>
          <VisitForm
            org={slug}
            clientKey={randomUUID()}
            groups={ownGroups}
            today={today}
            labels={{
              group: t("group"),
              choose: t("choose"),
              date: t("visitDate"),
              topics: t("topics"),
              findings: t("findings"),
              followUpsLegend: t("followUps"),
              action: [1, 2, 3].map((n) => t("actionN", { n })),
              due: [1, 2, 3].map((n) => t("dueN", { n })),
              submit: t("saveVisit"),
            }}
          />
        </Card>
      ) : null}
      <VisitsCard
        slug={slug}
        visits={data.visits.rows}
        canVoid={canWrite}
        pager={<Pager path={`/${slug}/coaching`} searchParams={sp} page={data.visits} label={t("visitsTitle")} className="mt-3" />}
      />
      <EvaluationsCard
        slug={slug}
        quarter={quarter}
        quarterChoices={lastQuarters(quarterOf(today), 8).reverse()}
        evaluations={data.evaluations}
        locked={data.locked}
        canWrite={canWrite}
        groups={ownGroups}
        today={today}
      />
      {isNgo ? <LocksCard slug={slug} locks={data.locks} canLock={ctx.can("quarters:lock")} suggested={lastQuarter} /> : null}
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof CoachingPage>[0]) {
  return withFormMessages(CoachingPage(props));
}
