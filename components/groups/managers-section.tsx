import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PlainForm } from "@/components/plans/plain-form";
import { groupManagerAction } from "@/lib/members/actions";

interface Manager {
  membershipId: string;
  name: string;
  email: string;
}

/**
 * Who manages the group (issue 17.5), for the NGO's admins: each manager with a button that ends
 * it, and the NGO's free editors to name one more. Works without JavaScript.
 */
export async function ManagersSection({ org, groupId, managers, candidates }: { org: string; groupId: string; managers: Manager[]; candidates: Manager[] }) {
  const t = await getTranslations("members");
  return (
    <Card>
      <section aria-labelledby="group-managers" className="flex flex-col gap-3" data-testid="group-managers">
        <h2 id="group-managers" className="text-lg font-semibold">
          {t("managersTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("managersIntro")}</p>
        {managers.length === 0 ? <p data-testid="no-manager">{t("noManager")}</p> : null}
        <ul className="flex flex-col gap-2">
          {managers.map((m) => (
            <li key={m.membershipId} className="flex flex-col gap-1 rounded-md border border-slate-300 p-3" data-testid="group-manager">
              <span>
                {m.name} <span dir="ltr">({m.email})</span>
              </span>
              <PlainForm
                action={groupManagerAction}
                org={org}
                idPrefix={`end-manager-${m.membershipId}`}
                hidden={{ groupId, membershipId: m.membershipId }}
                fields={[]}
                submits={[{ label: t("endManager"), intent: "remove", variant: "secondary" }]}
              />
            </li>
          ))}
        </ul>
        {candidates.length > 0 ? (
          <PlainForm
            action={groupManagerAction}
            org={org}
            idPrefix="assign-manager"
            testId="assign-manager-form"
            hidden={{ groupId }}
            fields={[
              {
                name: "membershipId",
                label: t("manager"),
                type: "select",
                options: [{ value: "", label: "—" }, ...candidates.map((c) => ({ value: c.membershipId, label: `${c.name} (${c.email})` }))],
              },
            ]}
            submits={[{ label: t("assign"), intent: "assign" }]}
          />
        ) : (
          <p className="text-sm text-slate-700">{t("noCandidate")}</p>
        )}
      </section>
    </Card>
  );
}
