import { getTranslations } from "next-intl/server";
import { checkRotation } from "@/lib/groups/rotation";
import { GroupActionForm } from "@/components/forms/group-forms";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/data/table";

interface Props {
  org: string;
  groupId: string;
  canWrite: boolean;
  today: string;
  members: { membershipId: string; name: string; leftOn: string | null }[];
  teams: { id: string; name: string; weight: number; memberIds: string[] }[];
  terms: { id: string; teamId: string; startsOn: string; endsOn: string }[];
}

export async function RotationSection({ org, groupId, canWrite, today, members, teams, terms }: Props) {
  const t = await getTranslations("group");
  const nameOf = new Map(members.map((m) => [m.membershipId, m.name]));
  const active = members.filter((m) => !m.leftOn);
  const check = checkRotation(
    active.map((m) => m.membershipId),
    teams,
    terms,
    today,
  );
  const teamName = new Map(teams.map((x) => [x.id, x.name]));
  return (
    <Card title={t("rotationTitle")}>
      {check.leftOut.length > 0 ? (
        <div role="alert" className="mb-3 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950" data-testid="rotation-warning">
          <p>{t("leftOutWarning")}</p>
          <ul className="ms-5 list-disc">
            {check.leftOut.map((id) => (
              <li key={id}>{nameOf.get(id)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mb-3 text-sm text-emerald-900">{t("noneLeftOut")}</p>
      )}
      <h3 className="mb-1 font-semibold">{t("teams")}</h3>
      <ul className="mb-3 ms-5 list-disc">
        {teams.map((x) => (
          <li key={x.id}>
            <span className="font-medium">{x.name}</span> ({t("weight")} {x.weight}) : {x.memberIds.map((id) => nameOf.get(id)).join(", ")}
          </li>
        ))}
      </ul>
      <h3 className="mb-1 font-semibold">{t("schedule")}</h3>
      {terms.length === 0 ? (
        <p>{t("noTerms")}</p>
      ) : (
        <Table head={[t("from"), t("to"), t("team"), t("members")]} testId="terms-table">
          {terms.map((x) => (
            <tr key={x.id} className={x.startsOn <= today && today <= x.endsOn ? "bg-emerald-50 font-medium" : undefined}>
              <Td>{x.startsOn}</Td>
              <Td>
                {x.endsOn} {x.startsOn <= today && today <= x.endsOn ? `(${t("current")})` : ""}
              </Td>
              <Td>{teamName.get(x.teamId)}</Td>
              <Td>
                {teams
                  .find((tm) => tm.id === x.teamId)
                  ?.memberIds.map((id) => nameOf.get(id))
                  .join(", ")}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {canWrite ? (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <section>
            <h3 className="mb-2 font-semibold">{t("newTeam")}</h3>
            <GroupActionForm
              kind="team"
              org={org}
              hidden={{ groupId }}
              submit={t("createTeam")}
              fields={[
                { name: "name", label: t("name"), type: "text" },
                { name: "weight", label: t("weight"), type: "number", defaultValue: "1" },
                { name: "memberIds", label: t("members"), type: "checkboxes", options: active.map((m) => ({ value: m.membershipId, label: m.name })) },
              ]}
            />
          </section>
          <section>
            <h3 className="mb-2 font-semibold">{t("newTerm")}</h3>
            <GroupActionForm
              kind="term"
              org={org}
              hidden={{ groupId }}
              submit={t("addTerm")}
              fields={[
                { name: "teamId", label: t("team"), type: "select", options: teams.map((x) => ({ value: x.id, label: x.name })) },
                { name: "startsOn", label: t("from"), type: "date" },
                { name: "endsOn", label: t("to"), type: "date" },
              ]}
            />
          </section>
        </div>
      ) : null}
    </Card>
  );
}
