import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { households, people, places } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { keyset, type PageRequest } from "@/lib/pagination";
import { nameMatchSql, searchKeyOf, textMatchSql } from "@/lib/search/query";

type Org = Pick<TenantOrg, "id" | "type">;

/**
 * A name (any script, accents, case) or the village of the person's household. The village part
 * is one uncorrelated sub-select (the NGO's households in the matching places), computed once.
 */
export function personMatchSql(ngoOrgId: string, q: string): SQL {
  return sql`(${nameMatchSql(searchKeyOf(people), q)} or ${people.householdId} in (select h.id from households h
    where h.ngo_org_id = ${ngoOrgId} and h.settlement_id in (select p.id from places p where ${textMatchSql(sql`p.name`, q)})))`;
}

const peopleKeyset = keyset(
  [
    { column: people.name, type: "text" },
    { column: people.id, type: "uuid" },
  ],
  "asc",
);

/**
 * One page of the people an NGO recorded (person-level rows: the page asks for people:read),
 * by name, with the search box's query; their count. Any other organisation reads none.
 */
export async function listPeoplePage(db: Queryable, org: Org, f: { q?: string }, page: PageRequest) {
  const where = and(org.type === "ngo" ? eq(people.ngoOrgId, org.id) : sql`false`, f.q ? personMatchSql(org.id, f.q) : undefined);
  const plan = peopleKeyset.plan(page);
  const fetched = await db
    .select({
      id: people.id,
      name: people.name,
      sex: people.sex,
      birthYear: people.birthYear,
      village: places.name,
      archivedAt: people.archivedAt,
      cursorKey: peopleKeyset.keySql,
    })
    .from(people)
    .leftJoin(households, eq(households.id, people.householdId))
    .leftJoin(places, eq(places.id, households.settlementId))
    .where(and(where, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(where);
  return { ...plan.finish(fetched), count: n };
}

/** At most this many near-duplicates are named in the warning. */
const MAX_NEAR_DUPLICATES = 5;

/**
 * People of the NGO who may be the person about to be created: a name alike (same normalised
 * words, or skeletons at least 0.6 similar: "Mohamed" and "محمد"), born within a year of them.
 * The village orders the list (same settlement first) and is shown, so the writer can tell.
 */
export async function findNearDuplicatePeople(db: Queryable, ngoOrgId: string, p: { name: string; birthYear: number; settlementId?: string }) {
  const key = sql`app_search_skeleton(app_search_norm(${p.name}))`;
  return db
    .select({ id: people.id, name: people.name, birthYear: people.birthYear, village: places.name })
    .from(people)
    .leftJoin(households, eq(households.id, people.householdId))
    .leftJoin(places, eq(places.id, households.settlementId))
    .where(
      and(
        eq(people.ngoOrgId, ngoOrgId),
        sql`${people.archivedAt} is null`,
        sql`${people.birthYear} between ${p.birthYear - 1} and ${p.birthYear + 1}`,
        sql`(app_search_norm(${people.name}) = app_search_norm(${p.name})
          or (length(${key}) >= 3 and similarity(app_search_skeleton(app_search_norm(${people.name})), ${key}) >= 0.6))`,
      ),
    )
    .orderBy(sql`${households.settlementId} is distinct from ${p.settlementId ?? null}::uuid`, people.name, people.id)
    .limit(MAX_NEAR_DUPLICATES);
}
