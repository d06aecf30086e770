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

/** A person about to be created, as the near-duplicate rule reads them. */
export interface NewPersonName {
  name: string;
  birthYear: number;
  settlementId?: string;
}

/**
 * People of the NGO who may be the person about to be created: a name alike (same normalised
 * words, or skeletons at least 0.6 similar: "Mohamed" and "محمد"), born within a year of them.
 * The village orders the list (same settlement first) and is shown, so the writer can tell.
 */
export async function findNearDuplicatePeople(db: Queryable, ngoOrgId: string, p: NewPersonName) {
  return (await findNearDuplicatePeopleOf(db, ngoOrgId, [p]))[0];
}

const rowsOf = <T>(res: unknown) => ((res as { rows?: unknown[] }).rows ?? (res as unknown[])) as T[];

/**
 * findNearDuplicatePeople for many people at once (an import's batch), in one query: for each,
 * the same people in the same order. The NGO's people born in the batch's years are read once,
 * their skeleton computed once (not once per person looked for); a same norm is read from the
 * stored search key (app_search_key(name) = its norm, a space, its skeleton: migration 0036; two
 * keys alike have their norms alike, the skeleton having fewer words than the norm). The key's
 * trigram index is not used: under row-level security the planner may not use pg_trgm's
 * operators (not leakproof) in an index condition.
 */
export async function findNearDuplicatePeopleOf(db: Queryable, ngoOrgId: string, ps: NewPersonName[]) {
  const out: { id: string; name: string; birthYear: number; village: string | null }[][] = ps.map(() => []);
  if (ps.length === 0) return out;
  const wanted = JSON.stringify(ps.map((p, i) => ({ i, name: p.name, yr: p.birthYear, s: p.settlementId ?? null })));
  const rows = rowsOf<{ i: number; id: string; name: string; birth_year: number; village: string | null }>(
    await db.execute(sql`with c as materialized (
        select x.i, x.yr + d.d as yr, x.s, app_search_key(x.name) as key, app_search_skeleton(app_search_norm(x.name)) as skel
        from json_to_recordset(${wanted}::json) as x(i int, name text, yr int, s uuid), (values (-1), (0), (1)) as d(d)),
      p as materialized (
        select p.id, p.name, p.birth_year, p.search_key, app_search_skeleton(app_search_norm(p.name)) as skel, h.settlement_id, pl.name as village
        from people p
        left join households h on h.id = p.household_id
        left join places pl on pl.id = h.settlement_id
        where p.ngo_org_id = ${ngoOrgId} and p.archived_at is null and p.birth_year in (select yr from c))
      select c.i, p.id, p.name, p.birth_year, p.village
      from c join p on p.birth_year = c.yr
      where p.search_key = c.key or (length(c.skel) >= 3 and similarity(p.skel, c.skel) >= 0.6)
      order by c.i, p.settlement_id is distinct from c.s, p.name, p.id`),
  );
  for (const r of rows) {
    const list = out[Number(r.i)];
    if (list.length < MAX_NEAR_DUPLICATES) list.push({ id: r.id, name: r.name, birthYear: Number(r.birth_year), village: r.village });
  }
  return out;
}

/**
 * For people about to be created together (an import's batch), the first one that is a near
 * duplicate (findNearDuplicatePeople's rule) of one before it in the list, or null: up to it,
 * each can be checked against the people already recorded only.
 */
export async function firstNearDuplicateWithin(db: Queryable, ps: NewPersonName[]): Promise<number | null> {
  if (ps.length < 2) return null;
  const wanted = JSON.stringify(ps.map((p, i) => ({ i, name: p.name, yr: p.birthYear })));
  const res = await db.execute(sql`with c as materialized (
      select x.i, x.yr, app_search_norm(x.name) as norm, app_search_skeleton(app_search_norm(x.name)) as skel
      from json_to_recordset(${wanted}::json) as x(i int, name text, yr int))
    select min(b.i) as i from c a join c b on a.i < b.i and b.yr between a.yr - 1 and a.yr + 1
      and (a.norm = b.norm or (length(b.skel) >= 3 and similarity(a.skel, b.skel) >= 0.6))`);
  const [row] = rowsOf<{ i: number | null }>(res);
  return row?.i == null ? null : Number(row.i);
}
