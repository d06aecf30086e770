import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { listNgoSettlements } from "@/lib/groups/queries";
import { findOwnPerson } from "@/lib/people/edit-service";
import { listLikelyDuplicates, listMergeLinks } from "@/lib/people/merge-queries";
import { searchMergeCandidates } from "@/lib/people/merge-search";
import { searchQueryOf } from "@/lib/search/query";
import type { SearchParams } from "@/lib/search-params";
import { listRecordHistory } from "@/lib/records/history";
import { today } from "@/lib/dates";
import { answersOf, wgDomains, wgStatus } from "@/lib/wgss";
import { GroupActionForm, type FieldSpec } from "@/components/forms/group-forms";
import { RecordHistory } from "@/components/records/record-history";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";
import { MergePicker } from "@/components/people/merge-picker";

/**
 * A person's record, for the NGO that recorded them: details and answers (the disability derived
 * from them), household, groups, history; edit forms and archiving for its writers (issue 14);
 * for them too, the likely duplicates and a search for any other person to merge with (`?mq=`).
 * Anyone else, another NGO included, gets "not found".
 */
async function PersonPage({ params, searchParams }: { params: Promise<{ org: string; personId: string }>; searchParams?: Promise<SearchParams> }) {
  const { org: slug, personId } = await params;
  const ctx = await requireMember(slug, "people:read");
  const canWrite = ctx.can("groups:write");
  const mergeQuery = searchQueryOf((await searchParams) ?? {}, "mq");
  const data = await withTenant(ctx, async (tx) => {
    const found = await findOwnPerson(tx, ctx.org, personId);
    if (!found) return null;
    const ids = [found.person.id, ...(found.household ? [found.household.id] : [])];
    return {
      ...found,
      settlements: canWrite ? await listNgoSettlements(tx, ctx.org.id) : [],
      history: await listRecordHistory(tx, ctx.org.id, ids),
      merge: await listMergeLinks(tx, ctx.org, found.person),
      // Merging is a writer's decision (issue 14.4): the likely duplicates are shown to them only.
      duplicates: canWrite && found.person.archivedAt === null ? await listLikelyDuplicates(tx, ctx.org, found.person, found.household?.settlementId) : [],
      candidates:
        canWrite && found.person.archivedAt === null && mergeQuery
          ? await searchMergeCandidates(tx, ctx.org, found.person.id, mergeQuery)
          : { rows: [], more: false },
    };
  });
  if (!data) notFound();
  const { person, household } = data;
  const [t, tg, twg, td, th, tm] = [
    await getTranslations("records"),
    await getTranslations("group"),
    await getTranslations("wg"),
    await getTranslations("disabilityStatus"),
    await getTranslations("householdStatus"),
    await getTranslations("merge"),
  ];
  const merged = person.mergedIntoId !== null;
  const archived = person.archivedAt !== null;
  const status = wgStatus(answersOf(person), person.birthYear, Number(today().slice(0, 4)));
  const wgOptions = (["not_asked", "none", "some", "a_lot", "cannot"] as const).map((a) => ({ value: a, label: twg(a) }));
  const wgField = (d: (typeof wgDomains)[number]): FieldSpec => {
    const name = `wg${d[0].toUpperCase()}${d.slice(1)}` as keyof typeof person;
    return { name, label: twg(d), type: "select", options: wgOptions, defaultValue: String(person[name]) };
  };
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="person-name">
          {person.name}
        </h1>
        <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-3">
          {[
            [tg("sex"), tg(person.sex)],
            [tg("birthYear"), String(person.birthYear)],
            [t("disability"), td(status)],
            ...(household
              ? [
                  [tg("householdStatus"), th(household.status)],
                  [tg("householdSize"), String(household.size)],
                  [tg("settlement"), data.settlement ?? ""],
                ]
              : []),
          ].map(([k, v]) => (
            <div key={k} className="flex gap-2">
              <dt className="text-slate-700">{k}</dt>
              <dd className="font-medium">{v}</dd>
            </div>
          ))}
        </dl>
        <ul className="mt-2 flex flex-wrap gap-x-4">
          {data.memberships.map((m) => (
            <li key={`${m.id}-${m.joinedOn}`}>
              <a href={`/${slug}/groups/${m.id}`} className="inline-flex min-h-11 items-center underline underline-offset-4">
                {m.name}
              </a>{" "}
              <span className="text-sm text-slate-700" dir="ltr">
                {m.joinedOn} – {m.leftOn ?? "…"}
              </span>
            </li>
          ))}
        </ul>
        {merged ? (
          <p className="mt-2 rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="merged-note">
            {tm("mergedNote")}{" "}
            {data.merge.mergedInto ? (
              <a href={`/${slug}/people/${data.merge.mergedInto.id}`} className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
                {data.merge.mergedInto.name}
              </a>
            ) : null}
          </p>
        ) : archived ? (
          <p className="mt-2 rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="archived-note">
            {t("archivedNote")}
          </p>
        ) : null}
        {data.merge.mergedHere.length > 0 ? (
          <div className="mt-2" data-testid="merged-here">
            <p className="font-medium">{tm("mergedHere")}</p>
            <ul className="flex flex-wrap gap-x-4">
              {data.merge.mergedHere.map((m) => (
                <li key={m.id}>
                  <a href={`/${slug}/people/${m.id}`} className="inline-flex min-h-11 items-center underline underline-offset-4">
                    {m.name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {canWrite && !archived ? (
        <Card title={t("editPerson")}>
          <p className="mb-3 text-sm text-slate-700">
            {t("disabilityDerived")} {t("lockedNote")}
          </p>
          <GroupActionForm
            kind="editPerson"
            org={slug}
            hidden={{ personId: person.id, version: String(person.version) }}
            submit={t("save")}
            testId="edit-person-form"
            fields={[
              { name: "name", label: tg("person"), type: "text", defaultValue: person.name },
              {
                name: "sex",
                label: tg("sex"),
                type: "select",
                options: (["female", "male"] as const).map((x) => ({ value: x, label: tg(x) })),
                defaultValue: person.sex,
              },
              { name: "birthYear", label: tg("birthYear"), type: "number", defaultValue: String(person.birthYear) },
              ...wgDomains.map(wgField),
            ]}
          />
        </Card>
      ) : null}
      {data.duplicates.length > 0 ? (
        <Card title={tm("duplicatesTitle")}>
          <p className="mb-3 text-sm text-slate-700">{tm("duplicatesHint")}</p>
          <ul className="flex flex-col gap-2" data-testid="likely-duplicates">
            {data.duplicates.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-x-3">
                <a href={`/${slug}/people/${d.id}`} className="inline-flex min-h-11 items-center underline underline-offset-4">
                  {d.name}
                </a>
                <span className="text-slate-700">
                  {d.birthYear}
                  {d.village ? ` · ${d.village}` : ""}
                </span>
                <a
                  href={`/${slug}/people/${person.id}/merge/${d.id}`}
                  className="inline-flex min-h-11 items-center font-medium text-emerald-900 underline underline-offset-4"
                  data-testid="merge-link"
                >
                  {tm("compare")}
                </a>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {canWrite && !archived ? <MergePicker slug={slug} personId={person.id} q={mergeQuery} found={data.candidates} /> : null}
      {canWrite && household ? (
        <Card title={t("editHousehold")}>
          <GroupActionForm
            kind="editHousehold"
            org={slug}
            hidden={{ householdId: household.id, version: String(household.version) }}
            submit={t("save")}
            testId="edit-household-form"
            fields={[
              {
                name: "settlementId",
                label: tg("settlement"),
                type: "select",
                options: data.settlements.map((s) => ({ value: s.id, label: s.name })),
                defaultValue: household.settlementId,
              },
              { name: "size", label: tg("householdSize"), type: "number", defaultValue: String(household.size) },
              {
                name: "status",
                label: tg("householdStatus"),
                type: "select",
                options: (["host", "refugee_out_of_camp", "refugee_in_camp", "returnee"] as const).map((x) => ({ value: x, label: th(x) })),
                defaultValue: household.status,
              },
              { name: "cashTransferSince", label: tg("cashTransfer"), type: "date", defaultValue: household.cashTransferSince ?? "" },
            ]}
          />
        </Card>
      ) : null}
      {canWrite && !merged ? (
        <Card title={archived ? t("restore") : t("archiveTitle")}>
          <p className="mb-3 text-sm text-slate-700">{t("archiveHint")}</p>
          <GroupActionForm
            kind={archived ? "restorePerson" : "archivePerson"}
            org={slug}
            hidden={{ id: person.id, version: String(person.version) }}
            submit={archived ? t("restore") : t("archive")}
            variant={archived ? "primary" : "danger"}
            testId={archived ? "restore-form" : "archive-form"}
            fields={[]}
          />
        </Card>
      ) : null}
      <RecordHistory rows={data.history} />
    </div>
  );
}

export default async function Page(props: Parameters<typeof PersonPage>[0]) {
  return withFormMessages(PersonPage(props));
}
