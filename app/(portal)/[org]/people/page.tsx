import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { listPeoplePage } from "@/lib/people/search";
import { readPageRequest } from "@/lib/pagination";
import { searchQueryOf } from "@/lib/search/query";
import { Pager } from "@/components/data/pager";
import { SearchBox } from "@/components/search/search-box";
import { TextLink } from "@/components/groups/ui";
import { Table, Td } from "@/components/data/table";

export async function generateMetadata() {
  return { title: (await getTranslations("peopleList"))("title") };
}

/**
 * The people an NGO recorded, found by name (any script, accents or case) or village (issue 14,
 * point 4). Person-level rows: people:read (the NGO's own roles); anyone else gets "not found".
 */
export default async function PeoplePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "people:read");
  const sp = await searchParams;
  const q = searchQueryOf(sp);
  const list = await withTenant(ctx, (tx) => listPeoplePage(tx, ctx.org, { q }, readPageRequest(sp)));
  const [t, tq, tg] = [await getTranslations("peopleList"), await getTranslations("search"), await getTranslations("group")];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <SearchBox q={q} hint={tq("peopleHint")} />
      <p data-testid="people-count" aria-live="polite">
        {t("count", { count: list.count })}
      </p>
      {list.rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <Table head={[t("name"), t("sex"), t("birthYear"), t("village"), t("status")]} testId="people-table">
          {list.rows.map((p) => (
            <tr key={p.id}>
              <Td>
                <TextLink href={`/${slug}/people/${p.id}`}>{p.name}</TextLink>
              </Td>
              <Td>{tg(p.sex)}</Td>
              <Td className="tabular-nums">{p.birthYear}</Td>
              <Td>{p.village ?? "—"}</Td>
              <Td>{p.archivedAt ? t("archived") : t("active")}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager path={`/${slug}/people`} searchParams={sp} page={list} />
    </div>
  );
}
