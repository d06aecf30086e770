import "server-only";
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { sessions, users } from "@/db/schema";
import type { OrgType, Role } from "@/lib/permissions";
import { rowsOf } from "@/db/app-role";
import { isSessionLive, SESSION_TOUCH_MS } from "./session-rules";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  locale: "fr" | "ar" | "en";
  mustChangePassword: boolean;
  sessionId: string;
  /** The organisation last opened in this session (recorded after its membership check). */
  lastOrganisationId: string | null;
}

/** One of the user's memberships: the organisation, the role, and a group manager's group. */
export interface UserOrganisation {
  id: string;
  slug: string;
  name: string;
  type: OrgType;
  role: Role;
  groupId: string | null;
}

/**
 * The user's memberships, by organisation name, in one statement (migration 0058): the function
 * sets the user context for its own query and restores the caller's, so that row-level security
 * shows the user's own memberships alone, without a transaction of their own (four statements:
 * begin, context, query, commit) on every request.
 */
export const userOrganisationsSql = (userId: SQL | string) => sql<UserOrganisation[]>`app_user_organisations(${userId})`;

export async function readUserOrganisations(db: Queryable, userId: string): Promise<UserOrganisation[]> {
  const [row] = rowsOf<{ orgs: UserOrganisation[] }>(await db.execute(sql`select ${userOrganisationsSql(userId)} as orgs`));
  return row.orgs;
}

/**
 * The user of a server-side session, if it is live: not revoked (sign-out, password change),
 * within its idle and absolute lifetimes (session-rules.ts), and its user not disabled.
 * Touches last_seen_at at most once a minute.
 */
export async function findLiveSession(db: Queryable, sid: string, now = new Date()): Promise<CurrentUser | null> {
  return (await readLiveSession(db, sid, { now }))?.user ?? null;
}

/**
 * The same, and with `organisations` the user's memberships read by the same statement: a
 * request's session check and tenant resolution cost one round trip, not five.
 */
export async function readLiveSession(
  db: Queryable,
  sid: string,
  opts: { now?: Date; organisations?: boolean } = {},
): Promise<{ user: CurrentUser; organisations: UserOrganisation[] | null } | null> {
  const now = opts.now ?? new Date();
  if (!/^[0-9a-f-]{36}$/.test(sid)) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      lastOrganisationId: sessions.lastOrganisationId,
      organisations: opts.organisations ? userOrganisationsSql(sql`${users.id}`) : sql<null>`null`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sid), isNull(users.disabledAt)))
    .limit(1);
  if (!row || !isSessionLive(row, now)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, sid));
  }
  const user: CurrentUser = {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    mustChangePassword: row.mustChangePassword,
    sessionId: sid,
    lastOrganisationId: row.lastOrganisationId,
  };
  return { user, organisations: row.organisations };
}

/**
 * Remember the organisation the user just opened, so that the next sign-in lands there. Called
 * only once the membership is verified (lib/auth/tenant.ts), and only when it changed.
 */
export async function rememberOrganisation(db: Queryable, user: Pick<CurrentUser, "sessionId" | "lastOrganisationId">, orgId: string) {
  if (user.lastOrganisationId === orgId) return;
  await db.update(sessions).set({ lastOrganisationId: orgId }).where(eq(sessions.id, user.sessionId));
  // The request's cached user (layout and page resolve the tenant twice) now knows it too.
  user.lastOrganisationId = orgId;
}

/** The organisation the user opened last, in this session or the latest one that opened any. */
export async function lastOrganisationOf(db: Queryable, user: Pick<CurrentUser, "id" | "lastOrganisationId">): Promise<string | null> {
  if (user.lastOrganisationId) return user.lastOrganisationId;
  const [row] = await db
    .select({ orgId: sessions.lastOrganisationId })
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), sql`${sessions.lastOrganisationId} is not null`))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(1);
  return row?.orgId ?? null;
}
