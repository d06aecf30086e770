import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { groupScopeSql, rowsOf } from "@/lib/groups/scope";
import { ageBandSql } from "@/lib/people/age-band-sql";
import { aidNameColumn } from "@/lib/people/aid-types";
import { ageBands } from "@/lib/people/age-bands";
import { WG_DISABLED_SQL, WG_MIN_AGE, wgDomains, type WgDomain } from "@/lib/wgss";
import type { Breakdown } from "./breakdowns";
import { emptyCounts, householdStatuses, type InclusionCounts } from "./indicators";

export interface InclusionQuery {
  /** Whose groups: the tenant's scope of lib/groups/scope.ts, group activities only. */
  org: Pick<TenantOrg, "id" | "type">;
  /** ISO date: active memberships, ages, aids and terms are taken at this date. */
  on: string;
  by: Breakdown;
  locale: string;
}

const wgColumn: Record<WgDomain, string> = {
  seeing: "wg_seeing",
  hearing: "wg_hearing",
  walking: "wg_walking",
  cognition: "wg_cognition",
  selfCare: "wg_self_care",
  communication: "wg_communication",
};

/**
 * One row per active membership (at `on`) of a group activity in scope, with what every figure
 * needs. The rotation rule of lib/groups/rotation.ts, in SQL: a term has ended when its last day
 * (`ends_on`, inclusive) is before `on`, so a running term does not count; a team has served
 * when it has held an ended term. The last full rotation cycle of a group starts at the earliest
 * of its teams' latest ended terms, and exists only when every team of the group has served. A
 * member managed in it (`served`) when one of their teams held an ended term in it; a member is
 * left out (`left_out`, the group page's warning) when none of their teams has served, whether
 * or not the group has a full cycle (members in no team included).
 */
function membersCte(q: InclusionQuery): SQL {
  const on = sql`${q.on}::date`;
  const name = sql.raw(`a.name_${q.locale === "ar" ? "ar" : q.locale === "en" ? "en" : "fr"}`);
  const dim =
    q.by === "activity"
      ? sql`sg.activity_type as dim_key, sg.activity_name as dim_label, sg.sort_order as dim_sort`
      : sql`sg.village_id::text as dim_key, sg.village_name as dim_label, 0 as dim_sort`;
  return sql`
    with sg as (
      select g.id, g.name, g.village_id, g.activity_type, a.sort_order, ${name} as activity_name, v.name as village_name
      from groups g
      join activity_types a on a.code = g.activity_type
      join places v on v.id = g.village_id
      where ${groupScopeSql(q.org, "g")} and a.kind = 'group'
    ),
    team_last as (
      select t.group_id, t.id as team_id, max(mt.starts_on) as last_start
      from manager_teams t
      left join manager_terms mt on mt.team_id = t.id and mt.group_id = t.group_id and mt.starts_on <= ${on} and mt.ends_on < ${on}
      where t.group_id in (select id from sg)
      group by t.group_id, t.id
    ),
    cycles as (
      select group_id, min(last_start) as cycle_start from team_last group by group_id having count(last_start) = count(*)
    ),
    m as (
      select gm.id as membership_id, sg.id as group_id, sg.name as group_name, sg.village_name,
        p.id as person_id, p.name as person_name, p.sex::text as sex,
        ${ageBandSql(sql`p.birth_year`, q.on)} as band,
        (extract(year from ${on})::int - p.birth_year) >= ${WG_MIN_AGE} as wg_applies,
        (extract(year from ${on})::int - p.birth_year) >= ${WG_MIN_AGE} and ${sql.raw(WG_DISABLED_SQL("p"))} as disabled,
        ${sql.raw(
          Object.values(wgColumn)
            .map((c) => `p.${c}::text as ${c}`)
            .join(", "),
        )},
        ${sql.raw(
          Object.values(wgColumn)
            .map((c) => `p.${c} = 'not_asked'`)
            .join(" or "),
        )} as wg_missing,
        h.status::text as hh_status,
        ${dim},
        c.cycle_start is not null as in_cycle,
        exists (
          select 1 from manager_team_members tm join manager_terms mt on mt.team_id = tm.team_id
          where tm.membership_id = gm.id and mt.group_id = gm.group_id and mt.starts_on >= c.cycle_start and mt.ends_on < ${on}
        ) as served,
        not exists (
          select 1 from manager_team_members tm join team_last tl on tl.team_id = tm.team_id
          where tm.membership_id = gm.id and tl.group_id = gm.group_id and tl.last_start is not null
        ) as left_out,
        exists (select 1 from technical_aids ta where ta.person_id = p.id and ta.received_on <= ${on}) as has_aid
      from sg
      join group_memberships gm on gm.group_id = sg.id and gm.joined_on <= ${on} and (gm.left_on is null or gm.left_on > ${on})
      join people p on p.id = gm.person_id
      left join households h on h.id = p.household_id
      left join cycles c on c.group_id = sg.id
    )`;
}

/**
 * The figures of InclusionCounts, in the order of the counts that app_inclusion_counts()
 * (migration 0037) returns: distinct people, or groups for `groups` and `cycleGroups`. The rules
 * are those of membersCte above, written once more in that function, which readers without
 * `people:read` need (they may not read the people rows: only counts come back).
 */
const measures: string[] = [
  "members",
  "women",
  "men",
  ...ageBands.map((b) => `bands.${b}`),
  "bands.unknown",
  "disabled",
  "noDisability",
  "wgUnknown",
  "tooYoung",
  ...wgDomains.map((d) => `domains.${d}`),
  ...householdStatuses.map((s) => `status.${s}`),
  "status.unknown",
  "groups",
  "cycleGroups",
  "cycle.members",
  "cycle.women",
  "cycle.disabled",
  "managers.members",
  "managers.women",
  "managers.disabled",
  "neverIncluded",
  "disabledWithAid",
];

function countsOf(row: { c: unknown }): InclusionCounts {
  const c = emptyCounts() as unknown as Record<string, Record<string, number> | number>;
  const values = countArray(row.c);
  measures.forEach((m, i) => {
    const [a, b] = m.split(".");
    const v = values[i] ?? 0;
    if (b) (c[a] as Record<string, number>)[b] = v;
    else c[a] = v;
  });
  return c as unknown as InclusionCounts;
}

export interface BreakdownCounts {
  key: string;
  label: string;
  counts: InclusionCounts;
}

/** An int[] as either driver returns it (postgres-js an array, PGlite an array or its text form). */
function countArray(v: unknown): number[] {
  if (Array.isArray(v)) return v.map(Number);
  if (typeof v === "string") return v.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
  return [];
}

/**
 * All the counts in one pass: per breakdown value, per sex, and overall. Counts only, through
 * app_inclusion_counts() (migration 0037): over `q.org`'s group activities that the reader may
 * read, whoever the reader is (the people rows are the supporting NGO's alone).
 */
export async function aggregateInclusion(db: Queryable, q: InclusionQuery) {
  const result = await db.execute(
    sql`select g_dim, g_sex, key, label, sort, sex, c from app_inclusion_counts(${q.org.id}::uuid, ${q.on}::date, ${q.by === "village"}, ${q.locale})`,
  );
  const rows = rowsOf<{ g_dim: number; g_sex: number; key: string | null; label: string; sort: number; sex: string | null; c: unknown }>(result);
  const rowsBy = rows
    .filter((r) => r.g_dim === 0)
    .sort((a, b) => Number(a.sort) - Number(b.sort) || a.label.localeCompare(b.label))
    .map((r): BreakdownCounts => ({ key: r.key!, label: r.label, counts: countsOf(r) }));
  const sexRow = (s: string) => rows.find((r) => r.g_dim === 1 && r.g_sex === 0 && r.sex === s);
  const totalRow = rows.find((r) => r.g_dim === 1 && r.g_sex === 1);
  const of = (r: { c: unknown } | undefined) => (r ? countsOf(r) : emptyCounts());
  return { rows: rowsBy, women: of(sexRow("female")), men: of(sexRow("male")), total: of(totalRow) };
}

export interface AidTypeCount {
  /** The kind's name in the query's language (aid_types); null: all kinds together. */
  type: string | null;
  aids: number;
  people: number;
  disabled: number;
}

/** Technical aids received by the reference date by the active members in scope, by type (app_inclusion_aids(), counts only). */
export async function countAidsByType(db: Queryable, q: InclusionQuery): Promise<AidTypeCount[]> {
  // The function counts per kind (its code); the kinds are named here, in the page's language.
  const result = await db.execute(sql`select coalesce(t.${aidNameColumn(q.locale)}, x.type) as type, x.aids, x.people, x.disabled
    from app_inclusion_aids(${q.org.id}::uuid, ${q.on}::date) with ordinality as x(type, aids, people, disabled, n)
    left join aid_types t on t.code = x.type order by x.n`);
  return rowsOf<AidTypeCount>(result).map((r) => ({ type: r.type, aids: Number(r.aids), people: Number(r.people), disabled: Number(r.disabled) }));
}

export interface PersonRow {
  name: string;
  groups: string;
  villages: string;
  disabled: boolean;
  /** Domains at the cut-off (WG-SS). */
  domains: WgDomain[];
}

/**
 * Person-level lists, one row per person: members left out of management in a group (in no team
 * of it that has served, as the group page warns), or members with a disability without any
 * technical aid. Only for readers allowed to receive them
 * (`mayReceivePersonRows`): the caller checks.
 */
export async function listPeople(db: Queryable, q: InclusionQuery, which: "neverIncluded" | "withoutAid"): Promise<PersonRow[]> {
  const where = which === "neverIncluded" ? sql`m.left_out` : sql`m.disabled and not m.has_aid`;
  const domains = wgDomains.map((d) => `case when m.wg_applies and m.${wgColumn[d]} in ('a_lot','cannot') then '${d}' end`).join(", ");
  const result = await db.execute(sql`${membersCte(q)}
    select m.person_name as name, string_agg(distinct m.group_name, ', ') as groups, string_agg(distinct m.village_name, ', ') as villages,
      bool_or(m.disabled) as disabled, array_remove(array[${sql.raw(domains)}], null) as domains
    from m where ${where}
    group by m.person_id, m.person_name, ${sql.raw(
      Object.values(wgColumn)
        .map((c) => `m.${c}`)
        .join(", "),
    )}, m.wg_applies
    order by villages, groups, name`);
  return rowsOf<PersonRow>(result).map((r) => ({ ...r, domains: Array.isArray(r.domains) ? r.domains : [] }));
}
