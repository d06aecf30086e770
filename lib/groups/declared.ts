import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { convertTotals, type PeriodSums } from "@/lib/money";
import { SUPPRESSED, suppressCount, type Cell, type Reader } from "@/lib/privacy/suppress";
import { monthRates } from "./dashboard";
import { isUuid, rowsOf } from "./scope";

/**
 * What the records compute for each declared metric, over the declaring NGO's group activities:
 * every metric of every declaring NGO in two statements (member counts; revenue from the rollups),
 * however many figures are declared.
 */
async function recordedMetrics(db: Queryable, ngoIds: string[]): Promise<Map<string, Record<string, number>>> {
  const ids = sql`array[${sql.join(
    ngoIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  // Counts only (app_declared_people_counts(), migration 0037: the people rows are the supporting
  // NGO's alone, and a consortium reads its members' figures), and the groups.
  const counts = rowsOf<{ ngo: string; beneficiaries: number; workshop_women: number; groups: number }>(
    await db.execute(sql`
      with g as (
        select g.id, g.ngo_org_id from groups g join activity_types a on a.code = g.activity_type
        where g.ngo_org_id = any(${ids}) and a.kind = 'group'
      ),
      people_counts as (select * from app_declared_people_counts(${ids})),
      group_counts as (select g.ngo_org_id, count(*) as groups from g group by g.ngo_org_id)
      select o.ngo::text as ngo, coalesce(pc.beneficiaries, 0)::int as beneficiaries, coalesce(pc.workshop_women, 0)::int as workshop_women,
        coalesce(gc.groups, 0)::int as groups
      from unnest(${ids}) as o(ngo)
      left join people_counts pc on pc.ngo = o.ngo
      left join group_counts gc on gc.ngo_org_id = o.ngo`),
  );
  const revenue = rowsOf<{ ngo: string; rate: string | null; xof: string; mru: string }>(
    await db.execute(sql`
      with ${monthRates}
      select c.ngo_org_id::text as ngo, rp.xof_per_mru::text as rate,
        coalesce(sum(c.amount) filter (where c.currency = 'XOF'), 0)::text as xof,
        coalesce(sum(c.amount) filter (where c.currency = 'MRU'), 0)::text as mru
      from ledger_ngo_months c join activity_types a on a.code = c.activity_type
      left join rp on rp.month = c.month
      where c.ngo_org_id = any(${ids}) and c.kind = 'sale' and a.kind = 'group'
      group by 1, 2`),
  );
  const periods = new Map<string, PeriodSums[]>();
  for (const r of revenue) periods.set(r.ngo, [...(periods.get(r.ngo) ?? []), { xofPerMru: r.rate, xof: Number(r.xof), mru: Number(r.mru) }]);
  const out = new Map<string, Record<string, number>>();
  for (const c of counts) {
    const total = convertTotals(periods.get(c.ngo) ?? []);
    out.set(c.ngo, {
      group_beneficiaries: Number(c.beneficiaries),
      workshop_women: Number(c.workshop_women),
      avg_revenue_per_group_xof: c.groups ? Math.round(total.xof / c.groups) : 0,
      group_revenue_mru: total.mru,
    });
  }
  return out;
}

/** The declared metrics that count people: shown under the disclosure control. */
const peopleMetrics: ReadonlySet<string> = new Set(["group_beneficiaries", "workshop_women"]);

/**
 * Declared figures of the organisation beside the records. A consortium sees one member's at a
 * time (`ngo`, the dashboard's NGO filter): recomputing every member's people counts at once
 * means reading every membership of the country, which no dashboard request may do.
 *
 * The recorded counts of people follow the disclosure policy for `reader` (the NGO itself sees
 * them; a consortium gets "<5" for 1 to 4 people), and so does their difference from the declared
 * figure, which would give the count back.
 */
export async function listDeclaredVsRecorded(
  db: Queryable,
  org: Pick<TenantOrg, "id" | "type">,
  filters: { ngo?: string } = {},
  reader: Reader = { orgType: org.type, canSeePeople: false },
): Promise<{ id: string; metric: string; label: string; source: string; declared: number; recorded: Cell | null; difference: Cell | null }[]> {
  if (org.type !== "ngo" && org.type !== "consortium") return [];
  if (org.type === "consortium" && !(filters.ngo && isUuid(filters.ngo))) return [];
  const owners =
    org.type === "ngo"
      ? sql`d.org_id = ${org.id}`
      : sql`d.org_id = ${filters.ngo} and d.org_id in (select member_org_id from consortium_members where consortium_id = ${org.id})`;
  const figures = rowsOf<{ id: string; org_id: string; metric: string; label: string; declared_value: string; source: string }>(
    await db.execute(
      sql`select d.id, d.org_id, d.metric, d.label, d.declared_value::text, d.source from declared_figures d where ${owners} order by d.created_at, d.label`,
    ),
  );
  if (figures.length === 0) return [];
  const metrics = await recordedMetrics(db, [...new Set(figures.map((f) => f.org_id))]);
  return figures.map((f) => {
    const value = metrics.get(f.org_id)?.[f.metric];
    const declared = Number(f.declared_value);
    const recorded = value === undefined ? null : peopleMetrics.has(f.metric) ? suppressCount(value, reader) : value;
    const difference = recorded === null ? null : recorded === SUPPRESSED ? SUPPRESSED : value! - declared;
    return { id: f.id, metric: f.metric, label: f.label, source: f.source, declared, recorded, difference };
  });
}
