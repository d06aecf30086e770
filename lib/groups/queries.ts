import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  activityTypes,
  groupMemberships,
  groups,
  households,
  managerTeamMembers,
  managerTeams,
  managerTerms,
  organisations,
  people,
  places,
} from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { keyset, type PageRequest } from "@/lib/pagination";
import { nameMatchSql, searchKeyOf, textMatchSql } from "@/lib/search/query";
import { personMatchSql } from "@/lib/people/search";
import { isUuid, groupScopeSql, rowsOf, writableGroupSql } from "./scope";
import { aidNameColumn } from "@/lib/people/aid-types";

type Org = Pick<TenantOrg, "id" | "type">;

export interface GroupFilters {
  village?: string;
  activity?: string;
  status?: string;
  ngo?: string;
  kind?: "group" | "individual";
  /** The search box: the group's name or its village's (lib/search/query.ts). */
  q?: string;
}

function filterSql(f: GroupFilters): SQL[] {
  const out: SQL[] = [];
  if (f.village) out.push(isUuid(f.village) ? eq(groups.villageId, f.village) : sql`false`);
  if (f.activity) out.push(eq(groups.activityType, f.activity));
  if (f.status) out.push(sql`${groups.status}::text = ${f.status}`);
  if (f.ngo) out.push(isUuid(f.ngo) ? eq(groups.ngoOrgId, f.ngo) : sql`false`);
  if (f.kind) out.push(sql`${activityTypes.kind}::text = ${f.kind}`);
  if (f.q)
    out.push(sql`(${nameMatchSql(searchKeyOf(groups), f.q)} or ${groups.villageId} in (select p.id from places p where ${textMatchSql(sql`p.name`, f.q)}))`);
  return out;
}

const groupColumns = {
  id: groups.id,
  name: groups.name,
  status: groups.status,
  activityType: groups.activityType,
  activityKind: activityTypes.kind,
  village: places.name,
  villageId: groups.villageId,
  ngo: organisations.name,
  startDate: groups.startDate,
  activeMembers: sql<number>`(select count(*)::int from group_memberships m where m.group_id = ${groups.id} and m.left_on is null)`,
};

/** By activity, village and name, as the field teams read them; the id makes the order total. */
const groupKeyset = keyset(
  [
    { column: activityTypes.sortOrder, type: "int" },
    { column: places.name, type: "text" },
    { column: groups.name, type: "text" },
    { column: groups.id, type: "uuid" },
  ],
  "asc",
);

/** Groups the organisation may read, with filters; scope first. All of them (see listGroupPage). */
export async function listGroups(db: Queryable, org: Org, f: GroupFilters = {}) {
  return db
    .select(groupColumns)
    .from(groups)
    .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
    .innerJoin(places, eq(places.id, groups.villageId))
    .innerJoin(organisations, eq(organisations.id, groups.ngoOrgId))
    .where(and(groupScopeSql(org), ...filterSql(f)))
    .orderBy(...groupKeyset.orderBy);
}

/** One page of the groups the organisation may read, with filters (scope first) and their count. */
export async function listGroupPage(db: Queryable, org: Org, f: GroupFilters, page: PageRequest) {
  const where = and(groupScopeSql(org), ...filterSql(f));
  const rows = await listGroupRows(db, org, f, page);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(groups)
    .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
    .where(where);
  return { ...rows, count: n };
}

/** One page of those groups, without their count (the read-only API's pages after the first). */
export async function listGroupRows(db: Queryable, org: Org, f: GroupFilters, page: PageRequest) {
  const plan = groupKeyset.plan(page);
  const fetched = await db
    .select({ ...groupColumns, cursorKey: groupKeyset.keySql })
    .from(groups)
    .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
    .innerJoin(places, eq(places.id, groups.villageId))
    .innerJoin(organisations, eq(organisations.id, groups.ngoOrgId))
    .where(and(groupScopeSql(org), ...filterSql(f), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(fetched);
}

/** At most this many villages in a filter's list (a consortium spans thousands at national scale). */
export const MAX_VILLAGE_OPTIONS = 300;

/**
 * The values the list filters offer: villages, activities and NGOs present in the scope. With
 * an NGO chosen (`f.ngo`), the villages are that NGO's. A scope with more than
 * MAX_VILLAGE_OPTIONS villages (a consortium at national scale: 5,000) lists none until an NGO is
 * chosen, except the village already chosen (`villagesNeedNgo`): a select of thousands of options
 * would weigh hundreds of kilobytes on a 2G phone and help no one. One statement.
 */
export async function listGroupFilterOptions(db: Queryable, org: Org, f: { ngo?: string; village?: string } = {}, maxVillages: number = MAX_VILLAGE_OPTIONS) {
  const ngo = f.ngo && isUuid(f.ngo) ? f.ngo : null;
  const village = f.village && isUuid(f.village) ? f.village : null;
  // The distinct (village, NGO) pairs first, from the groups' counts per scope keys (group_counts);
  // their names after.
  const rows = rowsOf<{ kind: "ngo" | "village" | "more"; id: string | null; name: string }>(
    await db.execute(sql`with k as (select distinct c.village_id, c.ngo_org_id from group_counts c where ${groupScopeSql(org, "c")}),
      v as (select distinct k.village_id from k where ${ngo ? sql`k.ngo_org_id = ${ngo}` : sql`true`}),
      n as (select count(*) as total from v)
      select 'ngo' as kind, o.id::text as id, o.name from (select distinct k.ngo_org_id from k) x join organisations o on o.id = x.ngo_org_id
      union all
      select 'village', p.id::text, p.name from v join places p on p.id = v.village_id cross join n
      where n.total <= ${maxVillages} or v.village_id = ${village}::uuid
      union all
      select 'more', null, n.total::text from n where n.total > ${maxVillages}`),
  );
  const acts = await db.select().from(activityTypes).orderBy(asc(activityTypes.sortOrder));
  const named = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ id: r.id!, name: r.name }));
  return {
    villages: named("village").sort((a, b) => a.name.localeCompare(b.name)),
    villagesNeedNgo: rows.some((r) => r.kind === "more"),
    ngos: named("ngo").sort((a, b) => a.name.localeCompare(b.name)),
    activities: acts,
  };
}

/** One group if the organisation may read it, else null ("not found"). */
export async function findVisibleGroup(db: Queryable, org: Org, groupId: string) {
  if (!isUuid(groupId)) return null;
  const [g] = await db
    .select({
      id: groups.id,
      name: groups.name,
      status: groups.status,
      profitRule: groups.profitRule,
      version: groups.version,
      networkOrgId: groups.networkOrgId,
      archivedAt: groups.archivedAt,
      activityType: groups.activityType,
      activityKind: activityTypes.kind,
      village: places.name,
      villageId: groups.villageId,
      ngoOrgId: groups.ngoOrgId,
      ngo: organisations.name,
      startDate: groups.startDate,
      startingCapitalAmount: groups.startingCapitalAmount,
      startingCapitalCurrency: groups.startingCapitalCurrency,
      isWritable: sql<boolean>`${writableGroupSql(org)}`,
    })
    .from(groups)
    .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
    .innerJoin(places, eq(places.id, groups.villageId))
    .innerJoin(organisations, eq(organisations.id, groups.ngoOrgId))
    .where(and(groupScopeSql(org), eq(groups.id, groupId)));
  return g ?? null;
}

/** One group the organisation writes (its own, as an NGO), locked for the transaction; else null. */
export async function findWritableGroup(db: Queryable, org: Org, groupId: string) {
  if (!isUuid(groupId)) return null;
  const [g] = await db
    .select()
    .from(groups)
    .where(and(writableGroupSql(org), eq(groups.id, groupId)))
    .for("update");
  return g ?? null;
}

/** Members of a group (all, with their WG-SS answers, their aids named in `locale`); group must already be verified. */
export async function listGroupMembers(db: Queryable, groupId: string, locale = "fr") {
  return db
    .select({
      membershipId: groupMemberships.id,
      personId: people.id,
      name: people.name,
      sex: people.sex,
      birthYear: people.birthYear,
      joinedOn: groupMemberships.joinedOn,
      leftOn: groupMemberships.leftOn,
      householdStatus: households.status,
      cashTransferSince: households.cashTransferSince,
      wgSeeing: people.wgSeeing,
      wgHearing: people.wgHearing,
      wgWalking: people.wgWalking,
      wgCognition: people.wgCognition,
      wgSelfCare: people.wgSelfCare,
      wgCommunication: people.wgCommunication,
      aids: sql<string | null>`(select string_agg(t.${aidNameColumn(locale)} || coalesce(' (' || a.details || ')', ''), ', ' order by a.received_on)
        from technical_aids a join aid_types t on t.code = a.aid_type where a.person_id = ${people.id})`,
    })
    .from(groupMemberships)
    .innerJoin(people, eq(people.id, groupMemberships.personId))
    .leftJoin(households, eq(households.id, people.householdId))
    .where(eq(groupMemberships.groupId, groupId))
    .orderBy(asc(groupMemberships.joinedOn), asc(people.name));
}

/** Teams with their member ids, and the terms, of a verified group. */
export async function listRotation(db: Queryable, groupId: string) {
  const teams = await db.select().from(managerTeams).where(eq(managerTeams.groupId, groupId)).orderBy(asc(managerTeams.createdAt), asc(managerTeams.name));
  const links = teams.length
    ? await db
        .select()
        .from(managerTeamMembers)
        .where(
          inArray(
            managerTeamMembers.teamId,
            teams.map((t) => t.id),
          ),
        )
    : [];
  const terms = await db.select().from(managerTerms).where(eq(managerTerms.groupId, groupId)).orderBy(asc(managerTerms.startsOn));
  return {
    teams: teams.map((t) => ({ ...t, memberIds: links.filter((l) => l.teamId === t.id).map((l) => l.membershipId) })),
    terms,
  };
}

/** People of an NGO not active in the group, for "add an existing person". */
export async function listCandidatePeople(db: Queryable, ngoOrgId: string, groupId: string, q?: string) {
  return db
    .select({ id: people.id, name: people.name, birthYear: people.birthYear })
    .from(people)
    .where(
      and(
        eq(people.ngoOrgId, ngoOrgId),
        // Archived people are out of pickers (issue 14); their memberships and figures stay.
        sql`${people.archivedAt} is null`,
        sql`not exists (select 1 from group_memberships m where m.person_id = ${people.id} and m.group_id = ${groupId} and m.left_on is null)`,
        // The picker's search step (?pq=): the same match as the people page.
        q ? personMatchSql(ngoOrgId, q) : undefined,
      ),
    )
    .orderBy(asc(people.name))
    .limit(500);
}

/** Settlements of the NGO's communes (villages a new group may be in). */
export async function listNgoSettlements(db: Queryable, ngoOrgId: string) {
  return db
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(
      sql`${places.parentId} in (select o.territory_place_id from org_communes oc join organisations o on o.id = oc.commune_org_id where oc.org_id = ${ngoOrgId})`,
    )
    .orderBy(asc(places.name));
}
