import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { listOf, translatorInText, valuesInText } from "@/lib/i18n/isolate";
import { compareParams } from "@/lib/compare/params";
import { loadCompareTable } from "@/lib/compare/table";
import { currencies } from "@/lib/money";
import { readerOf } from "@/lib/privacy/suppress";
import { DataTable } from "@/components/data/data-table";
import { sortHref, urlSort } from "@/components/data/table";
import { ExportLinks } from "@/components/data/export-links";
import { Card } from "@/components/ui/card";
import { FilterDate, FilterForm } from "@/components/groups/ui";

export async function generateMetadata() {
  const t = await getTranslations("compare");
  return { title: t("title") };
}

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "cohesion:compare");
  if (ctx.org.type !== "consortium") notFound(); // held only by consortia; kept as a second check
  const sp = await searchParams;
  const p = compareParams(sp);
  const t = await getTranslations("compare");
  const tt = await getTranslations("orgTypes");
  const locale = await getLocale();
  const { table, members, sameFigures, unavailable } = await withTenantRead(ctx, (tx) =>
    loadCompareTable(tx, ctx.org, readerOf(ctx), p, translatorInText(t as never, locale), (type) => tt(type as never)),
  );
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl">{t("intro")}</p>
      <FilterForm apply={t("show")}>
        <FilterDate name="from" label={t("from")} value={p.from} />
        <FilterDate name="to" label={t("to")} value={p.to} />
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("currency")}</span>
          <select name="currency" defaultValue={p.currency} className="min-h-11 rounded-md border border-slate-400 bg-white px-2">
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </FilterForm>
      <p className="text-sm" data-testid="compare-period">
        {t("period")} : {p.from || p.to ? t("periodRange", valuesInText({ from: p.from ?? "…", to: p.to ?? "…" }, locale)) : t("periodAll")}
      </p>
      <Card title={table.title}>
        <div className="flex flex-col gap-3">
          {unavailable.length > 0 ? (
            <p role="status" className="max-w-3xl rounded-md border border-amber-600 bg-amber-50 p-3 text-sm text-slate-900" data-testid="compare-unavailable">
              {t("unavailable", {
                sets: listOf(
                  unavailable.map((id) => t(`sets.${id}` as never)),
                  locale,
                ),
              })}
            </p>
          ) : null}
          <DataTable table={table} empty={t("noMembers")} locale={locale} sort={{ ...urlSort(sp), href: sortHref(`/${slug}/compare`, sp) }} />
          {sameFigures.map((names) => (
            <p key={names.join("|")} className="max-w-3xl text-sm text-slate-800" data-testid="same-figures">
              {t("sameFigures", { members: listOf(names, locale) })}
            </p>
          ))}
          {ctx.can("exports:read") ? (
            <ExportLinks org={slug} base="compare" query={{ currency: p.currency, from: p.from, to: p.to }} title={table.title} />
          ) : null}
        </div>
      </Card>
      <Card title={t("drillTitle")}>
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {members.map((m) => (
            <li key={m.slug} className="py-2">
              <Link href={`/${slug}/compare/${m.slug}`} className="underline underline-offset-4">
                {m.name}
              </Link>{" "}
              <span className="text-sm text-slate-700">· {tt(m.type)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
