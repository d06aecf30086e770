import "server-only";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { listSurveyQuarters } from "@/lib/cohesion/queries";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import type { CellValue, DataTableModel } from "@/lib/exports/table";
import type { Reader } from "@/lib/privacy/suppress";
import { today } from "@/lib/dates";
import { compareColumnSets, type CompareColumnSet, type CompareContext } from "./columns";
import { listMemberOrgs } from "./members";
import type { CompareParams } from "./params";
import { rowsWithSameFigures } from "./shared-scope";

type Labels = (key: string, values?: Record<string, string | number>) => string;

/** The consortium's members and what their cells are computed for (latest surveyed quarter, today). */
export async function loadCompareContext(db: Queryable, consortium: TenantOrg, reader: Reader, params: CompareParams) {
  const members = await listMemberOrgs(db, consortium.id);
  const villageIds = (await listVisibleVillages(db, consortium)).map((v) => v.id);
  const [quarter] = await listSurveyQuarters(db, villageIds);
  const ctx: CompareContext = { reader, quarter, params, on: today() };
  return { members, ctx };
}

/** A statement stopped by the statement timeout (SQLSTATE 57014), however the driver wraps it. */
export function isStatementTimeout(e: unknown): boolean {
  for (let x = e as { code?: string; cause?: unknown } | undefined, depth = 0; x && depth < 4; x = x.cause as typeof x, depth++) {
    if (x.code === "57014") return true;
  }
  return false;
}

/**
 * Every member's cells (one row per member, in order): each set loads all members at once, in a
 * savepoint of its own. A set whose statement outruns the statement timeout (the whole country's
 * members at once can) leaves its columns empty and is named in `unavailable`, so that the page
 * still shows the other sets and says which columns it could not compute, instead of failing.
 */
export async function loadCompareCells(
  db: Queryable,
  members: readonly TenantOrg[],
  ctx: CompareContext,
  sets: readonly CompareColumnSet[] = compareColumnSets,
): Promise<{ rows: CellValue[][]; unavailable: string[] }> {
  const rows = members.map((): CellValue[] => []);
  const unavailable: string[] = [];
  for (const set of sets) {
    let cells: CellValue[][];
    try {
      cells = await db.transaction((sp) => set.loadAll(sp as Queryable, members, ctx));
    } catch (e) {
      if (!isStatementTimeout(e)) throw e;
      unavailable.push(set.id);
      cells = members.map(() => set.columns.map(() => null));
    }
    cells.forEach((c, i) => rows[i].push(...c));
  }
  return { rows, unavailable };
}

/**
 * The consortium's members side by side: one row per member, every column set's cells, in a
 * fixed number of statements whatever the number of members (issue 10): the members, the
 * consortium's latest surveyed quarter, then a handful per column set for all members together.
 */
export async function loadCompareTable(
  db: Queryable,
  consortium: TenantOrg,
  reader: Reader,
  params: CompareParams,
  t: Labels,
  orgTypeLabel: (type: string) => string,
) {
  const { members, ctx } = await loadCompareContext(db, consortium, reader, params);
  const { rows: cells, unavailable } = await loadCompareCells(db, members, ctx);
  const quarter = ctx.quarter;
  const table: DataTableModel = {
    id: "compare",
    title: t("tableTitle", { quarter: quarter ?? "—" }),
    columns: [
      { key: "member", label: t("col.member"), hxl: "#org+name" },
      { key: "type", label: t("col.type"), hxl: "#org+type" },
      ...compareColumnSets.flatMap((s) =>
        s.columns.map((c) => ({ key: c.key, label: t(c.labelKey, c.labelValues?.(ctx)), hxl: c.hxl, group: t(`sets.${s.id}`) })),
      ),
    ],
    rows: members.map((m, i) => [m.name, orgTypeLabel(m.type), ...cells[i]]),
  };
  // Members showing the same figures (an NGO and the commune whose groups it all supports): the
  // page says why, rather than leave two identical rows unexplained.
  const own = new Set(table.columns.flatMap((c, j) => (["member", "type", "accounts"].includes(c.key) ? [j] : [])));
  const sameFigures = rowsWithSameFigures(table.rows, own).map((set) => set.map((i) => members[i].name));
  return { table, members, quarter, sameFigures, unavailable };
}
