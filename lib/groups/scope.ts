import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { TenantOrg } from "@/lib/auth/tenant-core";

/**
 * Which groups an organisation may read, as a condition on the `groups` table (or an alias of
 * it): an NGO the groups it supports; a commune the groups in the settlements of its territory;
 * a cooperative network its affiliated groups; a consortium the groups of its member NGOs.
 * Anything else sees nothing, and a group outside the scope answers "not found". The one group
 * scope of the portal: group pages, coaching, the consortium's comparison and cohesion use it.
 */
export function groupScopeSql(org: Pick<TenantOrg, "id" | "type">, alias = "groups"): SQL {
  const g = sql.raw(`"${alias.replace(/"/g, "")}"`);
  switch (org.type) {
    case "ngo":
      return sql`${g}.ngo_org_id = ${org.id}`;
    case "commune":
      return sql`${g}.village_id in (select s.id from places s join organisations o on o.territory_place_id = s.parent_id where o.id = ${org.id})`;
    case "cooperative_network":
      return sql`${g}.network_org_id = ${org.id}`;
    case "consortium":
      return sql`${g}.ngo_org_id in (select cm.member_org_id from consortium_members cm where cm.consortium_id = ${org.id})`;
    default:
      return sql`false`;
  }
}

/** Only the supporting NGO writes a group (and only with `groups:write`, checked by orgAction). */
export function writableGroupSql(org: Pick<TenantOrg, "id" | "type">, alias = "groups"): SQL {
  if (org.type !== "ngo") return sql`false`;
  return sql`${sql.raw(`"${alias.replace(/"/g, "")}"`)}.ngo_org_id = ${org.id}`;
}

/** Rows of a raw `execute`, whatever the driver (PGlite returns `{ rows }`, postgres-js an array). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? (result as T[]);
}

export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
