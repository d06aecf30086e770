import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { groupScopeSql, rowsOf } from "@/lib/groups/scope";

/**
 * Cohesion indicators derived from the group-business records, summed in SQL over the groups an
 * organisation reads (lib/groups/scope.ts) that lie in the given, already visibility-checked
 * villages. Definitions (stated on the page, catalogue `cohesion.records`):
 * - a member's community is their household's status: refugees in or out of the camp are
 *   refugees; hosts and returnees are hosts;
 * - a group's community on a day is that of the majority of its members active that day; in a
 *   tie, or without members, that of its village;
 * - a credit sale is to the "same" or the "other" community by the customer's recorded community
 *   and the group's community on the day of the credit; customers from other villages (community
 *   not recorded) are counted apart;
 * - amounts are weighed in XOF at the rate valid on the day of the credit (an MRU credit dated
 *   before any rate is left out of the amounts, not guessed).
 */

export type CreditRelation = "same" | "cross" | "unknown";

export interface CreditAggregate {
  /** The quarter ("2024-Q3") or the village id, depending on the grouping. */
  key: string;
  relation: CreditRelation;
  credits: number;
  /** XOF, unrounded. */
  granted: number;
  repaid: number;
  /** Credits whose due date is before `asOf`, and those of them repaid in full by their due date. */
  due: number;
  onTime: number;
}

export interface GroupMixAggregate {
  key: string;
  /** Group activities with at least one active member on the day. */
  groups: number;
  /** Of which with both host and refugee active members. */
  mixed: number;
  hostMembers: number;
  refugeeMembers: number;
}

const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * Active members of groups on days, by community (host, refugee): one row per (group, day) of
 * the CTE `alias` (columns `group_id`, `day`), through app_group_communities() (migration 0037),
 * which returns counts only (the people and households rows are the supporting NGO's alone).
 */
const membersOn = (alias: string) => sql`(
  select f.group_id, f.day, f.host, f.refugee
  from (select array_agg(x.group_id) as g, array_agg(x.day) as d from ${sql.raw(alias)} x) a
  cross join lateral app_group_communities(a.g, a.d) f
)`;

/** The groups read by `org` in these villages, with their village's community. */
const scopedGroups = (org: Pick<TenantOrg, "id" | "type">, villageIds: readonly string[], groupActivitiesOnly: boolean) => sql`
  select g.id, g.village_id, g.start_date, v.community::text as village_community
  from groups g
  join places v on v.id = g.village_id
  join activity_types a on a.code = g.activity_type
  where ${groupScopeSql(org, "g")} and g.village_id in (${idList(villageIds)})
    ${groupActivitiesOnly ? sql`and a.kind = 'group'` : sql``}`;

/**
 * Credit sales per quarter of the grant (or per village) and per relation to the group's
 * community. Every credit of every group in scope counts, individual activities included.
 */
export async function aggregateCredits(
  db: Queryable,
  org: Pick<TenantOrg, "id" | "type">,
  villageIds: readonly string[],
  by: "quarter" | "village",
  asOf: string,
): Promise<CreditAggregate[]> {
  if (villageIds.length === 0) return [];
  const key = by === "quarter" ? sql`to_char(c.granted_on, 'YYYY-"Q"Q')` : sql`sg.village_id::text`;
  const result = await db.execute(sql`
    with sg as (${scopedGroups(org, villageIds, false)}),
    cc as (select c.*, c.granted_on as day from customer_credits c join sg on sg.id = c.group_id and c.voided_at is null),
    mc as ${membersOn("cc")},
    cr as (
      select ${key} as key, c.amount, c.due_on,
        case
          when c.community = 'other_village' then 'unknown'
          when c.community::text = case when m.refugee > m.host then 'refugee' when m.host > m.refugee then 'host' else sg.village_community end then 'same'
          else 'cross'
        end as relation,
        case when c.currency = 'XOF' then 1::numeric
             else (select r.xof_per_mru from exchange_rates r where r.valid_from <= c.granted_on order by r.valid_from desc limit 1) end as rate,
        least(c.amount, (select coalesce(sum(p.amount), 0) from credit_repayments p where p.credit_id = c.id)) as repaid,
        (select coalesce(sum(p.amount), 0) from credit_repayments p where p.credit_id = c.id and p.paid_on <= c.due_on) >= c.amount as on_time
      from cc c
      join sg on sg.id = c.group_id
      join mc m on m.group_id = c.group_id and m.day = c.granted_on
    )
    select key, relation, count(*)::int as credits,
      coalesce(sum(amount * rate), 0)::text as granted,
      coalesce(sum(repaid * rate), 0)::text as repaid,
      count(*) filter (where due_on < ${asOf}::date)::int as due,
      count(*) filter (where due_on < ${asOf}::date and on_time)::int as on_time
    from cr group by key, relation order by key, relation`);
  return rowsOf<{ key: string; relation: CreditRelation; credits: number; granted: string; repaid: string; due: number; on_time: number }>(result).map((r) => ({
    key: r.key,
    relation: r.relation,
    credits: Number(r.credits),
    granted: Number(r.granted),
    repaid: Number(r.repaid),
    due: Number(r.due),
    onTime: Number(r.on_time),
  }));
}

/**
 * Composition of the group activities in scope: per village on `asOf`, or at the end of each of
 * the given quarters (`days`: quarter → its last day, or `asOf` for the quarter under way).
 */
export async function aggregateGroupMix(
  db: Queryable,
  org: Pick<TenantOrg, "id" | "type">,
  villageIds: readonly string[],
  points: { by: "village"; asOf: string } | { by: "quarter"; days: Record<string, string> },
): Promise<GroupMixAggregate[]> {
  const days = points.by === "village" ? { now: points.asOf } : points.days;
  if (villageIds.length === 0 || Object.keys(days).length === 0) return [];
  const pointRows = sql.join(
    Object.entries(days).map(([k, d]) => sql`(${k}, ${d}::date)`),
    sql`, `,
  );
  const key = points.by === "village" ? sql`sg.village_id::text` : sql`pt.key`;
  const result = await db.execute(sql`
    with sg as (${scopedGroups(org, villageIds, true)}),
    pt(key, day) as (values ${pointRows}),
    sp as (select sg.id as group_id, pt.day from sg cross join pt where sg.start_date <= pt.day),
    mc as ${membersOn("sp")}
    select ${key} as key, count(*)::int as groups,
      count(*) filter (where m.host > 0 and m.refugee > 0)::int as mixed,
      coalesce(sum(m.host), 0)::int as host_members,
      coalesce(sum(m.refugee), 0)::int as refugee_members
    from sg cross join pt
    join mc m on m.group_id = sg.id and m.day = pt.day
    where sg.start_date <= pt.day and m.host + m.refugee > 0
    group by 1 order by 1`);
  return rowsOf<{ key: string; groups: number; mixed: number; host_members: number; refugee_members: number }>(result).map((r) => ({
    key: r.key,
    groups: Number(r.groups),
    mixed: Number(r.mixed),
    hostMembers: Number(r.host_members),
    refugeeMembers: Number(r.refugee_members),
  }));
}
