import { env } from "@/lib/env";

/** Every cookie of the portal is `Secure` in production (AUTH_COOKIE_SECURE=false only to test over plain http). */
export function secureCookies(): boolean {
  const e = env();
  return e.NODE_ENV === "production" && e.AUTH_COOKIE_SECURE;
}
