import "server-only";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { listSurveyQuarters } from "@/lib/cohesion/queries";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import type { DataTableModel } from "@/lib/exports/table";
import type { Reader } from "@/lib/privacy/suppress";
import { today } from "@/lib/prices/dates";
import { compareColumnSets, type CompareContext } from "./columns";
import { listMemberOrgs } from "./members";
import type { CompareParams } from "./params";

type Labels = (key: string, values?: Record<string, string | number>) => string;

/** The consortium's members side by side: one row per member, every column set's cells. */
export async function loadCompareTable(
  db: Queryable,
  consortium: TenantOrg,
  reader: Reader,
  params: CompareParams,
  t: Labels,
  orgTypeLabel: (type: string) => string,
) {
  const members = await listMemberOrgs(db, consortium.id);
  const villageIds = (await listVisibleVillages(db, consortium)).map((v) => v.id);
  const [quarter] = await listSurveyQuarters(db, villageIds);
  const ctx: CompareContext = { reader, quarter, params, on: today() };
  const rows = [];
  for (const m of members) {
    const cells = [];
    for (const set of compareColumnSets) cells.push(...(await set.load(db, m, ctx)));
    rows.push([m.name, orgTypeLabel(m.type), ...cells]);
  }
  const table: DataTableModel = {
    id: "compare",
    title: t("tableTitle", { quarter: quarter ?? "—" }),
    columns: [
      { key: "member", label: t("col.member"), hxl: "#org+name" },
      { key: "type", label: t("col.type"), hxl: "#org+type" },
      ...compareColumnSets.flatMap((s) => s.columns.map((c) => ({ key: c.key, label: t(c.labelKey, c.labelValues?.(ctx)), hxl: c.hxl }))),
    ],
    rows,
  };
  return { table, members, quarter };
}
