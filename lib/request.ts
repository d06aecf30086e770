import { randomUUID } from "node:crypto";
import { trustedProxies } from "./trust-proxy";

export { parseTrustProxy, trustedProxies } from "./trust-proxy";

/**
 * The client's address for throttling. With TRUST_PROXY=n, the address n entries from the
 * right of X-Forwarded-For (the one the outermost trusted proxy saw; anything further left
 * was written by the client). Without it, `proxy.ts` drops the client's X-Forwarded-For, so
 * that the header Next.js then sets holds the socket's address and nothing else.
 */
export function clientAddress(headers: Headers, hops = trustedProxies()): string {
  const list = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const address = hops > 0 ? list[Math.max(0, list.length - hops)] : list[list.length - 1];
  return (address || "unknown").slice(0, 64);
}

export function requestId(headers: Headers): string {
  const id = headers.get("x-request-id");
  return id && /^[A-Za-z0-9-]{8,64}$/.test(id) ? id : randomUUID();
}
