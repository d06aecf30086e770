import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";

export interface RollupDifference {
  table: "ledger_rollups" | "ledger_cube" | "ledger_ngo_months" | "ledger_network_months" | "ledger_group_sales_years" | "group_counts";
  key: string;
  stored: { amount: number; entries: number } | null;
  recomputed: { amount: number; entries: number } | null;
}

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows?: T[] }).rows ?? (r as T[]);
}

/**
 * Recomputes the rollup levels (group, cube, NGO, network months; sales per group and year) from the ledger rows, and the groups'
 * counts per scope keys from the groups, and lists every difference (a missing,
 * extra or different row). Run as the owner in maintenance mode (`npm run db:verify-rollups`)
 * to see every tenant's rows; under a tenant context it checks what that tenant may read.
 */
export async function verifyRollups(db: Queryable): Promise<RollupDifference[]> {
  const groupLevel = rowsOf<{ key: string; s_amount: string | null; s_entries: number | null; r_amount: string | null; r_entries: number | null }>(
    await db.execute(sql`
      with recomputed as (
        select group_id, date_trunc('month', occurred_on)::date as month, kind, currency, ngo_org_id, sum(amount) as amount, count(*)::int as entries
        from ledger_entries where voided_at is null group by 1, 2, 3, 4, 5
      )
      select concat_ws('|', coalesce(s.group_id, r.group_id), coalesce(s.month, r.month), coalesce(s.kind, r.kind), coalesce(s.currency, r.currency)) as key,
        s.amount::text as s_amount, s.entries as s_entries, r.amount::text as r_amount, r.entries as r_entries
      from ledger_rollups s full join recomputed r
        on r.group_id = s.group_id and r.month = s.month and r.kind = s.kind and r.currency = s.currency and r.ngo_org_id = s.ngo_org_id
      where s.group_id is null or r.group_id is null or s.amount <> r.amount or s.entries <> r.entries`),
  );
  const cubeLevel = rowsOf<{ key: string; s_amount: string | null; s_entries: number | null; r_amount: string | null; r_entries: number | null }>(
    await db.execute(sql`
      with recomputed as (
        select g.ngo_org_id, g.network_org_id, g.village_id, g.activity_type, date_trunc('month', l.occurred_on)::date as month, l.kind, l.currency,
          sum(l.amount) as amount, count(*)::int as entries
        from ledger_entries l join groups g on g.id = l.group_id where l.voided_at is null group by 1, 2, 3, 4, 5, 6, 7
      )
      select concat_ws('|', coalesce(s.ngo_org_id, r.ngo_org_id), coalesce(s.network_org_id, r.network_org_id), coalesce(s.village_id, r.village_id),
          coalesce(s.activity_type, r.activity_type), coalesce(s.month, r.month), coalesce(s.kind, r.kind), coalesce(s.currency, r.currency)) as key,
        s.amount::text as s_amount, s.entries as s_entries, r.amount::text as r_amount, r.entries as r_entries
      from ledger_cube s full join recomputed r
        on r.ngo_org_id = s.ngo_org_id and r.network_org_id is not distinct from s.network_org_id and r.village_id = s.village_id
        and r.activity_type = s.activity_type and r.month = s.month and r.kind = s.kind and r.currency = s.currency
      where s.ngo_org_id is null or r.ngo_org_id is null or s.amount <> r.amount or s.entries <> r.entries`),
  );
  const ngoLevel = rowsOf<{ key: string; s_amount: string | null; s_entries: number | null; r_amount: string | null; r_entries: number | null }>(
    await db.execute(sql`
      with recomputed as (
        select g.ngo_org_id, g.activity_type, date_trunc('month', l.occurred_on)::date as month, l.kind, l.currency, sum(l.amount) as amount, count(*)::int as entries
        from ledger_entries l join groups g on g.id = l.group_id where l.voided_at is null group by 1, 2, 3, 4, 5
      )
      select concat_ws('|', coalesce(s.ngo_org_id, r.ngo_org_id), coalesce(s.activity_type, r.activity_type), coalesce(s.month, r.month),
          coalesce(s.kind, r.kind), coalesce(s.currency, r.currency)) as key,
        s.amount::text as s_amount, s.entries as s_entries, r.amount::text as r_amount, r.entries as r_entries
      from ledger_ngo_months s full join recomputed r
        on r.ngo_org_id = s.ngo_org_id and r.activity_type = s.activity_type and r.month = s.month and r.kind = s.kind and r.currency = s.currency
      where s.ngo_org_id is null or r.ngo_org_id is null or s.amount <> r.amount or s.entries <> r.entries`),
  );
  const networkLevel = rowsOf<{ key: string; s_amount: string | null; s_entries: number | null; r_amount: string | null; r_entries: number | null }>(
    await db.execute(sql`
      with recomputed as (
        select g.network_org_id, g.activity_type, date_trunc('month', l.occurred_on)::date as month, l.kind, l.currency, sum(l.amount) as amount, count(*)::int as entries
        from ledger_entries l join groups g on g.id = l.group_id where l.voided_at is null and g.network_org_id is not null group by 1, 2, 3, 4, 5
      )
      select concat_ws('|', coalesce(s.network_org_id, r.network_org_id), coalesce(s.activity_type, r.activity_type), coalesce(s.month, r.month),
          coalesce(s.kind, r.kind), coalesce(s.currency, r.currency)) as key,
        s.amount::text as s_amount, s.entries as s_entries, r.amount::text as r_amount, r.entries as r_entries
      from ledger_network_months s full join recomputed r
        on r.network_org_id = s.network_org_id and r.activity_type = s.activity_type and r.month = s.month and r.kind = s.kind and r.currency = s.currency
      where s.network_org_id is null or r.network_org_id is null or s.amount <> r.amount or s.entries <> r.entries`),
  );
  const yearLevel = rowsOf<{ key: string; s_amount: string | null; s_entries: number | null; r_amount: string | null; r_entries: number | null }>(
    await db.execute(sql`
      with recomputed as (
        select l.group_id, date_trunc('year', l.occurred_on)::date as year, l.currency, g.ngo_org_id, g.network_org_id, g.village_id,
          sum(l.amount) as amount, count(*)::int as entries
        from ledger_entries l join groups g on g.id = l.group_id where l.voided_at is null and l.kind = 'sale' group by 1, 2, 3, 4, 5, 6
      )
      select concat_ws('|', coalesce(s.group_id, r.group_id), coalesce(s.year, r.year), coalesce(s.currency, r.currency)) as key,
        s.amount::text as s_amount, s.entries as s_entries, r.amount::text as r_amount, r.entries as r_entries
      from ledger_group_sales_years s full join recomputed r
        on r.group_id = s.group_id and r.year = s.year and r.currency = s.currency and r.ngo_org_id = s.ngo_org_id
        and r.network_org_id is not distinct from s.network_org_id and r.village_id = s.village_id
      where s.group_id is null or r.group_id is null or s.amount <> r.amount or s.entries <> r.entries`),
  );
  // The groups' counts hold no amount: a count is compared as `entries` (amount 0).
  const countLevel = rowsOf<{ key: string; s_groups: number | null; r_groups: number | null }>(
    await db.execute(sql`
      with recomputed as (
        select g.ngo_org_id, g.network_org_id, g.village_id, g.activity_type, count(*)::int as groups from groups g group by 1, 2, 3, 4
      )
      select concat_ws('|', coalesce(s.ngo_org_id, r.ngo_org_id), coalesce(s.network_org_id, r.network_org_id), coalesce(s.village_id, r.village_id),
          coalesce(s.activity_type, r.activity_type)) as key, s.groups as s_groups, r.groups as r_groups
      from group_counts s full join recomputed r
        on r.ngo_org_id = s.ngo_org_id and r.network_org_id is not distinct from s.network_org_id and r.village_id = s.village_id
        and r.activity_type = s.activity_type
      where s.ngo_org_id is null or r.ngo_org_id is null or s.groups <> r.groups`),
  );
  const side = (amount: string | null, entries: number | null) => (amount === null ? null : { amount: Number(amount), entries: Number(entries) });
  return [
    ...groupLevel.map((d) => ({
      table: "ledger_rollups" as const,
      key: d.key,
      stored: side(d.s_amount, d.s_entries),
      recomputed: side(d.r_amount, d.r_entries),
    })),
    ...cubeLevel.map((d) => ({ table: "ledger_cube" as const, key: d.key, stored: side(d.s_amount, d.s_entries), recomputed: side(d.r_amount, d.r_entries) })),
    ...ngoLevel.map((d) => ({
      table: "ledger_ngo_months" as const,
      key: d.key,
      stored: side(d.s_amount, d.s_entries),
      recomputed: side(d.r_amount, d.r_entries),
    })),
    ...networkLevel.map((d) => ({
      table: "ledger_network_months" as const,
      key: d.key,
      stored: side(d.s_amount, d.s_entries),
      recomputed: side(d.r_amount, d.r_entries),
    })),
    ...yearLevel.map((d) => ({
      table: "ledger_group_sales_years" as const,
      key: d.key,
      stored: side(d.s_amount, d.s_entries),
      recomputed: side(d.r_amount, d.r_entries),
    })),
    ...countLevel.map((d) => ({
      table: "group_counts" as const,
      key: d.key,
      stored: d.s_groups === null ? null : { amount: 0, entries: Number(d.s_groups) },
      recomputed: d.r_groups === null ? null : { amount: 0, entries: Number(d.r_groups) },
    })),
  ];
}
