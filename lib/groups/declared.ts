import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { loadDashboard } from "./dashboard";
import { rowsOf } from "./scope";

/** What the records compute for each declared metric, over the declaring NGO's groups. */

async function countMembers(db: Queryable, ngoOrgId: string, extra: ReturnType<typeof sql>) {
  const r = await db.execute(sql`
    select count(distinct p.id)::int as n
    from group_memberships m
    join groups g on g.id = m.group_id
    join activity_types a on a.code = g.activity_type
    join people p on p.id = m.person_id
    left join households h on h.id = p.household_id
    where g.ngo_org_id = ${ngoOrgId} and a.kind = 'group' and m.left_on is null and ${extra}`);
  return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
}

export async function computeMetric(db: Queryable, ngoOrgId: string, metric: string): Promise<number | null> {
  const ngo = { id: ngoOrgId, type: "ngo" as const };
  switch (metric) {
    case "group_beneficiaries":
      return countMembers(db, ngoOrgId, sql`h.cash_transfer_since is not null`);
    case "workshop_women":
      return countMembers(db, ngoOrgId, sql`g.activity_type = 'sewing' and p.sex = 'female'`);
    case "avg_revenue_per_group_xof":
      return (await loadDashboard(db, ngo, {}, "fr")).average.xof;
    case "group_revenue_mru":
      return (await loadDashboard(db, ngo, {}, "fr")).total.mru;
    default:
      return null;
  }
}

/** Declared figures of the organisation (a consortium: of its members) beside the records. */
export async function listDeclaredVsRecorded(db: Queryable, org: Pick<TenantOrg, "id" | "type">) {
  if (org.type !== "ngo" && org.type !== "consortium") return [];
  const owners =
    org.type === "ngo"
      ? sql`d.org_id = ${org.id}`
      : sql`d.org_id in (select member_org_id from consortium_members where consortium_id = ${org.id})`;
  const figures = rowsOf<{ id: string; org_id: string; metric: string; label: string; declared_value: string; source: string }>(
    await db.execute(sql`select d.id, d.org_id, d.metric, d.label, d.declared_value::text, d.source from declared_figures d where ${owners} order by d.created_at, d.label`),
  );
  const out = [];
  for (const f of figures) {
    const recorded = await computeMetric(db, f.org_id, f.metric);
    const declared = Number(f.declared_value);
    out.push({ id: f.id, metric: f.metric, label: f.label, source: f.source, declared, recorded, difference: recorded === null ? null : recorded - declared });
  }
  return out;
}
