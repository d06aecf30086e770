import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { orgsCte, type ScopedOrg } from "@/lib/groups/compare-batch";
import { rowsOf } from "@/lib/groups/scope";
import type { PerceptionIndicator } from "./indicators";
import type { CohesionAggregate } from "./queries";

/**
 * `mv(member_id, village_id)`: the villages and campements each organisation reads surveys of,
 * as listVisibleVillages (lib/cohesion/scope.ts) over listVisibleCommunes (lib/orgs/scope.ts):
 * those of its own territory (a commune), of its member communes (a consortium), or of the
 * communes it works in (any other organisation). Needs `m`.
 */
const visibleVillagesCte = sql`mc as (
  select m.id as member_id, o.territory_place_id as territory from m join organisations o on o.id = m.id where m.type = 'commune'
  union all
  select m.id, o.territory_place_id from m join consortium_members cm on cm.consortium_id = m.id
    join organisations o on o.id = cm.member_org_id and o.type = 'commune' where m.type = 'consortium'
  union all
  select m.id, o.territory_place_id from m join org_communes oc on oc.org_id = m.id
    join organisations o on o.id = oc.commune_org_id and o.type = 'commune' where m.type not in ('commune', 'consortium')
),
mv as (
  select distinct mc.member_id, p.id as village_id
  from mc join places p on p.parent_id = mc.territory join places c on c.id = p.parent_id
  where p.level in ('village', 'campement')
)`;

export interface OrgSurveys {
  /** Villages with a survey in the quarter. */
  villages: number;
  /** Their totals (aggregateSurveys by "quarter", keyed by the quarter). */
  aggregate: CohesionAggregate;
}

/**
 * One quarter's survey totals of each organisation's visible villages, as aggregateSurveys gives
 * them per organisation; organisations without a survey in the quarter are absent. Two statements.
 */
export async function aggregateSurveysOfOrgs(db: Queryable, orgs: readonly ScopedOrg[], quarter: string): Promise<Map<string, OrgSurveys>> {
  if (orgs.length === 0) return new Map();
  const totals = rowsOf<{
    id: string;
    villages: number;
    surveys: number;
    host_women: number;
    host_men: number;
    refugee_women: number;
    refugee_men: number;
    referred: number;
    resolved: number;
  }>(
    await db.execute(sql`with ${orgsCte(orgs)}, ${visibleVillagesCte}
      select mv.member_id::text as id, count(distinct s.village_id)::int as villages, count(*)::int as surveys,
        sum(s.host_women)::int as host_women, sum(s.host_men)::int as host_men,
        sum(s.refugee_women)::int as refugee_women, sum(s.refugee_men)::int as refugee_men,
        sum(s.disputes_referred)::int as referred, sum(s.disputes_resolved)::int as resolved
      from mv join cohesion_surveys s on s.village_id = mv.village_id
      where s.quarter = ${quarter}
      group by mv.member_id`),
  );
  const answers = rowsOf<{ id: string; indicator: string; community: "host" | "refugee"; l1: number; l2: number; l3: number; l4: number }>(
    await db.execute(sql`with ${orgsCte(orgs)}, ${visibleVillagesCte}
      select mv.member_id::text as id, a.indicator_code as indicator, a.community::text as community,
        sum(a.level1)::int as l1, sum(a.level2)::int as l2, sum(a.level3)::int as l3, sum(a.level4)::int as l4
      from mv join cohesion_surveys s on s.village_id = mv.village_id join cohesion_answers a on a.survey_id = s.id
      where s.quarter = ${quarter}
      group by 1, 2, 3`),
  );
  const out = new Map<string, OrgSurveys>();
  for (const t of totals) {
    out.set(t.id, {
      villages: Number(t.villages),
      aggregate: {
        key: quarter,
        surveys: Number(t.surveys),
        respondents: {
          host: { women: Number(t.host_women), men: Number(t.host_men) },
          refugee: { women: Number(t.refugee_women), men: Number(t.refugee_men) },
        },
        disputesReferred: Number(t.referred),
        disputesResolved: Number(t.resolved),
        answers: {},
      },
    });
  }
  for (const a of answers) {
    const agg = out.get(a.id)?.aggregate;
    if (!agg) continue;
    const ind = a.indicator as PerceptionIndicator;
    agg.answers[ind] = { ...agg.answers[ind], [a.community]: [Number(a.l1), Number(a.l2), Number(a.l3), Number(a.l4)] as const };
  }
  return out;
}
