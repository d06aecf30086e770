import "server-only";
import { and, asc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { keyset, type PageRequest } from "@/lib/pagination";
import type { AuditFilters } from "./schema";

/**
 * The organisation's own records only. A member's sign-ins and account changes belong to no
 * organisation: they are on that user's account page (listMyAccountEvents), never in the trail of
 * an organisation that added them (which would read their history from before the membership).
 */
function orgTrail(orgId: string): SQL {
  return eq(auditLog.orgId, orgId);
}

function nextDay(d: string): Date {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);
}

/** Newest first; records of the same instant by id. */
const auditKeyset = keyset(
  [
    { column: auditLog.at, type: "timestamptz" },
    { column: auditLog.id, type: "bigint" },
  ],
  "desc",
);

/** One page of the organisation's audit trail, newest first, with the total count. */
export async function listAuditEntries(db: Queryable, orgId: string, f: AuditFilters, page: PageRequest) {
  const where = and(
    orgTrail(orgId),
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.user ? sql`lower(${users.email}) like ${`%${f.user.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
    f.from ? gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(auditLog.at, nextDay(f.to)) : undefined,
  );
  const plan = auditKeyset.plan(page);
  const fetched = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
      userEmail: users.email,
      userName: users.name,
      cursorKey: auditKeyset.keySql,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(where, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where);
  return { ...plan.finish(fetched), total };
}

/** The actions and entities present in the organisation's trail (for the filter lists). */
export async function listAuditVocabulary(db: Queryable, orgId: string) {
  const actions = await db.selectDistinct({ v: auditLog.action }).from(auditLog).where(orgTrail(orgId)).orderBy(asc(auditLog.action));
  const entities = await db.selectDistinct({ v: auditLog.entity }).from(auditLog).where(orgTrail(orgId)).orderBy(asc(auditLog.entity));
  return { actions: actions.map((a) => a.v), entities: entities.map((e) => e.v) };
}

/** Records that belong to no organisation and concern this user: sign-ins, failed sign-ins, sign-outs, password and language changes. */
function ownAccountRecords(userId: string): SQL {
  return and(sql`${auditLog.orgId} is null`, eq(auditLog.actorUserId, userId))!;
}

/** One page of the signed-in user's own account records, newest first, for their account page. */
export async function listMyAccountEvents(db: Queryable, userId: string, page: PageRequest) {
  const plan = auditKeyset.plan(page);
  const fetched = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      requestId: auditLog.requestId,
      cursorKey: auditKeyset.keySql,
    })
    .from(auditLog)
    .where(and(ownAccountRecords(userId), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(fetched);
}
