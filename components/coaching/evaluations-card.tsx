import { getLocale, getTranslations } from "next-intl/server";
import { translatorInText } from "@/lib/i18n/isolate";
import { voidEvaluationAction } from "@/lib/coaching/actions";
import type { listEvaluations } from "@/lib/coaching/queries";
import { EvaluationForm, type GroupOption } from "@/components/forms/coaching-forms";
import { VoidDetails } from "./void-details";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/data/table";

type Evaluations = Awaited<ReturnType<typeof listEvaluations>>;

/** One quarter's evaluation of every visible group; writers record or void (open quarters only). */
export async function EvaluationsCard({
  slug,
  quarter,
  quarterChoices,
  evaluations,
  locked,
  canWrite,
  groups,
  today,
}: {
  slug: string;
  quarter: string;
  quarterChoices: string[];
  evaluations: Evaluations;
  locked: boolean;
  canWrite: (ngoOrgId: string) => boolean;
  groups: GroupOption[];
  today: string;
}) {
  const t = translatorInText(await getTranslations("coaching"), await getLocale());
  const yesNo = (v: boolean | null) => (v == null ? "" : v ? t("yes") : t("no"));
  const voidable = (e: Evaluations[number]) => !locked && e.evaluationId && canWrite(e.ngoOrgId);
  const anyVoidable = evaluations.some(voidable);
  return (
    <Card title={t("evaluationsTitle", { quarter })}>
      <form method="get" className="no-print mb-3 flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="eval-q" className="font-medium">
            {t("quarter")}
          </label>
          <select id="eval-q" name="quarter" defaultValue={quarter} dir="ltr" className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2">
            {quarterChoices.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("show")}
        </Button>
      </form>
      {locked ? (
        <p className="mb-3 rounded border border-amber-600 bg-amber-50 p-2 text-amber-950" data-testid="quarter-locked">
          {t("lockedBadge", { quarter })}
        </p>
      ) : null}
      <p className="mb-2 text-sm text-slate-700">{t("scoreScale")}</p>
      <Table
        head={[
          ...(["group", "rulesRespected", "booksKept", "stockChecked", "score", "comments"] as const).map((k) => t(k)),
          ...(anyVoidable ? [t("void")] : []),
        ]}
        caption={t("evaluationsTitle", { quarter })}
        captionHidden
        testId="evaluations-table"
      >
        {evaluations.map((e) => (
          <tr key={e.groupId}>
            <th scope="row" className="text-start font-medium">
              {e.group}
            </th>
            {e.evaluationId ? (
              <>
                <td>{yesNo(e.rulesRespected)}</td>
                <td>{yesNo(e.booksKept)}</td>
                <td>{yesNo(e.stockChecked)}</td>
                <td dir="ltr">{e.score} / 10</td>
                <td>{e.comments}</td>
              </>
            ) : (
              <td className="text-slate-700" colSpan={5}>
                {t("notEvaluated")}
              </td>
            )}
            {anyVoidable ? (
              <td>
                {voidable(e) ? (
                  <VoidDetails
                    action={voidEvaluationAction}
                    slug={slug}
                    idPrefix={`void-eval-${e.evaluationId}`}
                    hidden={{ evaluationId: e.evaluationId! }}
                    label={t("void")}
                    reasonLabel={t("reason")}
                  />
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </Table>
      {groups.length > 0 ? (
        <div className="mt-4">
          <h3 className="mb-2 font-semibold">{t("newEvaluation")}</h3>
          <EvaluationForm
            org={slug}
            groups={groups}
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
  );
}
