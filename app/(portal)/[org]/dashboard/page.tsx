import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { loadDashboard, loadTotals, TOP_GROUPS, TOP_VILLAGES, type RevenueFilters } from "@/lib/groups/dashboard";
import { listDeclaredVsRecorded } from "@/lib/groups/declared";
import { readerOf } from "@/lib/privacy/suppress";
import { listGroupFilterOptions } from "@/lib/groups/queries";
import { Card } from "@/components/ui/card";
import type { declaredMetrics } from "@/lib/groups/schema";
import { RevenueBlock } from "@/components/groups/revenue-block";
import { HeadlineNumber } from "@/components/ui/headline-number";
import { ExportLinks } from "@/components/data/export-links";
import { activityName, FilterDate, FilterForm, FilterSelect, formatNumber, Money, param, TextLink } from "@/components/groups/ui";
import { Table, Td } from "@/components/data/table";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:read");
  const sp = await searchParams;
  const f: RevenueFilters = {
    from: param(sp, "from"),
    to: param(sp, "to"),
    village: param(sp, "village"),
    activity: param(sp, "activity"),
    ngo: param(sp, "ngo"),
  };
  const locale = await getLocale();
  const { d, ind, declared, options } = await withTenantRead(ctx, async (tx) => ({
    d: await loadDashboard(tx, ctx.org, f, locale, { villageLimit: TOP_VILLAGES }),
    ind: await loadTotals(tx, ctx.org, { ...f, kind: "individual" }),
    declared: await listDeclaredVsRecorded(tx, ctx.org, { ngo: f.ngo }, readerOf(ctx)),
    options: await listGroupFilterOptions(tx, ctx.org, { ngo: f.ngo, village: f.village }),
  }));
  const canDeclare = ctx.org.type === "ngo" && ctx.can("groups:write");
  const [t, tg, tm] = [await getTranslations("dashboard"), await getTranslations("groups"), await getTranslations("metrics")];
  const base = Object.entries({ ...f, kind: "sale" }).filter((e): e is [string, string] => Boolean(e[1]));
  const ledger = (extra: Record<string, string> = {}, activityKind = "group") =>
    `/${slug}/ledger?${new URLSearchParams([...base, ["activityKind", activityKind], ...Object.entries(extra)]).toString()}`;
  // The download links of a breakdown: the dashboard's filters, the table's route (app/(portal)/[org]/export/revenue).
  const exportLinks = (table: string, title: string) =>
    ctx.can("exports:read") ? <ExportLinks org={slug} base="revenue" table={table} query={{ ...f }} title={title} /> : null;
  const figure = (label: string, node: React.ReactNode, testId: string, href = ledger()) => (
    <div className="min-w-0 rounded-lg border border-slate-300 bg-white p-3">
      <div className="text-sm text-slate-700">{label}</div>
      <div className="text-xl font-bold sm:text-2xl" data-testid={testId} data-figure>
        <TextLink href={href}>{node}</TextLink>
      </div>
    </div>
  );
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-700">{t("intro")}</p>
      </div>
      <FilterForm apply={tg("apply")}>
        <FilterDate name="from" label={t("from")} value={f.from} />
        <FilterDate name="to" label={t("to")} value={f.to} />
        <FilterSelect
          name="village"
          label={tg("village")}
          value={f.village}
          all={tg("all")}
          hint={options.villagesNeedNgo ? tg("villagesNeedNgo") : undefined}
          options={options.villages.map((v) => ({ value: v.id, label: v.name }))}
        />
        <FilterSelect
          name="activity"
          label={tg("activity")}
          value={f.activity}
          all={tg("all")}
          options={options.activities.filter((a) => a.kind === "group").map((a) => ({ value: a.code, label: activityName(a, locale) }))}
        />
        <FilterSelect name="ngo" label={tg("ngo")} value={f.ngo} all={tg("all")} options={options.ngos.map((n) => ({ value: n.id, label: n.name }))} />
      </FilterForm>
      <section className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label={t("total")}>
        {figure(`${t("total")} (XOF)`, <HeadlineNumber value={d.total.xof} currency="XOF" locale={locale} />, "total-xof")}
        {figure(`${t("total")} (MRU)`, <HeadlineNumber value={d.total.mru} currency="MRU" locale={locale} />, "total-mru")}
        {figure(t("groups"), <HeadlineNumber value={d.groupCount} locale={locale} />, "group-count", `/${slug}/groups?kind=group`)}
        {figure(`${t("average")} (XOF)`, <HeadlineNumber value={d.average.xof} currency="XOF" locale={locale} />, "average-xof")}
        {figure(`${t("average")} (MRU)`, <HeadlineNumber value={d.average.mru} currency="MRU" locale={locale} />, "average-mru")}
      </section>
      {declared.length > 0 || canDeclare ? (
        <Card title={t("declaredTitle")}>
          <p className="mb-2 text-sm text-slate-700">{t("declaredIntro")}</p>
          <Table head={[t("figure"), t("declared"), t("recorded"), t("difference"), t("source")]} testId="declared-table">
            {declared.map((r) => (
              <tr key={r.id} data-testid={`declared-${r.metric}`}>
                <Td>
                  {tm(r.metric as (typeof declaredMetrics)[number])}
                  <div className="text-xs text-slate-600">« {r.label} »</div>
                </Td>
                <Td className="tabular-nums">{formatNumber(r.declared, locale)}</Td>
                <Td className="tabular-nums" data-testid="recorded">
                  {r.recorded === null ? "—" : typeof r.recorded === "string" ? r.recorded : formatNumber(r.recorded, locale)}
                </Td>
                <Td className={`tabular-nums font-bold ${typeof r.difference !== "number" ? "" : r.difference ? "text-red-800" : "text-emerald-900"}`}>
                  <span dir="ltr" data-testid="difference" data-value={r.difference ?? ""}>
                    {r.difference === null
                      ? "—"
                      : typeof r.difference === "string"
                        ? r.difference
                        : `${r.difference > 0 ? "+" : ""}${formatNumber(r.difference, locale)}`}
                  </span>
                </Td>
                <Td className="text-xs">{r.source}</Td>
              </tr>
            ))}
          </Table>
          {declared.length > 0 ? <div className="mt-2">{exportLinks("declared", t("declaredTitle"))}</div> : null}
          {canDeclare ? (
            <p className="mt-3">
              <TextLink href={`/${slug}/declared`}>{t("addDeclared")}</TextLink>
            </p>
          ) : null}
        </Card>
      ) : null}
      {d.unconverted.xof || d.unconverted.mru ? (
        <p className="rounded border border-amber-400 bg-amber-50 p-2 text-sm" data-testid="unconverted" role="note">
          {t("unconverted")} <Money amount={d.unconverted.mru} currency="MRU" locale={locale} /> ·{" "}
          <Money amount={d.unconverted.xof} currency="XOF" locale={locale} />
        </p>
      ) : null}
      {!d.perMemberOnly && d.byGroup.length === 0 ? <p>{t("noData")}</p> : null}
      {d.groupsWithSales > d.byGroup.length ? (
        <p className="text-sm text-slate-700" data-testid="by-group-limited">
          {t("topGroups", { shown: TOP_GROUPS, count: d.groupsWithSales })} <TextLink href={ledger()}>{t("allInLedger")}</TextLink>
        </p>
      ) : null}
      {d.perMemberOnly ? (
        <>
          <RevenueBlock
            title={t("byNgo")}
            rows={d.byNgo}
            layout="horizontal"
            locale={locale}
            headLabel={tg("ngo")}
            tableLabel={t("asTable")}
            testId="by-ngo"
            exportLinks={exportLinks("by-ngo", t("byNgo"))}
            href={(r) => `/${slug}/dashboard?${new URLSearchParams({ ...Object.fromEntries(base.filter(([k]) => k !== "kind")), ngo: r.key }).toString()}`}
          />
          <p className="text-sm text-slate-700" data-testid="choose-ngo">
            {t("chooseNgo")}
          </p>
        </>
      ) : null}
      {d.perMemberOnly ? null : (
        <RevenueBlock
          title={t("byGroup")}
          rows={d.byGroup}
          layout="horizontal"
          locale={locale}
          headLabel={tg("name")}
          tableLabel={t("asTable")}
          testId="by-group"
          exportLinks={exportLinks("by-group", t("byGroup"))}
          href={(r) => ledger({ group: r.key })}
        />
      )}
      <RevenueBlock
        title={t("byActivity")}
        rows={d.byActivity}
        layout="horizontal"
        locale={locale}
        headLabel={tg("activity")}
        tableLabel={t("asTable")}
        testId="by-activity"
        exportLinks={exportLinks("by-activity", t("byActivity"))}
        href={(r) => ledger({ activity: r.key })}
      />
      {d.perMemberOnly ? null : (
        <RevenueBlock
          title={t("byVillage")}
          rows={d.byVillage}
          limit={TOP_VILLAGES}
          count={d.villagesWithSales}
          more={(shown, count) => (
            <>
              {t("topVillages", { shown, count })} <TextLink href={ledger()}>{t("allInLedger")}</TextLink>
            </>
          )}
          layout="horizontal"
          locale={locale}
          headLabel={tg("village")}
          tableLabel={t("asTable")}
          testId="by-village"
          exportLinks={exportLinks("by-village", t("byVillage"))}
          href={(r) => ledger({ village: r.key })}
        />
      )}
      <RevenueBlock
        title={t("byMonth")}
        rows={d.byMonth}
        layout="vertical"
        locale={locale}
        headLabel={t("month")}
        tableLabel={t("asTable")}
        testId="by-month"
        exportLinks={exportLinks("by-month", t("byMonth"))}
        href={(r) => ledger({ month: r.key })}
      />
      <Card title={t("individualTitle")}>
        <section className="grid gap-3 sm:grid-cols-3">
          {figure(
            `${t("total")} (XOF)`,
            <HeadlineNumber value={ind.total.xof} currency="XOF" locale={locale} />,
            "individual-total-xof",
            ledger({}, "individual"),
          )}
          {figure(
            `${t("total")} (MRU)`,
            <HeadlineNumber value={ind.total.mru} currency="MRU" locale={locale} />,
            "individual-total-mru",
            ledger({}, "individual"),
          )}
          {figure(t("groups"), <HeadlineNumber value={ind.groupCount} locale={locale} />, "individual-count", `/${slug}/groups?kind=individual`)}
        </section>
      </Card>
    </div>
  );
}
