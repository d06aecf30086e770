import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { memberGroupsCte, orgsCte, scopeKeysCte, type ScopedOrg } from "@/lib/groups/compare-batch";
import { rowsOf } from "@/lib/groups/scope";
import { WG_DISABLED_SQL, WG_MIN_AGE } from "@/lib/wgss";
import { emptyCounts, householdStatuses, type InclusionCounts } from "./indicators";

/**
 * The overall counts of aggregateInclusion (lib/inclusion/queries.ts) that the comparison shows
 * (inclusionSummaryCells: members, women, disability, household status, and the managers of the
 * last full rotation cycle), for many organisations in ONE statement. The rules are
 * aggregateInclusion's, at the reference date `on`: active memberships; a person aged
 * WG_MIN_AGE or more with a domain at the cut-off has a disability; a group has a full cycle
 * when each of its teams has held an ended term, from the earliest of their latest ones; a
 * member served when one of their teams held an ended term in it.
 * Every membership is looked at once, whichever organisations see its group (`pm`); each person
 * is then reduced once per organisation (`per`: "some membership of theirs is a woman's, a
 * manager's…", which is what count(distinct person) filter (…) counts), and counted.
 * Fields that the comparison does not show stay at zero.
 */
export async function aggregateInclusionOfOrgs(db: Queryable, orgs: readonly ScopedOrg[], on: string): Promise<Map<string, InclusionCounts>> {
  if (orgs.length === 0) return new Map();
  const d = sql`${on}::date`;
  const statusFlags = householdStatuses.map((s, i) => `bool_or(pm.hh_status = '${s}') as s${i}`).join(", ");
  const statusCounts = householdStatuses.map((_, i) => `count(*) filter (where s${i})::int as s${i}`).join(", ");
  const result = await db.execute(sql`
    with ${orgsCte(orgs)}, ${scopeKeysCte}, ${memberGroupsCte},
    sg as (select distinct mg.group_id as id from mg join places v on v.id = mg.village_id),
    ended as materialized (
      select mt.group_id, mt.team_id, mt.starts_on from manager_terms mt where mt.group_id in (select id from sg) and mt.ends_on < ${d}
    ),
    team_last as (
      select t.group_id, t.id as team_id, max(e.starts_on) as last_start
      from manager_teams t
      left join ended e on e.team_id = t.id and e.group_id = t.group_id and e.starts_on <= ${d}
      where t.group_id in (select id from sg)
      group by t.group_id, t.id
    ),
    cycles as (
      select group_id, min(last_start) as cycle_start from team_last group by group_id having count(last_start) = count(*)
    ),
    served as (
      select distinct tm.membership_id, e.group_id
      from cycles c
      join ended e on e.group_id = c.group_id and e.starts_on >= c.cycle_start
      join manager_team_members tm on tm.team_id = e.team_id
    ),
    pm as materialized (
      select gm.group_id, p.id as person_id, p.sex::text as sex,
        (extract(year from ${d})::int - p.birth_year) >= ${WG_MIN_AGE} and ${sql.raw(WG_DISABLED_SQL("p"))} as disabled,
        h.status::text as hh_status,
        c.cycle_start is not null as in_cycle,
        sv.membership_id is not null as served
      from sg
      join group_memberships gm on gm.group_id = sg.id and gm.joined_on <= ${d} and (gm.left_on is null or gm.left_on > ${d})
      join people p on p.id = gm.person_id
      left join households h on h.id = p.household_id
      left join cycles c on c.group_id = sg.id
      left join served sv on sv.membership_id = gm.id and sv.group_id = gm.group_id
    ),
    per as (
      select mg.member_id, pm.person_id,
        bool_or(pm.sex = 'female') as woman,
        bool_or(pm.disabled) as disabled,
        bool_or(pm.hh_status is null) as s_unknown,
        ${sql.raw(statusFlags)},
        bool_or(pm.in_cycle and pm.served) as manager,
        bool_or(pm.in_cycle and pm.served and pm.disabled) as manager_disabled
      from mg join pm on pm.group_id = mg.group_id
      group by mg.member_id, pm.person_id
    )
    select member_id::text as id, count(*)::int as members,
      count(*) filter (where woman)::int as women,
      count(*) filter (where disabled)::int as disabled,
      count(*) filter (where s_unknown)::int as s_unknown,
      ${sql.raw(statusCounts)},
      count(*) filter (where manager)::int as managers,
      count(*) filter (where manager_disabled)::int as managers_disabled
    from per group by member_id`);
  const out = new Map<string, InclusionCounts>();
  for (const r of rowsOf<Record<string, number | string>>(result)) {
    const c = emptyCounts();
    c.members = Number(r.members);
    c.women = Number(r.women);
    c.disabled = Number(r.disabled);
    householdStatuses.forEach((s, i) => (c.status[s] = Number(r[`s${i}`])));
    c.status.unknown = Number(r.s_unknown);
    c.managers.members = Number(r.managers);
    c.managers.disabled = Number(r.managers_disabled);
    out.set(String(r.id), c);
  }
  return out;
}
