import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { readerOf, suppressCount } from "@/lib/privacy/suppress";
import { DisclosureNote } from "@/components/data/disclosure-note";
import { withTenant } from "@/lib/tenant-db";
import { listGroupFilterOptions, listGroupPage } from "@/lib/groups/queries";
import { groupFiltersOf } from "@/lib/exports/groups";
import { readPageRequest } from "@/lib/pagination";
import { Pager } from "@/components/data/pager";
import { ExportLinks } from "@/components/data/export-links";
import { SearchBox } from "@/components/search/search-box";
import { activityName, FilterForm, FilterSelect, TextLink } from "@/components/groups/ui";
import { Table, Td } from "@/components/data/table";

export async function generateMetadata() {
  return { title: (await getTranslations("groups"))("title") };
}

export default async function GroupsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:read", { manager: true });
  // A group manager's home is its group (issue 17.5).
  if (ctx.groupId) redirect(`/${slug}/groups/${ctx.groupId}`);
  const sp = await searchParams;
  const filters = groupFiltersOf(sp);
  const { list, options } = await withTenant(ctx, async (tx) => ({
    list: await listGroupPage(tx, ctx.org, filters, readPageRequest(sp)),
    options: await listGroupFilterOptions(tx, ctx.org, { ngo: filters.ngo, village: filters.village }),
  }));
  // Member counts of 1 to 4 are "<5" for a reader who may not see people (SECURITY.md, disclosure control).
  const reader = readerOf(ctx);
  const [t, ts, tk, tl, locale] = [
    await getTranslations("groups"),
    await getTranslations("groupStatus"),
    await getTranslations("activityKinds"),
    await getTranslations("limits"),
    await getLocale(),
  ];
  const tq = await getTranslations("search");
  const actName = Object.fromEntries(options.activities.map((a) => [a.code, activityName(a, locale)]));
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {ctx.can("groups:write") && ctx.org.type === "ngo" ? (
          <TextLink href={`/${slug}/groups/new`} testId="new-group-link">
            {t("newGroup")}
          </TextLink>
        ) : null}
        {ctx.can("quarters:lock") && ctx.org.type === "ngo" ? (
          <TextLink href={`/${slug}/groups/limits`} testId="limits-link">
            {tl("link")}
          </TextLink>
        ) : null}
      </div>
      <SearchBox
        q={filters.q}
        hint={tq("groupsHint")}
        keep={{ kind: filters.kind, activity: filters.activity, village: filters.village, status: filters.status, ngo: filters.ngo }}
      />
      <FilterForm apply={t("apply")}>
        {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
        <FilterSelect
          name="kind"
          label={t("kind")}
          value={filters.kind}
          all={t("all")}
          options={(["group", "individual"] as const).map((k) => ({ value: k, label: tk(k) }))}
        />
        <FilterSelect
          name="activity"
          label={t("activity")}
          value={filters.activity}
          all={t("all")}
          options={options.activities.map((a) => ({ value: a.code, label: actName[a.code] }))}
        />
        <FilterSelect
          name="village"
          label={t("village")}
          value={filters.village}
          all={t("all")}
          hint={options.villagesNeedNgo ? t("villagesNeedNgo") : undefined}
          options={options.villages.map((v) => ({ value: v.id, label: v.name }))}
        />
        <FilterSelect
          name="status"
          label={t("status")}
          value={filters.status}
          all={t("all")}
          options={(["active", "paused", "closed"] as const).map((s) => ({ value: s, label: ts(s) }))}
        />
        <FilterSelect name="ngo" label={t("ngo")} value={filters.ngo} all={t("all")} options={options.ngos.map((n) => ({ value: n.id, label: n.name }))} />
      </FilterForm>
      <p data-testid="group-count">{t("count", { count: list.count })}</p>
      {ctx.can("exports:read") && list.count > 0 ? (
        <ExportLinks org={slug} base="groups" query={{ ...filters }} title={`${t("title")} (${t("count", { count: list.count })})`} />
      ) : null}
      {list.rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <>
          <Table head={[t("name"), t("activity"), t("village"), t("ngo"), t("members"), t("status")]} testId="groups-table">
            {list.rows.map((g) => (
              <tr key={g.id}>
                <Td>
                  <TextLink href={`/${slug}/groups/${g.id}`}>{g.name}</TextLink>
                </Td>
                <Td>{actName[g.activityType]}</Td>
                <Td>{g.village}</Td>
                <Td>{g.ngo}</Td>
                <Td className="tabular-nums">{suppressCount(g.activeMembers, reader)}</Td>
                <Td>{ts(g.status)}</Td>
              </tr>
            ))}
          </Table>
          <DisclosureNote cells={list.rows.map((g) => suppressCount(g.activeMembers, reader))} />
        </>
      )}
      <Pager path={`/${slug}/groups`} searchParams={sp} page={list} />
    </div>
  );
}
