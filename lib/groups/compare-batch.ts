import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { convertTotals, type PeriodSums } from "@/lib/money";
import { monthRates, splitPeriod, type Unconverted } from "./dashboard";
import { rowsOf } from "./scope";

/**
 * Figures of many organisations at once (the consortium's comparison), in a fixed number of
 * statements however many there are. Each organisation's groups are exactly those of
 * groupScopeSql (lib/groups/scope.ts), written as keys a group row is matched on:
 * `ms(member_id, kind, key)` holds, per organisation, one row per key: an NGO its id (kind
 * 'ngo'); a network its id ('network'); a commune each settlement of its territory ('village');
 * a consortium each of its members ('ngo'). Anything else has no key and sees nothing. A row
 * carrying ngo_org_id, network_org_id and village_id (a group, a ledger_cube row) is in an
 * organisation's scope when one of its three keys is one of the organisation's: `joinScopeKeys`
 * unfolds the row's keys and joins them on equality, so the row is read once, and meets each
 * organisation at most once (all of an organisation's keys are of one kind).
 */
export type ScopedOrg = Pick<TenantOrg, "id" | "type">;

/** `m(id, type)`: the organisations, as one array parameter each. */
export function orgsCte(orgs: readonly ScopedOrg[]): SQL {
  const ids = sql`array[${sql.join(
    orgs.map((o) => sql`${o.id}`),
    sql`, `,
  )}]::uuid[]`;
  const types = sql`array[${sql.join(
    orgs.map((o) => sql`${o.type}`),
    sql`, `,
  )}]::text[]`;
  return sql`m as (select distinct x.id, x.type from unnest(${ids}, ${types}) as x(id, type))`;
}

/** `ms`: each organisation's scope keys (see above); needs `m`. */
export const scopeKeysCte = sql`ms as (
  select m.id as member_id, 'ngo' as kind, m.id as key from m where m.type = 'ngo'
  union all
  select m.id, 'network', m.id from m where m.type = 'cooperative_network'
  union all
  select m.id, 'village', s.id from m join organisations o on o.id = m.id join places s on o.territory_place_id = s.parent_id
  where m.type = 'commune'
  union all
  select m.id, 'ngo', cm.member_org_id from m join consortium_members cm on cm.consortium_id = m.id where m.type = 'consortium'
)`;

/** Joins `ms` (every organisation whose scope holds it) to the row aliased `alias`. */
export function joinScopeKeys(alias: string): SQL {
  const a = sql.raw(alias);
  return sql`cross join lateral (values ('ngo', ${a}.ngo_org_id), ('network', ${a}.network_org_id), ('village', ${a}.village_id)) as k(kind, key)
    join ms on ms.kind = k.kind and ms.key = k.key`;
}

/** `mg(member_id, group_id, ngo_org_id, village_id)`: the group activities in each organisation's scope; needs `ms`. */
export const memberGroupsCte = sql`mg as (
  select ms.member_id, g.id as group_id, g.ngo_org_id, g.village_id
  from groups g join activity_types a on a.code = g.activity_type ${joinScopeKeys("g")}
  where a.kind = 'group'
)`;

/** Groups of group activities per organisation (as countGroups without filters). One statement. */
export async function countGroupsOfOrgs(db: Queryable, orgs: readonly ScopedOrg[]): Promise<Map<string, number>> {
  if (orgs.length === 0) return new Map();
  const rows = rowsOf<{ id: string; n: number }>(
    // From the groups' counts per scope keys (group_counts): a row meets each organisation at most once.
    await db.execute(sql`with ${orgsCte(orgs)}, ${scopeKeysCte}
      select ms.member_id::text as id, sum(c.groups)::int as n
      from group_counts c join activity_types a on a.code = c.activity_type ${joinScopeKeys("c")}
      where a.kind = 'group' group by ms.member_id`),
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export interface OrgRevenue {
  xof: number;
  mru: number;
  unconverted: Unconverted;
}

/**
 * Revenue (live sales of group activities) of each organisation over [from, to], with the revenue
 * dashboard's rules: whole months from ledger_cube and the days of a cut month from the rows
 * (splitPeriod), each month at its rate (monthRates), converted per organisation and rounded once
 * (convertTotals), as revenueByBuckets' total. One statement. The cube is summed per scope keys
 * and rate before it meets the organisations (`cube`), and the cut days per group and rate
 * (`cut`), so that each row is read once however many organisations see it.
 */
export async function revenueOfOrgs(db: Queryable, orgs: readonly ScopedOrg[], f: { from?: string; to?: string }): Promise<Map<string, OrgRevenue>> {
  if (orgs.length === 0) return new Map();
  const p = splitPeriod(f.from, f.to);
  const sums = sql`coalesce(sum(amount) filter (where currency = 'XOF'), 0) as xof, coalesce(sum(amount) filter (where currency = 'MRU'), 0) as mru`;
  const whole: SQL[] = [sql`r.kind = 'sale'`, sql`a.kind::text = 'group'`];
  if (p.first) whole.push(sql`r.month >= ${p.first}`);
  if (p.last) whole.push(sql`r.month <= ${p.last}`);
  const ctes: SQL[] = [
    sql`cube as (
      select r.ngo_org_id, r.network_org_id, r.village_id, rp.xof_per_mru as rate, ${sums}
      from ledger_cube r join activity_types a on a.code = r.activity_type left join rp on rp.month = r.month
      where ${sql.join(whole, sql` and `)}
      group by 1, 2, 3, 4
    )`,
  ];
  const parts: SQL[] = [sql`select ms.member_id, c.rate, c.xof, c.mru from cube c ${joinScopeKeys("c")}`];
  if (p.from || p.to) {
    const cut: SQL[] = [sql`l.kind = 'sale'`, sql`l.voided_at is null`];
    if (p.from) cut.push(sql`l.occurred_on >= ${p.from}`);
    if (p.to) cut.push(sql`l.occurred_on <= ${p.to}`);
    const outside: SQL[] = [];
    if (p.first) outside.push(sql`l.occurred_on < ${p.first}`);
    if (p.afterLast) outside.push(sql`l.occurred_on >= ${p.afterLast}`);
    if (outside.length > 0) cut.push(sql`(${sql.join(outside, sql` or `)})`);
    ctes.push(
      memberGroupsCte,
      sql`cut as (
        select l.group_id, rp.xof_per_mru as rate, ${sums}
        from (select distinct group_id, ngo_org_id from mg) sg
        join ledger_entries l on l.ngo_org_id = sg.ngo_org_id and l.group_id = sg.group_id
        left join rp on rp.month = date_trunc('month', l.occurred_on)::date
        where ${sql.join(cut, sql` and `)}
        group by 1, 2
      )`,
    );
    parts.push(sql`select mg.member_id, cut.rate, cut.xof, cut.mru from mg join cut on cut.group_id = mg.group_id`);
  }
  const rows = rowsOf<{ id: string; rate: string | null; xof: string; mru: string }>(
    await db.execute(sql`
      with ${monthRates}, ${orgsCte(orgs)}, ${scopeKeysCte}, ${sql.join(ctes, sql`, `)}
      select s.member_id::text as id, s.rate::text as rate, sum(s.xof)::text as xof, sum(s.mru)::text as mru
      from (${sql.join(parts, sql` union all `)}) s
      group by 1, 2`),
  );
  const periods = new Map<string, PeriodSums[]>();
  for (const r of rows) periods.set(r.id, [...(periods.get(r.id) ?? []), { xofPerMru: r.rate, xof: Number(r.xof), mru: Number(r.mru) }]);
  return new Map([...periods].map(([id, ps]) => [id, convertTotals(ps)]));
}
