import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog, users } from "@/db/schema";

/**
 * What an edit changed, for its audit record: the fields whose value differs, before and after
 * (issue 14). Values are compared as JSON, so a date and its string are the same value.
 */
export function changes<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T>; changed: (keyof T)[] } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  const changed: (keyof T)[] = [];
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = (before[k] ?? null) as T[keyof T];
      a[k] = (after[k] ?? null) as T[keyof T];
      changed.push(k);
    }
  }
  return { before: b, after: a, changed };
}

export interface HistoryRow {
  id: number;
  at: Date;
  action: string;
  userName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * A record's history in the current organisation's audit trail, newest first (index
 * `audit_log_org_entity_idx`). Row-level security lets an organisation read its own trail only.
 */
export async function listRecordHistory(db: Queryable, orgId: string, entityIds: string[], limit = 30): Promise<HistoryRow[]> {
  const rows = [];
  for (const entityId of entityIds) {
    rows.push(
      ...(await db
        .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, userName: users.name, before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(and(eq(auditLog.orgId, orgId), eq(auditLog.entityId, entityId)))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit)),
    );
  }
  return (rows as HistoryRow[]).sort((x, y) => y.at.getTime() - x.at.getTime() || y.id - x.id).slice(0, limit);
}
