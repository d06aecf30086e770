import "server-only";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { cellOf, type DataTableModel } from "@/lib/exports/table";
import { Disclosure, mayReceivePersonRows, type Reader } from "@/lib/privacy/suppress";
import { dateInText, type InclusionParams } from "./params";
import { aggregateInclusion, countAidsByType, listPeople } from "./queries";
import { buildAidsTable, buildNeverIncludedTable, buildParticipationTable, buildSexDisabilityTable, buildWithoutAidTable } from "./summary-tables";
import { buildBreakdownTables, publish, type Labels, type PendingTable } from "./tables";

export const inclusionTableIds = [
  "sex-disability",
  "sex",
  "age",
  "disability",
  "domains",
  "status",
  "participation",
  "participation-by",
  "never-included",
  "aids",
  "aid-gap",
  "without-aid",
] as const;
export type InclusionTableId = (typeof inclusionTableIds)[number];
/** Person-level lists: only for readers who may receive them (and never through the API: lib/api/tables.ts). */
export const personTableIds = ["never-included", "without-aid"] as const satisfies readonly InclusionTableId[];
type PersonTableId = (typeof personTableIds)[number];
export type InclusionTables = Record<Exclude<InclusionTableId, PersonTableId>, DataTableModel> & Partial<Record<PersonTableId, DataTableModel>>;

/**
 * Everything the inclusion dashboard shows, for the page and the exports alike (same function,
 * same figures). `org` is whose groups are read (lib/groups/scope.ts); person lists are built
 * only for readers allowed to receive person-level rows, and are absent otherwise.
 */
export async function loadInclusionDashboard(
  db: Queryable,
  org: Pick<TenantOrg, "id" | "type">,
  reader: Reader,
  params: InclusionParams,
  t: Labels,
  locale: string,
) {
  const q = { org, on: params.on, by: params.by, locale };
  // One disclosure for every table of the page: none gives away another's hidden cell.
  const disclosure = new Disclosure(reader);
  const ctx = { t, reader, by: params.by, on: dateInText(params.on, locale), disclosure };
  const counts = await aggregateInclusion(db, q);
  const persons = mayReceivePersonRows(reader);
  const b = buildBreakdownTables(counts, ctx);
  const pending: Record<Exclude<InclusionTableId, PersonTableId>, PendingTable> = {
    "sex-disability": buildSexDisabilityTable(counts, ctx),
    sex: b.sex,
    age: b.age,
    disability: b.disability,
    domains: b.domains,
    status: b.status,
    participation: buildParticipationTable(counts.total, ctx),
    "participation-by": b.participationBy,
    aids: buildAidsTable(await countAidsByType(db, q), ctx),
    "aid-gap": b.aidGap,
  };
  const tables = Object.fromEntries(Object.entries(pending).map(([k, v]) => [k, publish(v, disclosure)])) as InclusionTables;
  if (persons) {
    tables["never-included"] = buildNeverIncludedTable(await listPeople(db, q, "neverIncluded"), ctx);
    tables["without-aid"] = buildWithoutAidTable(await listPeople(db, q, "withoutAid"), ctx);
  }
  return { tables, total: counts.total, persons };
}

export type InclusionDashboard = Awaited<ReturnType<typeof loadInclusionDashboard>>;

/** Chart data drawn from a table: the chosen rows and columns; "<5" and empty cells are not drawn. */
export function chartData(table: DataTableModel, rows: number[], keys: string[]) {
  return rows.map((i) => ({
    label: String(table.rows[i][0]),
    values: keys.map((k) => {
      const v = cellOf(table, k, i);
      return typeof v === "number" ? v : null;
    }),
  }));
}
