import { searchQueryOf } from "@/lib/search/query";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { listLedger, type LedgerFilters } from "@/lib/groups/ledger-queries";
import { listGroupFilterOptions } from "@/lib/groups/queries";
import { ledgerKinds } from "@/lib/groups/schema";
import { readPageRequest } from "@/lib/pagination";
import { Pager } from "@/components/data/pager";
import { SearchBox } from "@/components/search/search-box";
import { ExportLinks } from "@/components/data/export-links";
import { activityName, FilterDate, FilterForm, FilterSelect, Money, param, TextLink } from "@/components/groups/ui";
import { Table, Td } from "@/components/data/table";

export async function generateMetadata() {
  return { title: (await getTranslations("ledger"))("title") };
}

/** The ledger rows behind every dashboard figure, filtered by group, activity, village, month; in pages. */
export default async function LedgerPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:read");
  const sp = await searchParams;
  const ak = param(sp, "activityKind");
  const f: LedgerFilters = {
    group: param(sp, "group"),
    activity: param(sp, "activity"),
    village: param(sp, "village"),
    ngo: param(sp, "ngo"),
    month: param(sp, "month"),
    from: param(sp, "from"),
    to: param(sp, "to"),
    kind: param(sp, "kind"),
    activityKind: ak === "group" || ak === "individual" ? ak : undefined,
    q: searchQueryOf(sp),
  };
  const page = readPageRequest(sp);
  const locale = await getLocale();
  const { ledger, options } = await withTenant(ctx, async (tx) => ({
    ledger: await listLedger(tx, ctx.org, f, { page }),
    options: await listGroupFilterOptions(tx, ctx.org, { ngo: f.ngo, village: f.village }),
  }));
  const [t, tg, tk, tak] = [
    await getTranslations("ledger"),
    await getTranslations("groups"),
    await getTranslations("ledgerKinds"),
    await getTranslations("activityKinds"),
  ];
  const tgr = await getTranslations("group");
  const actName = Object.fromEntries(options.activities.map((a) => [a.code, activityName(a, locale)]));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <SearchBox
        q={f.q}
        hint={(await getTranslations("search"))("ledgerHint")}
        keep={{
          group: f.group,
          month: f.month,
          kind: f.kind,
          activityKind: f.activityKind,
          activity: f.activity,
          village: f.village,
          ngo: f.ngo,
          from: f.from,
          to: f.to,
        }}
      />
      <FilterForm apply={tg("apply")}>
        {f.q ? <input type="hidden" name="q" value={f.q} /> : null}
        {f.group ? <input type="hidden" name="group" value={f.group} /> : null}
        {f.month ? <input type="hidden" name="month" value={f.month} /> : null}
        <FilterSelect name="kind" label={tgr("entryKind")} value={f.kind} all={tg("all")} options={ledgerKinds.map((k) => ({ value: k, label: tk(k) }))} />
        <FilterSelect
          name="activityKind"
          label={tg("kind")}
          value={f.activityKind}
          all={tg("all")}
          options={(["group", "individual"] as const).map((k) => ({ value: k, label: tak(k) }))}
        />
        <FilterSelect
          name="activity"
          label={tg("activity")}
          value={f.activity}
          all={tg("all")}
          options={options.activities.map((a) => ({ value: a.code, label: actName[a.code] }))}
        />
        <FilterSelect
          name="village"
          label={tg("village")}
          value={f.village}
          all={tg("all")}
          hint={options.villagesNeedNgo ? tg("villagesNeedNgo") : undefined}
          options={options.villages.map((v) => ({ value: v.id, label: v.name }))}
        />
        <FilterSelect name="ngo" label={tg("ngo")} value={f.ngo} all={tg("all")} options={options.ngos.map((n) => ({ value: n.id, label: n.name }))} />
        <FilterDate name="from" label={tgr("from")} value={f.from} />
        <FilterDate name="to" label={tgr("to")} value={f.to} />
      </FilterForm>
      <p data-testid="ledger-count">
        {t("count", { count: ledger.count })}
        {f.month ? ` · ${f.month}` : ""}
      </p>
      <p>
        {t("sums")} :{" "}
        <strong>
          <Money amount={ledger.sums.MRU} currency="MRU" locale={locale} testId="ledger-sum-MRU" />
        </strong>{" "}
        ·{" "}
        <strong>
          <Money amount={ledger.sums.XOF} currency="XOF" locale={locale} testId="ledger-sum-XOF" />
        </strong>
      </p>
      {ctx.can("exports:read") && ledger.count > 0 ? (
        <ExportLinks org={slug} base="ledger" query={{ ...f }} title={(await getTranslations("exports"))("ledgerAll", { count: ledger.count })} />
      ) : null}
      {ledger.next || ledger.previous ? <p className="text-sm text-slate-700">{t("paged", { size: page.size })}</p> : null}
      <Table head={[tgr("date"), t("group"), tg("village"), tg("activity"), tgr("entryKind"), tgr("amount"), tgr("note")]} testId="ledger-list">
        {ledger.rows.map((r) => (
          <tr key={r.id}>
            <Td>{r.occurredOn}</Td>
            <Td>
              <TextLink href={`/${slug}/groups/${r.groupId}`}>{r.groupName}</TextLink>
            </Td>
            <Td>{r.village}</Td>
            <Td>{actName[r.activityType]}</Td>
            <Td>{tk(r.kind)}</Td>
            <Td>
              <Money amount={r.amount} currency={r.currency} locale={locale} />
            </Td>
            <Td>{r.note}</Td>
          </tr>
        ))}
      </Table>
      <Pager path={`/${slug}/ledger`} searchParams={sp} page={ledger} />
    </div>
  );
}
