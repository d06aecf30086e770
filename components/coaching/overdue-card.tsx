import { getTranslations } from "next-intl/server";
import { completeFollowUpAction } from "@/lib/coaching/actions";
import type { listOverdueFollowUps } from "@/lib/coaching/queries";
import { InlineActionForm } from "@/components/forms/action-form";
import { Card } from "@/components/ui/card";
import { cellClass, headClass } from "./styles";
import { ScrollBox } from "@/components/ui/scroll-box";

type Overdue = Awaited<ReturnType<typeof listOverdueFollowUps>>;

/** Follow-up actions past their due date; the supporting NGO's writers can mark them done. */
export async function OverdueCard({
  slug,
  overdue,
  canComplete,
  today,
}: {
  slug: string;
  overdue: Overdue;
  canComplete: (ngoOrgId: string) => boolean;
  today: string;
}) {
  const t = await getTranslations("coaching");
  const anyWritable = overdue.some((f) => canComplete(f.ngoOrgId));
  return (
    <Card title={`${t("overdueTitle")} (${overdue.length})`}>
      {overdue.length === 0 ? (
        <p>{t("noOverdue")}</p>
      ) : (
        <ScrollBox label={t("overdueTitle")}>
          <table className="w-full text-sm" data-testid="overdue-table">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className={headClass}>
                  {t("group")}
                </th>
                <th scope="col" className={headClass}>
                  {t("action")}
                </th>
                <th scope="col" className={headClass}>
                  {t("due")}
                </th>
                <th scope="col" className={headClass}>
                  {t("late")}
                </th>
                {anyWritable ? (
                  <th scope="col" className={headClass}>
                    {t("markDone")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {overdue.map((f) => (
                <tr key={f.id} className="border-t border-slate-200">
                  <td className={cellClass}>{f.group}</td>
                  <td className={cellClass}>{f.action}</td>
                  <td className={cellClass} dir="ltr">
                    {f.dueOn}
                  </td>
                  <td className={`${cellClass} font-medium text-red-800`}>{t("daysLate", { count: f.daysLate })}</td>
                  {anyWritable ? (
                    <td className={cellClass}>
                      {canComplete(f.ngoOrgId) ? (
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
        </ScrollBox>
      )}
    </Card>
  );
}
