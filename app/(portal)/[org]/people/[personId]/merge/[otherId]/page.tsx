import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findOwnPerson } from "@/lib/people/edit-service";
import { listMergeLinks, loadMergeFacts } from "@/lib/people/merge-queries";
import { choiceField, differingDetails, isCountedDetail, proposedSource, type MergeDetailField } from "@/lib/people/merge-details";
import { today } from "@/lib/dates";
import { answersOf, wgDomains, wgStatus } from "@/lib/wgss";
import { MergePersonForm, type DetailChoice } from "@/components/forms/merge-person-form";
import { Card } from "@/components/ui/card";
import { ScrollBox } from "@/components/ui/scroll-box";
import { withFormMessages } from "@/components/i18n/form-messages";

type Found = NonNullable<Awaited<ReturnType<typeof findOwnPerson>>>;
const wgColumn = (d: (typeof wgDomains)[number]) => `wg${d[0].toUpperCase()}${d.slice(1)}` as `wg${Capitalize<typeof d>}`;
const wgDomain = (column: string) => wgDomains.find((d) => wgColumn(d) === column) ?? "seeing";

/**
 * Two of an NGO's people side by side, to merge one into the other (issue 14.4): the person of the
 * URL is kept unless `?keep=other`. For each detail where they differ the writer chooses the value
 * the kept record ends with; the page says beforehand what becomes of the same aid on both records
 * and which locked quarter would refuse the merge or a detail. Its writers only; any other reader,
 * and another NGO's person, gets "not found".
 */
async function MergePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; personId: string; otherId: string }>;
  searchParams: Promise<{ keep?: string }>;
}) {
  const [{ org: slug, personId, otherId }, { keep }] = [await params, await searchParams];
  const ctx = await requireMember(slug, "groups:write");
  if (!ctx.can("people:read") || personId === otherId) notFound();
  const locale = await getLocale();
  const data = await withTenant(ctx, async (tx) => {
    const [a, b] = [await findOwnPerson(tx, ctx.org, personId), await findOwnPerson(tx, ctx.org, otherId)];
    if (!a || !b) return null;
    const [kept, duplicate] = keep === "other" ? [b, a] : [a, b];
    const facts = await loadMergeFacts(tx, ctx.org.id, kept.person.id, duplicate.person.id, locale);
    return {
      kept,
      duplicate,
      facts,
      aids: [facts.aids.filter((a) => a.personId === kept.person.id), facts.aids.filter((a) => a.personId === duplicate.person.id)],
      mergedInto: (await listMergeLinks(tx, ctx.org, duplicate.person)).mergedInto,
    };
  });
  if (!data) notFound();
  const { kept, duplicate } = data;
  const { facts } = data;
  const [t, tr, tg, twg, td, th, te] = [
    await getTranslations("merge"),
    await getTranslations("records"),
    await getTranslations("group"),
    await getTranslations("wg"),
    await getTranslations("disabilityStatus"),
    await getTranslations("householdStatus"),
    await getTranslations("errors"),
  ];
  const year = Number(today().slice(0, 4));
  const groupsOf = (f: Found) =>
    f.memberships.length === 0 ? (
      tr("empty")
    ) : (
      <ul className="flex flex-col gap-1">
        {f.memberships.map((m, i) => (
          <li key={`${m.id}-${i}`}>
            {m.name}{" "}
            <span className="text-sm text-slate-700" dir="ltr">
              {m.joinedOn} – {m.leftOn ?? "…"}
            </span>
          </li>
        ))}
      </ul>
    );
  const aidsOf = (rows: { id: string; kind: string; receivedOn: string }[]) =>
    rows.length === 0 ? (
      tr("empty")
    ) : (
      <ul className="flex flex-col gap-1">
        {rows.map((a) => (
          <li key={a.id}>
            {a.kind}{" "}
            <span className="text-sm text-slate-700" dir="ltr">
              {a.receivedOn}
            </span>
          </li>
        ))}
      </ul>
    );
  const householdOf = (f: Found) =>
    f.household ? t("householdValue", { settlement: f.settlement ?? tr("empty"), status: th(f.household.status), size: f.household.size }) : tr("empty");
  const detailLabel = (f: MergeDetailField) =>
    f === "name" ? tr("fields.name") : f === "sex" ? tg("sex") : f === "birthYear" ? tg("birthYear") : f === "household" ? t("household") : twg(wgDomain(f));
  const detailValue = (x: Found, f: MergeDetailField): string =>
    f === "name"
      ? x.person.name
      : f === "sex"
        ? tg(x.person.sex)
        : f === "birthYear"
          ? String(x.person.birthYear)
          : f === "household"
            ? householdOf(x)
            : twg(x.person[f]);
  const detailRow = (f: MergeDetailField): [string, (x: Found) => ReactNode] => [detailLabel(f), (x) => detailValue(x, f)];
  const rows: [string, (f: Found, i: number) => ReactNode][] = [
    ...(["name", "sex", "birthYear", "household"] as const).map(detailRow),
    [tr("disability"), (f) => td(wgStatus(answersOf(f.person), f.person.birthYear, year))],
    ...wgDomains.map((d) => detailRow(wgColumn(d))),
    [tr("groups"), (f) => groupsOf(f)],
    [t("aids"), (_f, i) => aidsOf(data.aids[i])],
  ];
  const details: DetailChoice[] = differingDetails(kept.person, duplicate.person).map((f) => {
    const locked = isCountedDetail(f) && facts.detailsLocked !== null;
    return {
      name: choiceField(f),
      label: detailLabel(f),
      kept: detailValue(kept, f),
      duplicate: detailValue(duplicate, f),
      proposed: locked ? "kept" : proposedSource(f, kept.person, duplicate.person),
      lockedNote: locked ? t("detailLocked", { quarter: facts.detailsLocked ?? "" }) : undefined,
    };
  });
  const switchHref = `/${slug}/people/${personId}/merge/${otherId}${keep === "other" ? "" : "?keep=other"}`;
  const mergedAlready = duplicate.person.mergedIntoId !== null;
  const canMerge = !mergedAlready && kept.person.mergedIntoId === null && kept.person.archivedAt === null && facts.moveLocked === null;
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href={`/${slug}/people/${personId}`} className="inline-flex min-h-11 items-center underline underline-offset-4">
          {tr("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div className="flex flex-col gap-2">
        <p>{t("intro")}</p>
        <p>{t("keptDetails")}</p>
        <p className="text-sm text-slate-700">{t("overlapNote")}</p>
        <p className="text-sm text-slate-700">{t("lockedNote")}</p>
      </div>
      <ScrollBox label={t("compareLabel")} testId="merge-compare">
        <table className="w-full border-collapse text-start">
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="p-2 text-start">
                <span className="sr-only">{t("field")}</span>
              </th>
              <th scope="col" className="p-2 text-start" data-testid="merge-kept-name">
                {t("kept")}
              </th>
              <th scope="col" className="p-2 text-start" data-testid="merge-duplicate-name">
                {t("merged")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, cell]) => (
              <tr key={label} className="border-b border-slate-200 align-top">
                <th scope="row" className="p-2 text-start font-medium text-slate-700">
                  {label}
                </th>
                <td className="p-2">{cell(kept, 0)}</td>
                <td className="p-2">{cell(duplicate, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {mergedAlready ? (
        // Also what the page shows right after the merge (the action refreshes it): announced.
        <p role="status" className="rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="merge-done-note">
          {t("alreadyMerged", { name: duplicate.person.name })}{" "}
          {data.mergedInto ? (
            <Link href={`/${slug}/people/${data.mergedInto.id}`} className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
              {data.mergedInto.name}
            </Link>
          ) : null}
        </p>
      ) : (
        <p>
          <Link href={switchHref} className="inline-flex min-h-11 items-center underline underline-offset-4" data-testid="merge-switch">
            {t("keepOther", { name: duplicate.person.name })}
          </Link>
        </p>
      )}
      {!mergedAlready && facts.aidPlan.merged.length > 0 ? (
        <div className="flex flex-col gap-1" data-testid="merge-aids-plan">
          <p className="font-medium">{t("sameAidTitle")}</p>
          <ul className="ms-5 list-disc">
            {facts.aidPlan.merged.map((m) => (
              <li key={m.removed.id} data-testid="merge-aid-merged">
                {t("sameAidMerged", { kind: m.stays.kind, kept: m.stays.receivedOn, removed: m.removed.receivedOn })}
                {m.laterKept ? ` ${t("sameAidLaterKept", { quarter: m.laterKept })}` : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!mergedAlready && facts.moveLocked ? (
        <p className="rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="merge-locked-note">
          {te("mergeQuarterLocked", { quarter: facts.moveLocked, name: duplicate.person.name })}
        </p>
      ) : null}
      {canMerge ? (
        <Card title={t("confirmTitle")}>
          <MergePersonForm
            org={slug}
            kept={{ id: kept.person.id, version: kept.person.version }}
            duplicate={{ id: duplicate.person.id, version: duplicate.person.version }}
            details={details}
            labels={{
              detailsTitle: t("detailsTitle"),
              detailsHint: details.length > 0 ? t("detailsHint") : t("noDifferences"),
              fromKept: t("fromKept"),
              fromDuplicate: t("fromDuplicate"),
              confirm: t("confirm", { kept: kept.person.name, duplicate: duplicate.person.name }),
              submit: t("submit"),
              openKept: t("openKept", { name: kept.person.name }),
            }}
          />
        </Card>
      ) : !mergedAlready && !facts.moveLocked ? (
        <p className="rounded-md border border-amber-700 bg-amber-50 p-3">{t("keptUnavailable")}</p>
      ) : null}
    </div>
  );
}

export default async function Page(props: Parameters<typeof MergePage>[0]) {
  return withFormMessages(MergePage(props));
}
