import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { auth } from "./config";
import { findLiveSession, type CurrentUser } from "./session-store";

export type { CurrentUser } from "./session-store";

/**
 * The signed-in user, checked against the database on every request: a revoked or expired
 * session, or a disabled user, is signed out at once whatever the cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const sid = (session as { sid?: string } | null)?.sid;
  if (!sid) return null;
  return findLiveSession(await getDb(), sid);
});

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser(opts: { allowPasswordChange?: boolean } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect("/account/password");
  return user;
}
