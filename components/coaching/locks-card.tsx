import { getTranslations } from "next-intl/server";
import { lockQuarterAction, unlockQuarterAction } from "@/lib/coaching/actions";
import type { listQuarterLocks } from "@/lib/quarters/locks";
import { InlineActionForm } from "@/components/forms/action-form";
import { Card } from "@/components/ui/card";

type Locks = Awaited<ReturnType<typeof listQuarterLocks>>;

/** An NGO's quarter locks: the history for all, lock and unlock (with a reason) for its admins. */
export async function LocksCard({ slug, locks, canLock, suggested }: { slug: string; locks: Locks; canLock: boolean; suggested: string }) {
  const t = await getTranslations("coaching");
  const active = locks.filter((l) => !l.unlockedAt);
  return (
    <Card title={t("locksTitle")}>
      <p className="mb-3">{t("locksIntro")}</p>
      {canLock ? (
        <div className="mb-4 grid gap-4 md:grid-cols-2">
          <InlineActionForm
            action={lockQuarterAction}
            org={slug}
            idPrefix="lock"
            fields={[{ name: "quarter", label: t("quarter"), defaultValue: suggested, required: true }]}
            submit={t("lock")}
            testId="lock-form"
          />
          {active.length > 0 ? (
            <InlineActionForm
              action={unlockQuarterAction}
              org={slug}
              idPrefix="unlock"
              fields={[
                { name: "quarter", label: t("quarter"), defaultValue: active[0].quarter, required: true },
                { name: "reason", label: t("unlockReason"), required: true },
              ]}
              submit={t("unlock")}
              variant="danger"
              testId="unlock-form"
            />
          ) : null}
        </div>
      ) : null}
      {locks.length === 0 ? (
        <p>{t("noLocks")}</p>
      ) : (
        <ul className="flex flex-col gap-1" data-testid="lock-history">
          {locks.map((l) => (
            <li key={l.id}>
              <span dir="ltr" className="font-medium">
                {l.quarter}
              </span>{" "}
              · {l.unlockedAt ? t("unlockedWithReason", { reason: l.unlockReason ?? "" }) : t("lockedNow")}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
