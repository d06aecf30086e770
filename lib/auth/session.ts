import "server-only";
import { cache } from "react";
import { and, eq, isNull, sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { sessions, users } from "@/db/schema";
import { auth } from "./config";
import { isSessionLive, SESSION_TOUCH_MS } from "./session-rules";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  locale: "fr" | "ar" | "en";
  mustChangePassword: boolean;
  sessionId: string;
}

/**
 * The signed-in user, checked against the database on every request: a revoked or expired
 * session, or a disabled user, is signed out at once whatever the cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const sid = (session as { sid?: string } | null)?.sid;
  if (!sid || !/^[0-9a-f-]{36}$/.test(sid)) return null;
  const db = await getDb();
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
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sid), isNull(users.disabledAt)))
    .limit(1);
  const now = new Date();
  if (!row || !isSessionLive(row, now)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sid));
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    mustChangePassword: row.mustChangePassword,
    sessionId: sid,
  };
});

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser(opts: { allowPasswordChange?: boolean } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect("/account/password");
  return user;
}
