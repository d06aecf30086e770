/* No Node.js imports: proxy.ts uses it too. */
import { env } from "./env";

/**
 * TRUST_PROXY: how many proxies stand in front of the portal, each appending the address of
 * its peer to X-Forwarded-For (nginx: `$remote_addr` or `$proxy_add_x_forwarded_for`). The
 * old values "true"/"false" mean 1/0. Null when the value is not one of these.
 */
export function parseTrustProxy(value: string | undefined): number | null {
  if (value === undefined || value === "" || value === "false") return 0;
  if (value === "true") return 1;
  return /^\d{1,2}$/.test(value) ? Number(value) : null;
}

/** The number of trusted proxies (TRUST_PROXY, validated by lib/env.ts). */
export function trustedProxies(): number {
  return env().TRUST_PROXY;
}
