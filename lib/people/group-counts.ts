import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/db/app-role";
import { householdStatus } from "@/db/schema";

export type HouseholdStatus = (typeof householdStatus.enumValues)[number];

export interface GroupMemberCounts {
  members: number;
  women: number;
  men: number;
  /** WG-SS at the standard cut-off, ages 5 and over; unknown: a domain not asked. */
  disability: { disabled: number; noDisability: number; unknown: number; tooYoung: number };
  status: Record<HouseholdStatus | "unknown", number>;
  withAid: number;
}

/**
 * A group's active members on a date, as counts only: what a reader without `people:read` gets.
 * The database function (migration 0028) reads the people for the caller and returns nothing
 * but these counts, and nothing at all for a group the caller may not read.
 */
export async function countGroupMembers(db: Queryable, groupId: string, on: string): Promise<GroupMemberCounts | null> {
  const [r] = rowsOf<Record<string, number>>(await db.execute(sql`select * from app_group_member_counts(${groupId}::uuid, ${on}::date)`));
  if (!r) return null;
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    members: n("members"),
    women: n("women"),
    men: n("men"),
    disability: { disabled: n("disabled"), noDisability: n("no_disability"), unknown: n("wg_unknown"), tooYoung: n("too_young") },
    status: {
      host: n("host"),
      refugee_out_of_camp: n("refugee_out_of_camp"),
      refugee_in_camp: n("refugee_in_camp"),
      returnee: n("returnee"),
      unknown: n("status_unknown"),
    },
    withAid: n("with_aid"),
  };
}

/** Whether this reader gets the group's people (names, birth years, answers, aids, customers). */
export function seesGroupPeople(ctx: { org: { id: string }; can(p: "people:read"): boolean }, group: { ngoOrgId: string }): boolean {
  return ctx.can("people:read") && group.ngoOrgId === ctx.org.id;
}
