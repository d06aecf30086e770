import "server-only";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { households, people, places } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { personMatchSql } from "./search";

type Org = Pick<TenantOrg, "id" | "type">;

/** At most this many people are offered; the writer types more to narrow. */
export const MAX_MERGE_CANDIDATES = 20;

/**
 * The people a person may be merged with, found by the people list's search (a name in any script,
 * accents and case aside, or the village of their household): the NGO's own, still in use (not
 * archived, not merged), not the person themself. For the records the near-duplicate rule does
 * not pair (a name spelt or transliterated otherwise, a year of birth further apart).
 */
export async function searchMergeCandidates(db: Queryable, org: Org, personId: string, q: string) {
  if (org.type !== "ngo") return { rows: [], more: false };
  const rows = await db
    .select({ id: people.id, name: people.name, sex: people.sex, birthYear: people.birthYear, village: places.name })
    .from(people)
    .leftJoin(households, eq(households.id, people.householdId))
    .leftJoin(places, eq(places.id, households.settlementId))
    .where(and(eq(people.ngoOrgId, org.id), ne(people.id, personId), isNull(people.archivedAt), isNull(people.mergedIntoId), personMatchSql(org.id, q)))
    .orderBy(asc(people.name), asc(people.id))
    .limit(MAX_MERGE_CANDIDATES + 1);
  return { rows: rows.slice(0, MAX_MERGE_CANDIDATES), more: rows.length > MAX_MERGE_CANDIDATES };
}
