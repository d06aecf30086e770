import { getTranslations } from "next-intl/server";
import { answersOf, wgDomains, wgStatus } from "@/lib/wgss";
import { GroupActionForm, type FieldSpec } from "@/components/forms/group-forms";
import { Card } from "@/components/ui/card";
import { PickerSearch } from "@/components/search/picker-search";
import { Table, Td } from "@/components/data/table";

type Member = Awaited<ReturnType<typeof import("@/lib/groups/queries").listGroupMembers>>[number];

export async function MembersSection(props: {
  org: string;
  groupId: string;
  members: Member[];
  /** The kinds of technical aid, named in the reader's language (the aid form's choices). */
  aidTypes: { code: string; name: string }[];
  canWrite: boolean;
  candidates: { id: string; name: string; birthYear: number }[];
  settlements: { id: string; name: string }[];
  today: string;
  /** The picker's search step (?pq=): the candidates are already narrowed by it. */
  pickerQuery?: string;
}) {
  const [t, th, td, twg] = [
    await getTranslations("group"),
    await getTranslations("householdStatus"),
    await getTranslations("disabilityStatus"),
    await getTranslations("wg"),
  ];
  const tq = await getTranslations("search");
  const year = Number(props.today.slice(0, 4));
  const wgOptions = (["not_asked", "none", "some", "a_lot", "cannot"] as const).map((a) => ({ value: a, label: twg(a) }));
  const wgField = (d: (typeof wgDomains)[number]): FieldSpec => ({
    name: `wg${d[0].toUpperCase()}${d.slice(1)}`,
    label: twg(d),
    type: "select",
    options: wgOptions,
    defaultValue: "not_asked",
  });
  const joined: FieldSpec = { name: "joinedOn", label: t("joined"), type: "date", defaultValue: props.today };
  return (
    <Card title={t("membersTitle")}>
      <p className="mb-3 text-sm text-slate-700" data-testid="wgss-cutoff">
        {t("cutoff")}
      </p>
      <Table
        head={[t("person"), t("sex"), t("birthYear"), t("household"), t("cashTransfer"), t("disability"), t("aids"), t("joined"), t("left")]}
        testId="members-table"
      >
        {props.members.map((m) => (
          <tr key={m.membershipId} className={m.leftOn ? "text-slate-500" : undefined}>
            <Td>
              {/* The person's record: details, household, history (issue 14). */}
              <a href={`/${props.org}/people/${m.personId}`} className="underline underline-offset-4" data-testid="person-link">
                {m.name}
              </a>
            </Td>
            <Td>{t(m.sex)}</Td>
            <Td>{m.birthYear}</Td>
            <Td>{m.householdStatus ? th(m.householdStatus) : ""}</Td>
            <Td>{m.cashTransferSince ?? "—"}</Td>
            <Td>{td(wgStatus(answersOf(m), m.birthYear, year))}</Td>
            <Td>
              {m.aids ?? ""}
              {props.canWrite ? (
                <details>
                  <summary className="flex min-h-11 min-w-11 cursor-pointer items-center underline">{t("addAid")}</summary>
                  <GroupActionForm
                    kind="aid"
                    org={props.org}
                    hidden={{ personId: m.personId }}
                    submit={t("addAid")}
                    variant="secondary"
                    fields={[
                      { name: "aidType", label: t("aidType"), type: "select", options: props.aidTypes.map((a) => ({ value: a.code, label: a.name })) },
                      { name: "details", label: t("aidDetails"), type: "text", hint: t("aidDetailsHint") },
                      { name: "receivedOn", label: t("aidDate"), type: "date", defaultValue: props.today },
                    ]}
                  />
                </details>
              ) : null}
            </Td>
            <Td>{m.joinedOn}</Td>
            <Td>
              {m.leftOn ??
                (props.canWrite ? (
                  <details>
                    <summary className="flex min-h-11 min-w-11 cursor-pointer items-center underline">{t("leave")}</summary>
                    <GroupActionForm
                      kind="leaveGroup"
                      org={props.org}
                      hidden={{ membershipId: m.membershipId }}
                      submit={t("leave")}
                      variant="secondary"
                      fields={[{ name: "leftOn", label: t("left"), type: "date", defaultValue: props.today }]}
                    />
                  </details>
                ) : null)}
            </Td>
          </tr>
        ))}
      </Table>
      {props.canWrite ? (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <section id="add-member">
            <h3 className="mb-2 font-semibold">
              {t("addMember")} · {t("addExisting")}
            </h3>
            {/* Search step of the picker: a GET form that works without JavaScript (issue 14.4). */}
            <form
              method="get"
              action={`/${props.org}/groups/${props.groupId}#add-member`}
              role="search"
              className="mb-3 flex flex-wrap items-end gap-2"
              data-testid="picker-form"
            >
              <PickerSearch
                name="pq"
                form="add-existing-member-form"
                field="personId"
                label={tq("pickerLabel")}
                hint={tq("pickerHint")}
                defaultValue={props.pickerQuery}
              />
              <button type="submit" className="min-h-11 rounded-md border border-slate-500 bg-white px-4 py-2 font-medium">
                {tq("pickerSubmit")}
              </button>
            </form>
            {props.pickerQuery ? (
              <p className="mb-2 text-sm" data-testid="picker-count" aria-live="polite">
                {tq("pickerCount", { count: props.candidates.length })}
              </p>
            ) : null}
            <GroupActionForm
              kind="addMember"
              org={props.org}
              testId="add-existing-member-form"
              hidden={{ groupId: props.groupId, mode: "existing" }}
              submit={t("addMember")}
              fields={[
                {
                  name: "personId",
                  label: t("person"),
                  type: "select",
                  options: [{ value: "", label: "—" }, ...props.candidates.map((c) => ({ value: c.id, label: `${c.name} (${c.birthYear})` }))],
                },
                joined,
              ]}
            />
          </section>
          <section>
            <h3 className="mb-2 font-semibold">
              {t("addMember")} · {t("addNew")}
            </h3>
            <GroupActionForm
              kind="addMember"
              org={props.org}
              testId="add-new-member-form"
              hidden={{ groupId: props.groupId, mode: "new" }}
              submit={t("addMember")}
              fields={[
                { name: "name", label: t("person"), type: "text" },
                {
                  name: "sex",
                  label: t("sex"),
                  type: "select",
                  options: [
                    { value: "female", label: t("female") },
                    { value: "male", label: t("male") },
                  ],
                  defaultValue: "female",
                },
                { name: "birthYear", label: t("birthYear"), type: "number" },
                { name: "settlementId", label: t("settlement"), type: "select", options: props.settlements.map((s) => ({ value: s.id, label: s.name })) },
                { name: "householdSize", label: t("householdSize"), type: "number" },
                {
                  name: "householdStatus",
                  label: t("householdStatus"),
                  type: "select",
                  options: (["host", "refugee_out_of_camp", "refugee_in_camp", "returnee"] as const).map((s) => ({ value: s, label: th(s) })),
                  defaultValue: "host",
                },
                { name: "cashTransferSince", label: t("cashTransfer"), type: "date" },
                ...wgDomains.map(wgField),
                joined,
              ]}
            />
          </section>
        </div>
      ) : null}
    </Card>
  );
}
