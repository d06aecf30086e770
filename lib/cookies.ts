/** Every cookie of the portal is `Secure` in production (AUTH_COOKIE_SECURE=false only to test over plain http). */
export function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.AUTH_COOKIE_SECURE !== "false";
}
