import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { completeFollowUpAction, lockQuarterAction, unlockQuarterAction, voidEvaluationAction, voidVisitAction } from "@/lib/coaching/actions";
import { listEvaluations, listOverdueFollowUps, listVisibleGroups, listVisits } from "@/lib/coaching/queries";
import { isQuarterLocked, listQuarterLocks } from "@/lib/quarters/locks";
import { isQuarter, lastQuarters, previousQuarter, quarterOf } from "@/lib/quarters/quarter";
import { InlineActionForm } from "@/components/forms/action-form";
import { EvaluationForm, VisitForm } from "@/components/forms/coaching-forms";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

export async function generateMetadata() {
  const t = await getTranslations("coaching");
  return { title: t("title") };
}

const th = "p-2 text-start align-bottom";
const td = "p-2 align-top";

export default async function CoachingPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:read");
  const sp = await searchParams;
  const today = new Date().toISOString().slice(0, 10);
  const defaultQuarter = previousQuarter(quarterOf(today));
  const quarter = typeof sp.quarter === "string" && isQuarter(sp.quarter) ? sp.quarter : defaultQuarter;
  const canWrite = ctx.can("groups:write");
  const canLock = ctx.can("quarters:lock");
  const data = await withTenant(ctx, async (tx) => ({
    groups: await listVisibleGroups(tx, ctx.org),
    overdue: await listOverdueFollowUps(tx, ctx.org, today),
    visits: await listVisits(tx, ctx.org),
    evaluations: await listEvaluations(tx, ctx.org, quarter),
    locks: ctx.org.type === "ngo" ? await listQuarterLocks(tx, ctx.org.id) : [],
    locked: ctx.org.type === "ngo" ? await isQuarterLocked(tx, ctx.org.id, quarter) : false,
  }));
  const t = await getTranslations("coaching");
  const own = (ngoOrgId: string) => canWrite && ngoOrgId === ctx.org.id;
  const groupOptions = data.groups.filter((g) => own(g.ngoOrgId)).map((g) => ({ id: g.id, label: `${g.name} (${g.village})` }));
  const yesNo = (v: boolean | null) => (v == null ? "" : v ? t("yes") : t("no"));
  const quarterChoices = lastQuarters(quarterOf(today), 8).reverse();
  const activeLocks = data.locks.filter((l) => !l.unlockedAt);

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>

      <Card title={`${t("overdueTitle")} (${data.overdue.length})`}>
        {data.overdue.length === 0 ? (
          <p>{t("noOverdue")}</p>
        ) : (
          <div className="overflow-x-auto" role="region" aria-label={t("overdueTitle")} tabIndex={0}>
            <table className="w-full text-sm" data-testid="overdue-table">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className={th}>{t("group")}</th>
                  <th scope="col" className={th}>{t("action")}</th>
                  <th scope="col" className={th}>{t("due")}</th>
                  <th scope="col" className={th}>{t("late")}</th>
                  {canWrite ? <th scope="col" className={th}>{t("markDone")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.overdue.map((f) => (
                  <tr key={f.id} className="border-t border-slate-200">
                    <td className={td}>{f.group}</td>
                    <td className={td}>{f.action}</td>
                    <td className={td} dir="ltr">{f.dueOn}</td>
                    <td className={`${td} font-medium text-red-800`}>{t("daysLate", { count: f.daysLate })}</td>
                    {canWrite ? (
                      <td className={td}>
                        {own(f.ngoOrgId) ? (
                          <InlineActionForm
                            action={completeFollowUpAction}
                            org={slug}
                            idPrefix={`done-${f.id}`}
                            hidden={{ followUpId: f.id }}
                            fields={[{ name: "doneOn", label: t("doneOn"), type: "date", defaultValue: today, required: true }]}
                            submit={t("markDone")}
                          />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {canWrite ? (
        <Card title={t("newVisit")}>
          <VisitForm
            org={slug}
            groups={groupOptions}
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

      <Card title={t("visitsTitle")}>
        {data.visits.length === 0 ? (
          <p>{t("noVisits")}</p>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="visits">
            {data.visits.map((v) => (
              <li key={v.id} className="rounded border border-slate-300 p-3">
                <p className="font-medium">
                  <span dir="ltr">{v.visitedOn}</span> · {v.group} · {v.coachName}
                  {v.voidedAt ? <span className="ms-2 rounded bg-slate-200 px-1.5 text-sm">{t("voided", { reason: v.voidReason ?? "" })}</span> : null}
                </p>
                <p><span className="font-medium">{t("topics")} :</span> {v.topics}</p>
                {v.findings ? <p><span className="font-medium">{t("findings")} :</span> {v.findings}</p> : null}
                {v.followUps.length > 0 ? (
                  <ul className="ms-4 list-disc">
                    {v.followUps.map((f) => (
                      <li key={f.id}>
                        {f.action} — {t("due")} <span dir="ltr">{f.dueOn}</span>
                        {f.doneOn ? <> · {t("doneOnDate")} <span dir="ltr">{f.doneOn}</span></> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {own(v.ngoOrgId) && !v.voidedAt ? (
                  <details className="mt-2">
                    <summary className="min-h-11 cursor-pointer py-2 text-sm underline">{t("void")}</summary>
                    <InlineActionForm
                      action={voidVisitAction}
                      org={slug}
                      idPrefix={`void-${v.id}`}
                      hidden={{ visitId: v.id }}
                      fields={[{ name: "reason", label: t("reason"), required: true }]}
                      submit={t("void")}
                      variant="danger"
                    />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("evaluationsTitle", { quarter })}>
        <form method="get" className="no-print mb-3 flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor="eval-q" className="font-medium">{t("quarter")}</label>
            <select id="eval-q" name="quarter" defaultValue={quarter} dir="ltr" className="rounded-md border border-slate-400 bg-white px-3 py-2">
              {quarterChoices.map((q) => (
                <option key={q} value={q}>{q}</option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">{t("show")}</Button>
        </form>
        {data.locked ? (
          <p className="mb-3 rounded border border-amber-600 bg-amber-50 p-2 text-amber-950" data-testid="quarter-locked">
            {t("lockedBadge", { quarter })}
          </p>
        ) : null}
        <p className="mb-2 text-sm text-slate-700">{t("scoreScale")}</p>
        <div className="overflow-x-auto" role="region" aria-label={t("evaluationsTitle", { quarter })} tabIndex={0}>
          <table className="w-full text-sm" data-testid="evaluations-table">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className={th}>{t("group")}</th>
                <th scope="col" className={th}>{t("rulesRespected")}</th>
                <th scope="col" className={th}>{t("booksKept")}</th>
                <th scope="col" className={th}>{t("stockChecked")}</th>
                <th scope="col" className={th}>{t("score")}</th>
                <th scope="col" className={th}>{t("comments")}</th>
                {canWrite ? <th scope="col" className={th}>{t("void")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.evaluations.map((e) => (
                <tr key={e.groupId} className="border-t border-slate-200">
                  <th scope="row" className={`${td} text-start font-medium`}>{e.group}</th>
                  {e.evaluationId ? (
                    <>
                      <td className={td}>{yesNo(e.rulesRespected)}</td>
                      <td className={td}>{yesNo(e.booksKept)}</td>
                      <td className={td}>{yesNo(e.stockChecked)}</td>
                      <td className={td} dir="ltr">{e.score} / 10</td>
                      <td className={td}>{e.comments}</td>
                    </>
                  ) : (
                    <td className={`${td} text-slate-700`} colSpan={5}>{t("notEvaluated")}</td>
                  )}
                  {canWrite ? (
                    <td className={td}>
                      {e.evaluationId && own(e.ngoOrgId) ? (
                        <details>
                          <summary className="min-h-11 cursor-pointer py-2 underline">{t("void")}</summary>
                          <InlineActionForm
                            action={voidEvaluationAction}
                            org={slug}
                            idPrefix={`void-eval-${e.evaluationId}`}
                            hidden={{ evaluationId: e.evaluationId }}
                            fields={[{ name: "reason", label: t("reason"), required: true }]}
                            submit={t("void")}
                            variant="danger"
                          />
                        </details>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canWrite ? (
          <div className="mt-4">
            <h3 className="mb-2 font-semibold">{t("newEvaluation")}</h3>
            <EvaluationForm
              org={slug}
              groups={groupOptions}
              quarter={quarter}
              today={today}
              labels={{
                group: t("group"),
                choose: t("choose"),
                quarter: t("quarter"),
                date: t("evaluatedOn"),
                rulesRespected: t("rulesRespected"),
                booksKept: t("booksKept"),
                stockChecked: t("stockChecked"),
                score: t("score"),
                scoreScale: t("scoreScale"),
                comments: t("comments"),
                submit: t("saveEvaluation"),
              }}
            />
          </div>
        ) : null}
      </Card>

      {ctx.org.type === "ngo" ? (
        <Card title={t("locksTitle")}>
          <p className="mb-3">{t("locksIntro")}</p>
          {canLock ? (
            <div className="mb-4 grid gap-4 md:grid-cols-2">
              <InlineActionForm
                action={lockQuarterAction}
                org={slug}
                idPrefix="lock"
                fields={[{ name: "quarter", label: t("quarter"), defaultValue: defaultQuarter, required: true }]}
                submit={t("lock")}
                testId="lock-form"
              />
              {activeLocks.length > 0 ? (
                <InlineActionForm
                  action={unlockQuarterAction}
                  org={slug}
                  idPrefix="unlock"
                  fields={[
                    { name: "quarter", label: t("quarter"), defaultValue: activeLocks[0].quarter, required: true },
                    { name: "reason", label: t("unlockReason"), required: true },
                  ]}
                  submit={t("unlock")}
                  variant="danger"
                  testId="unlock-form"
                />
              ) : null}
            </div>
          ) : null}
          {data.locks.length === 0 ? (
            <p>{t("noLocks")}</p>
          ) : (
            <ul className="flex flex-col gap-1" data-testid="lock-history">
              {data.locks.map((l) => (
                <li key={l.id}>
                  <span dir="ltr" className="font-medium">{l.quarter}</span> ·{" "}
                  {l.unlockedAt ? t("unlockedWithReason", { reason: l.unlockReason ?? "" }) : t("lockedNow")}
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
