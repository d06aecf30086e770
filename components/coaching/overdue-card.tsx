import { getTranslations } from "next-intl/server";
import { completeFollowUpAction } from "@/lib/coaching/actions";
import type { listOverdueFollowUps } from "@/lib/coaching/queries";
import { InlineActionForm } from "@/components/forms/action-form";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/data/table";

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
        <Table
          head={[t("group"), t("action"), t("due"), t("late"), ...(anyWritable ? [t("markDone")] : [])]}
          caption={t("overdueTitle")}
          captionHidden
          testId="overdue-table"
        >
          {overdue.map((f) => (
            <tr key={f.id}>
              <td>{f.group}</td>
              <td>{f.action}</td>
              <td dir="ltr">{f.dueOn}</td>
              <td className="font-medium text-red-800">{t("daysLate", { count: f.daysLate })}</td>
              {anyWritable ? (
                <td>
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
        </Table>
      )}
    </Card>
  );
}
