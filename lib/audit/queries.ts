import "server-only";
import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog, memberships, users } from "@/db/schema";
import { AUDIT_PAGE_SIZE, type AuditFilters } from "./schema";

/** The organisation's own records, and the sign-in/account records of its members. */
function orgTrail(orgId: string): SQL {
  return sql`(${auditLog.orgId} = ${orgId} or (${auditLog.orgId} is null and ${auditLog.actorUserId} in (
    select ${memberships.userId} from ${memberships} where ${memberships.orgId} = ${orgId})))`;
}

function nextDay(d: string): Date {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);
}

/** One page of the organisation's audit trail, newest first, with the total count. */
export async function listAuditEntries(db: Queryable, orgId: string, f: AuditFilters) {
  const where = and(
    orgTrail(orgId),
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.user ? sql`lower(${users.email}) like ${`%${f.user.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
    f.from ? gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(auditLog.at, nextDay(f.to)) : undefined,
  );
  const page = f.page ?? 1;
  const rows = await db
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
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The actions and entities present in the organisation's trail (for the filter lists). */
export async function listAuditVocabulary(db: Queryable, orgId: string) {
  const actions = await db
    .selectDistinct({ v: auditLog.action })
    .from(auditLog)
    .where(orgTrail(orgId))
    .orderBy(asc(auditLog.action));
  const entities = await db
    .selectDistinct({ v: auditLog.entity })
    .from(auditLog)
    .where(orgTrail(orgId))
    .orderBy(asc(auditLog.entity));
  return { actions: actions.map((a) => a.v), entities: entities.map((e) => e.v) };
}

