/**
 * Session lifetimes, enforced on the server-side session row at every request (SECURITY.md,
 * "Sessions"; proven by tests/integration/sessions.test.ts). The cookie itself carries only the
 * session id: revocation (sign-out, password change, disabled user) takes effect at once.
 */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000; // 12 hours after sign-in
export const SESSION_IDLE_MS = 2 * 60 * 60_000; // 2 hours without a request
/** last_seen_at is refreshed at most this often, to spare a write per request. */
export const SESSION_TOUCH_MS = 60_000;

export function isSessionLive(s: { createdAt: Date; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null }, now: Date): boolean {
  if (s.revokedAt) return false;
  if (s.expiresAt <= now) return false;
  if (now.getTime() - s.lastSeenAt.getTime() > SESSION_IDLE_MS) return false;
  return true;
}
