import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { voidVisitAction } from "@/lib/coaching/actions";
import type { listVisits } from "@/lib/coaching/queries";
import { VoidDetails } from "./void-details";
import { Card } from "@/components/ui/card";

type Visits = Awaited<ReturnType<typeof listVisits>>["rows"];

/** A page of visits with their follow-ups, and its pager; the NGO's writers may void one (with a reason). */
export async function VisitsCard({
  slug,
  visits,
  canVoid,
  pager,
}: {
  slug: string;
  visits: Visits;
  canVoid: (ngoOrgId: string) => boolean;
  pager?: ReactNode;
}) {
  const t = await getTranslations("coaching");
  return (
    <Card title={t("visitsTitle")}>
      {visits.length === 0 ? (
        <p>{t("noVisits")}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="visits">
          {visits.map((v) => (
            <li key={v.id} className="rounded border border-slate-300 p-3">
              <p className="font-medium">
                <span dir="ltr">{v.visitedOn}</span> · {v.group} · {v.coachName}
                {v.voidedAt ? <span className="ms-2 rounded bg-slate-200 px-1.5 text-sm">{t("voided", { reason: v.voidReason ?? "" })}</span> : null}
              </p>
              <p>
                <span className="font-medium">{t("topics")} :</span> {v.topics}
              </p>
              {v.findings ? (
                <p>
                  <span className="font-medium">{t("findings")} :</span> {v.findings}
                </p>
              ) : null}
              {v.followUps.length > 0 ? (
                <ul className="ms-4 list-disc">
                  {v.followUps.map((f) => (
                    <li key={f.id}>
                      {f.action} — {t("due")} <span dir="ltr">{f.dueOn}</span>
                      {f.doneOn ? (
                        <>
                          {" "}
                          · {t("doneOnDate")} <span dir="ltr">{f.doneOn}</span>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {canVoid(v.ngoOrgId) && !v.voidedAt ? (
                <VoidDetails
                  action={voidVisitAction}
                  slug={slug}
                  idPrefix={`void-${v.id}`}
                  hidden={{ visitId: v.id }}
                  label={t("void")}
                  reasonLabel={t("reason")}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pager}
    </Card>
  );
}
