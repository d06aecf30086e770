import "server-only";
import { getTranslations } from "next-intl/server";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import type { Locale } from "@/lib/i18n/locales";
import type { DataTableModel } from "@/lib/exports/table";
import { dueToReorder, outsAndRevenue, shrinkageByMonth, stockOutDays } from "./supply";

/** The supply dashboard's tables, as the page shows them and the export route names them. */
export const supplyTableIds = ["out-days", "reorder", "shrinkage", "revenue"] as const;
export type SupplyTableId = (typeof supplyTableIds)[number];

const average = (total: number, groups: number) => (groups > 0 ? Math.round(total / groups) : null);

/**
 * Every table of the supply dashboard (issue 17, point 2) as data, labelled in `locale`: the page
 * renders these very objects and the exports serialise them, so a download equals the screen.
 */
export async function loadSupplyTables(db: Queryable, org: Pick<TenantOrg, "id" | "type">, locale: Locale): Promise<Record<SupplyTableId, DataTableModel>> {
  const t = await getTranslations({ locale, namespace: "supply" });
  const [days, due, shrink, revenue] = [
    await stockOutDays(db, org, locale),
    await dueToReorder(db, org, locale),
    await shrinkageByMonth(db, org, locale),
    await outsAndRevenue(db, org),
  ];
  return {
    "out-days": {
      id: "out-days",
      title: t("outDaysTitle"),
      columns: [
        { key: "month", label: t("month"), hxl: "#date+month" },
        { key: "village", label: t("village"), hxl: "#loc+name" },
        { key: "item", label: t("item"), hxl: "#item+name" },
        { key: "days", label: t("days"), hxl: "#indicator+stockout_days" },
        { key: "groups", label: t("groups"), hxl: "#org+count" },
      ],
      rows: days.map((r) => [r.month, r.village, r.item, r.days, r.groups]),
    },
    reorder: {
      id: "reorder",
      title: t("reorderTitle"),
      columns: [
        { key: "group", label: t("group"), hxl: "#org+name" },
        { key: "village", label: t("village"), hxl: "#loc+name" },
        { key: "item", label: t("item"), hxl: "#item+name" },
        { key: "level", label: t("level"), hxl: "#indicator+stock" },
        { key: "daysLeft", label: t("daysLeft"), hxl: "#indicator+days_left" },
        { key: "nextPurchase", label: t("nextPurchase"), hxl: "#date+next_purchase" },
        { key: "daysToNext", label: t("daysToNext"), hxl: "#indicator+days_to_purchase" },
      ],
      rows: due.map((r) => [r.group, r.village, `${r.item} (${r.unit})`, r.level, r.daysLeft, r.nextPurchase ?? t("estimated"), r.daysToNext]),
    },
    shrinkage: {
      id: "shrinkage",
      title: t("shrinkageTitle"),
      columns: [
        { key: "month", label: t("month"), hxl: "#date+month" },
        { key: "village", label: t("village"), hxl: "#loc+name" },
        { key: "item", label: t("item"), hxl: "#item+name" },
        { key: "counts", label: t("counts"), hxl: "#indicator+counts" },
        { key: "expected", label: t("expected"), hxl: "#indicator+expected" },
        { key: "counted", label: t("counted"), hxl: "#indicator+counted" },
        { key: "shrinkage", label: t("shrinkage"), hxl: "#indicator+shrinkage" },
      ],
      rows: shrink.map((r) => [r.month, r.village, `${r.item} (${r.unit})`, r.counts, r.expected, r.counted, r.shrinkage]),
    },
    revenue: {
      id: "revenue",
      title: t("revenueTitle"),
      columns: [
        { key: "month", label: t("month"), hxl: "#date+month" },
        { key: "outDays", label: t("outDays"), hxl: "#indicator+stockout_days" },
        { key: "groupsOut", label: t("groupsOut"), hxl: "#org+count+stockout" },
        { key: "currency", label: t("currency"), hxl: "#currency" },
        { key: "avgOut", label: t("avgOut"), hxl: "#value+revenue+avg+stockout" },
        { key: "avgNotOut", label: t("avgNotOut"), hxl: "#value+revenue+avg+no_stockout" },
      ],
      rows: revenue.map((r) => [
        r.month,
        r.outDays,
        r.groupsOut,
        r.currency ?? t("noSales"),
        average(r.revenueOut, r.sellingOut),
        average(r.revenueNotOut, r.sellingNotOut),
      ]),
    },
  };
}
