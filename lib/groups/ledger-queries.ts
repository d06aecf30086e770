import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { activityTypes, customerCredits, groups, ledgerEntries, ledgerEntryHistory, places, profitDistributions, profitShares } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
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
}

function ledgerFilterSql(f: LedgerFilters): SQL[] {
  const out: SQL[] = [];
  if (f.group) out.push(isUuid(f.group) ? eq(ledgerEntries.groupId, f.group) : sql`false`);
  if (f.activity) out.push(eq(groups.activityType, f.activity));
  if (f.village) out.push(isUuid(f.village) ? eq(groups.villageId, f.village) : sql`false`);
  if (f.ngo) out.push(isUuid(f.ngo) ? eq(groups.ngoOrgId, f.ngo) : sql`false`);
  if (f.month && /^\d{4}-\d{2}$/.test(f.month)) out.push(sql`to_char(${ledgerEntries.occurredOn}, 'YYYY-MM') = ${f.month}`);
  if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) out.push(sql`${ledgerEntries.occurredOn} >= ${f.from}`);
  if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to)) out.push(sql`${ledgerEntries.occurredOn} <= ${f.to}`);
  if (f.kind) out.push(sql`${ledgerEntries.kind}::text = ${f.kind}`);
  if (f.activityKind) out.push(sql`${activityTypes.kind}::text = ${f.activityKind}`);
  return out;
}

/** Ledger rows the organisation may read (the rows behind every dashboard figure). */
export async function listLedger(db: Queryable, org: Org, f: LedgerFilters, opts: { includeVoided?: boolean; limit?: number } = {}) {
  const where = and(groupScopeSql(org), ...ledgerFilterSql(f), opts.includeVoided ? undefined : sql`${ledgerEntries.voidedAt} is null`);
  const rows = await db
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
      note: ledgerEntries.note,
      version: ledgerEntries.version,
      voidedAt: ledgerEntries.voidedAt,
      voidReason: ledgerEntries.voidReason,
    })
    .from(ledgerEntries)
    .innerJoin(groups, and(eq(groups.id, ledgerEntries.groupId), eq(groups.ngoOrgId, ledgerEntries.ngoOrgId)))
    .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
    .innerJoin(places, eq(places.id, groups.villageId))
    .where(where)
    .orderBy(desc(ledgerEntries.occurredOn), desc(ledgerEntries.createdAt))
    .limit(opts.limit ?? 500);
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
  return { rows, count: totals.n, sums: { XOF: Number(totals.xof), MRU: Number(totals.mru) } };
}

/** Sums per kind and currency of a verified group's live entries over a period (for profit). */
export async function sumLedgerByKind(db: Queryable, groupId: string, currency: "XOF" | "MRU", from: string, to: string) {
  const rows = await db
    .select({ kind: ledgerEntries.kind, total: sql<string>`sum(${ledgerEntries.amount})::text` })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.groupId, groupId),
        eq(ledgerEntries.currency, currency),
        sql`${ledgerEntries.voidedAt} is null`,
        sql`${ledgerEntries.occurredOn} between ${from} and ${to}`,
      ),
    )
    .groupBy(ledgerEntries.kind);
  const out = { sale: 0, stock_purchase: 0, other_expense: 0, contribution: 0 };
  for (const r of rows) out[r.kind] = Number(r.total);
  return out;
}

export async function listEntryHistory(db: Queryable, groupId: string) {
  return db
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
    .where(eq(ledgerEntries.groupId, groupId))
    .orderBy(desc(ledgerEntryHistory.changedAt));
}

/** Credits of a verified group with repaid and outstanding amounts; overdue when past due. */
export async function listCredits(db: Queryable, groupId: string, today: string) {
  const rows = await db
    .select({
      id: customerCredits.id,
      customerName: customerCredits.customerName,
      community: customerCredits.community,
      amount: customerCredits.amount,
      currency: customerCredits.currency,
      grantedOn: customerCredits.grantedOn,
      dueOn: customerCredits.dueOn,
      repaid: sql<string>`coalesce((select sum(r.amount) from credit_repayments r where r.credit_id = ${customerCredits.id}), 0)::text`,
    })
    .from(customerCredits)
    .where(eq(customerCredits.groupId, groupId))
    .orderBy(asc(customerCredits.dueOn));
  return rows.map((r) => {
    const outstanding = r.amount - Number(r.repaid);
    return { ...r, repaid: Number(r.repaid), outstanding, isOverdue: outstanding > 0 && r.dueOn < today };
  });
}

export async function listDistributions(db: Queryable, groupId: string) {
  const ds = await db.select().from(profitDistributions).where(eq(profitDistributions.groupId, groupId)).orderBy(desc(profitDistributions.periodTo));
  const shares = ds.length
    ? await db.select().from(profitShares).where(sql`${profitShares.distributionId} in (select id from profit_distributions where group_id = ${groupId})`)
    : [];
  return ds.map((d) => ({ ...d, shares: shares.filter((s) => s.distributionId === d.id) }));
}

