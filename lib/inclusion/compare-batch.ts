import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { ScopedOrg } from "@/lib/groups/compare-batch";
import { rowsOf } from "@/lib/groups/scope";
import { emptyCounts, householdStatuses, type InclusionCounts } from "./indicators";

/**
 * The overall counts of aggregateInclusion (lib/inclusion/queries.ts) that the comparison shows
 * (inclusionSummaryCells: members, women, disability, household status, and the managers of the
 * last full rotation cycle), for many organisations in ONE statement. The rules are
 * aggregateInclusion's, at the reference date `on`: active memberships; a person aged
 * WG_MIN_AGE or more with a domain at the cut-off has a disability; a group has a full cycle
 * when each of its teams has held an ended term, from the earliest of their latest ones; a
 * member served when one of their teams held an ended term in it.
 * Every membership is looked at once, whichever organisations see its group; each person is then
 * reduced once per organisation ("some membership of theirs is a woman's, a manager's…", which
 * is what count(distinct person) filter (…) counts), and counted. The statement is
 * app_inclusion_of_orgs() (migration 0037): counts only, of the groups the reader may read, since
 * the people rows are the supporting NGO's alone. Fields that the comparison does not show stay
 * at zero.
 */
export async function aggregateInclusionOfOrgs(db: Queryable, orgs: readonly ScopedOrg[], on: string): Promise<Map<string, InclusionCounts>> {
  if (orgs.length === 0) return new Map();
  const ids = sql`array[${sql.join(
    orgs.map((o) => sql`${o.id}`),
    sql`, `,
  )}]::uuid[]`;
  const types = sql`array[${sql.join(
    orgs.map((o) => sql`${o.type}`),
    sql`, `,
  )}]::text[]`;
  const result = await db.execute(
    sql`select id, members, women, disabled, s_unknown, host, refugee_out_of_camp, refugee_in_camp, returnee, managers, managers_disabled
      from app_inclusion_of_orgs(${ids}, ${types}, ${on}::date)`,
  );
  const out = new Map<string, InclusionCounts>();
  for (const r of rowsOf<Record<string, number | string>>(result)) {
    const c = emptyCounts();
    c.members = Number(r.members);
    c.women = Number(r.women);
    c.disabled = Number(r.disabled);
    householdStatuses.forEach((s) => (c.status[s] = Number(r[s])));
    c.status.unknown = Number(r.s_unknown);
    c.managers.members = Number(r.managers);
    c.managers.disabled = Number(r.managers_disabled);
    out.set(String(r.id), c);
  }
  return out;
}
