import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  activityTypes,
  customerCreditNames,
  customerCredits,
  groups,
  ledgerEntries,
  ledgerEntryHistory,
  ledgerEntryNoteHistory,
  ledgerEntryNotes,
  places,
  profitDistributions,
  profitShares,
} from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { DEFAULT_PAGE_SIZE, keyset, type PageRequest } from "@/lib/pagination";
import { isIsoDate } from "@/lib/dates";
import { amountOf, dateRangeOf, nameMatchSql, searchKeyOf, textMatchSql } from "@/lib/search/query";
import { isUuid, groupScopeSql } from "./scope";

type Org = Pick<TenantOrg, "id" | "type">;

export interface LedgerFilters {
  group?: string;
  activity?: string;
  village?: string;
  ngo?: string;
  /** YYYY-MM */
  month?: string;
  from?: string;
  to?: string;
  kind?: string;
  /** group activities or individual ones */
  activityKind?: "group" | "individual";
  /** The search box: an amount, a day or month, or a group's, village's or note's words. */
  q?: string;
}

/** A ledger row matches the search box by its amount, its date, or its group, village or note. */
function ledgerSearchSql(q: string): SQL {
  const amount = amountOf(q);
  const days = dateRangeOf(q);
  return sql`(${sql.join(
    [
      ...(amount !== undefined ? [sql`${ledgerEntries.amount} = ${amount}`] : []),
      ...(days ? [sql`${ledgerEntries.occurredOn} between ${days.from} and ${days.to}`] : []),
      nameMatchSql(searchKeyOf(groups), q),
      sql`${groups.villageId} in (select p.id from places p where ${textMatchSql(sql`p.name`, q)})`,
      // Notes: the normalised words only (no skeleton), computed per row of the scope. Only the
      // supporting NGO reads notes (ledger_entry_notes' row-level security): nobody else finds by them.
      sql`${ledgerEntries.id} in (select n.entry_id from ledger_entry_notes n where app_search_norm(n.note) like '%' || app_search_norm(${q}) || '%')`,
    ],
    sql` or `,
  )})`;
}

function ledgerFilterSql(f: LedgerFilters): SQL[] {
  const out: SQL[] = [];
  if (f.group) out.push(isUuid(f.group) ? eq(ledgerEntries.groupId, f.group) : sql`false`);
  if (f.activity) out.push(eq(groups.activityType, f.activity));
  if (f.village) out.push(isUuid(f.village) ? eq(groups.villageId, f.village) : sql`false`);
  if (f.ngo) out.push(isUuid(f.ngo) ? eq(groups.ngoOrgId, f.ngo) : sql`false`);
  if (f.month && /^\d{4}-\d{2}$/.test(f.month)) out.push(sql`to_char(${ledgerEntries.occurredOn}, 'YYYY-MM') = ${f.month}`);
  if (f.from && isIsoDate(f.from)) out.push(sql`${ledgerEntries.occurredOn} >= ${f.from}`);
  if (f.to && isIsoDate(f.to)) out.push(sql`${ledgerEntries.occurredOn} <= ${f.to}`);
  if (f.kind) out.push(sql`${ledgerEntries.kind}::text = ${f.kind}`);
  if (f.activityKind) out.push(sql`${activityTypes.kind}::text = ${f.activityKind}`);
  if (f.q) out.push(ledgerSearchSql(f.q));
  return out;
}

/** Newest first; the id breaks ties (the seed writes thousands of rows in one transaction). */
const ledgerKeyset = keyset(
  [
    { column: ledgerEntries.occurredOn, type: "date" },
    { column: ledgerEntries.createdAt, type: "timestamptz" },
    { column: ledgerEntries.id, type: "uuid" },
  ],
  "desc",
);

/**
 * One page of the ledger rows the organisation may read (the rows behind every dashboard
 * figure), with the count and the sums per currency of every row that matches, not just the
 * page's. `limit` is the size of the first page when no page is asked for.
 */
export async function listLedger(db: Queryable, org: Org, f: LedgerFilters, opts: { includeVoided?: boolean; limit?: number; page?: PageRequest } = {}) {
  const { rows, next, previous } = await listLedgerRows(db, org, f, opts);
  const where = and(groupScopeSql(org), ...ledgerFilterSql(f), opts.includeVoided ? undefined : sql`${ledgerEntries.voidedAt} is null`);
  const [totals] = await db
    .select({
      n: sql<number>`count(*)::int`,
      xof: sql<string>`coalesce(sum(case when ${ledgerEntries.currency} = 'XOF' then ${ledgerEntries.amount} end), 0)::text`,
      mru: sql<string>`coalesce(sum(case when ${ledgerEntries.currency} = 'MRU' then ${ledgerEntries.amount} end), 0)::text`,
    })
    .from(ledgerEntries)
    .innerJoin(groups, and(eq(groups.id, ledgerEntries.groupId), eq(groups.ngoOrgId, ledgerEntries.ngoOrgId)))
    .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
    .where(where);
  return { rows, next, previous, count: totals.n, sums: { XOF: Number(totals.xof), MRU: Number(totals.mru) } };
}

/** One page of the ledger rows, without the count and sums (an export reads page after page). */
export async function listLedgerRows(db: Queryable, org: Org, f: LedgerFilters, opts: { includeVoided?: boolean; limit?: number; page?: PageRequest } = {}) {
  const where = and(groupScopeSql(org), ...ledgerFilterSql(f), opts.includeVoided ? undefined : sql`${ledgerEntries.voidedAt} is null`);
  const plan = ledgerKeyset.plan(opts.page ?? { size: opts.limit ?? DEFAULT_PAGE_SIZE });
  const fetched = await db
    .select({
      id: ledgerEntries.id,
      groupId: ledgerEntries.groupId,
      groupName: groups.name,
      village: places.name,
      activityType: groups.activityType,
      kind: ledgerEntries.kind,
      occurredOn: ledgerEntries.occurredOn,
      amount: ledgerEntries.amount,
      currency: ledgerEntries.currency,
      // Read by the supporting NGO only (ledger_entry_notes' row-level security): '' for others.
      note: sql<string>`coalesce(${ledgerEntryNotes.note}, '')`,
      version: ledgerEntries.version,
      voidedAt: ledgerEntries.voidedAt,
      voidReason: ledgerEntries.voidReason,
      cursorKey: ledgerKeyset.keySql,
    })
    .from(ledgerEntries)
    .innerJoin(groups, and(eq(groups.id, ledgerEntries.groupId), eq(groups.ngoOrgId, ledgerEntries.ngoOrgId)))
    .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
    .innerJoin(places, eq(places.id, groups.villageId))
    .leftJoin(ledgerEntryNotes, eq(ledgerEntryNotes.entryId, ledgerEntries.id))
    .where(and(where, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(fetched);
}

/** The history row of a note's change (not an audited action: the notes' own history). */
export const NOTE_CHANGE = "note";

/**
 * Corrections and voidings of a verified group's entries, and the changes of their notes (which
 * only the supporting NGO reads: none for other readers); of the given entries only, if named.
 */
export async function listEntryHistory(db: Queryable, groupId: string, entryIds?: string[]) {
  if (entryIds?.length === 0) return [];
  const changes = await db
    .select({
      id: ledgerEntryHistory.id,
      entryId: ledgerEntryHistory.entryId,
      action: ledgerEntryHistory.action,
      changedAt: ledgerEntryHistory.changedAt,
      changedBy: ledgerEntryHistory.changedBy,
      before: ledgerEntryHistory.before,
      after: ledgerEntryHistory.after,
    })
    .from(ledgerEntryHistory)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerEntryHistory.entryId))
    .where(and(eq(ledgerEntries.groupId, groupId), entryIds ? inArray(ledgerEntryHistory.entryId, entryIds) : undefined))
    .orderBy(desc(ledgerEntryHistory.changedAt));
  const notes = await db
    .select({
      id: ledgerEntryNoteHistory.id,
      entryId: ledgerEntryNoteHistory.entryId,
      changedAt: ledgerEntryNoteHistory.changedAt,
      changedBy: ledgerEntryNoteHistory.changedBy,
      before: ledgerEntryNoteHistory.before,
      after: ledgerEntryNoteHistory.after,
    })
    .from(ledgerEntryNoteHistory)
    .where(and(eq(ledgerEntryNoteHistory.groupId, groupId), entryIds ? inArray(ledgerEntryNoteHistory.entryId, entryIds) : undefined))
    .orderBy(desc(ledgerEntryNoteHistory.changedAt));
  return [...changes, ...notes.map((n) => ({ ...n, action: NOTE_CHANGE, before: { note: n.before }, after: { note: n.after } }))].sort(
    (a, b) => b.changedAt.getTime() - a.changedAt.getTime(),
  );
}

/** Credits of a verified group with repaid and outstanding amounts; overdue when past due. */
export async function listCredits(db: Queryable, groupId: string, today: string) {
  const rows = await db
    .select({
      id: customerCredits.id,
      // Read by the supporting NGO only (customer_credit_names' row-level security): '' for others.
      customerName: sql<string>`coalesce(${customerCreditNames.customerName}, '')`,
      community: customerCredits.community,
      amount: customerCredits.amount,
      currency: customerCredits.currency,
      grantedOn: customerCredits.grantedOn,
      dueOn: customerCredits.dueOn,
      repaid: sql<string>`coalesce((select sum(r.amount) from credit_repayments r where r.credit_id = ${customerCredits.id}), 0)::text`,
    })
    .from(customerCredits)
    .leftJoin(customerCreditNames, eq(customerCreditNames.creditId, customerCredits.id))
    // A credit voided with its sale is no debt (migration 0013 voids them together).
    .where(and(eq(customerCredits.groupId, groupId), isNull(customerCredits.voidedAt)))
    .orderBy(asc(customerCredits.dueOn));
  return rows.map((r) => {
    const outstanding = r.amount - Number(r.repaid);
    return { ...r, repaid: Number(r.repaid), outstanding, isOverdue: outstanding > 0 && r.dueOn < today };
  });
}

export async function listDistributions(db: Queryable, groupId: string) {
  const ds = await db.select().from(profitDistributions).where(eq(profitDistributions.groupId, groupId)).orderBy(desc(profitDistributions.periodTo));
  const shares = ds.length
    ? await db
        .select()
        .from(profitShares)
        .where(sql`${profitShares.distributionId} in (select id from profit_distributions where group_id = ${groupId})`)
    : [];
  return ds.map((d) => ({ ...d, shares: shares.filter((s) => s.distributionId === d.id) }));
}
