import { randomUUID } from "node:crypto";

/**
 * The client's address for throttling. Next.js sets X-Forwarded-For to the socket address
 * when the request has none; behind a load balancer that overwrites the header, its first
 * entry is the client. Without such a proxy the header is client-controlled, so the
 * per-account throttle is the one that cannot be evaded.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || headers.get("x-real-ip") || "unknown").slice(0, 64);
}

export function requestId(headers: Headers): string {
  const id = headers.get("x-request-id");
  return id && /^[A-Za-z0-9-]{8,64}$/.test(id) ? id : randomUUID();
}
