import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { toLocale } from "@/lib/i18n/locales";
import { loadSupplyTables, supplyTableIds } from "@/lib/stock/supply-tables";
import { SELLING_WINDOW_DAYS } from "@/lib/stock/levels";
import { NEXT_PURCHASE_FALLBACK_DAYS } from "@/lib/stock/supply";
import { TableCard } from "@/components/inclusion/table-card";

export async function generateMetadata() {
  return { title: (await getTranslations("supply"))("title") };
}

/**
 * The supply dashboard of an NGO, a commune, a network or a consortium (issue 17, point 2): the
 * stock of the groups it may read, from their movements, counts and stock-out records.
 */
export default async function SupplyPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:read");
  const [t, locale] = [await getTranslations("supply"), toLocale(await getLocale())];
  const tables = await withTenantRead(ctx, (tx) => loadSupplyTables(tx, ctx.org, locale));
  const exportTo = ctx.can("exports:read") ? { org: slug, base: "supply" } : undefined;
  const help: Partial<Record<(typeof supplyTableIds)[number], string>> = {
    reorder: t("reorderHelp", { days: SELLING_WINDOW_DAYS, fallback: NEXT_PURCHASE_FALLBACK_DAYS }),
    revenue: t("revenueHelp"),
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      {supplyTableIds.map((id) => (
        <TableCard key={id} table={tables[id]} exportTo={exportTo && { ...exportTo, table: id }} empty={t("none")}>
          {help[id] ? <p className="text-sm text-slate-700">{help[id]}</p> : null}
        </TableCard>
      ))}
    </div>
  );
}
