import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { getDb } from "@/db";
import { secureCookies } from "@/lib/cookies";
import { authSecret } from "@/lib/env";
import { readLiveSession, type CurrentUser, type UserOrganisation } from "./session-store";

export type { CurrentUser } from "./session-store";

/**
 * The server-side session id named by the request's (encrypted, httpOnly) session cookie. It
 * is read here on the server only: next-auth's session callback (lib/auth/config.ts) does not
 * pass it on, so /api/auth/session never shows it to client scripts.
 */
export async function sessionIdFrom(h: Headers): Promise<string | undefined> {
  const secret = authSecret();
  if (!secret) return undefined;
  const token = await getToken({ req: { headers: h }, secret, secureCookie: secureCookies() });
  return typeof token?.sid === "string" ? token.sid : undefined;
}

/** The request's live session and, read by the same statement, its user's memberships. */
const liveSession = cache(async () => {
  const sid = await sessionIdFrom(await headers());
  if (!sid) return null;
  return readLiveSession(await getDb(), sid, { organisations: true });
});

/**
 * The signed-in user, checked against the database on every request: a revoked or expired
 * session, or a disabled user, is signed out at once whatever the cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await liveSession())?.user ?? null);

/**
 * The memberships of `userId` if they are the request's signed-in user's, read with the session
 * (lib/auth/tenant.ts reads them itself otherwise).
 */
export async function sessionOrganisations(userId: string): Promise<UserOrganisation[] | null> {
  const s = await liveSession();
  return s && s.user.id === userId ? s.organisations : null;
}

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser(opts: { allowPasswordChange?: boolean } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect("/account/password");
  return user;
}
