import { NextResponse, type NextRequest } from "next/server";
import { isCrossOriginWrite } from "@/lib/security/origin";
import { env } from "@/lib/env";
import { trustedProxies } from "@/lib/trust-proxy";

/**
 * Per-request nonce for the Content-Security-Policy, and a request id for the audit trail.
 * Redirects obviously signed-out visitors to sign-in; it is never the gate: every page,
 * route handler and server action resolves the user and the tenant on the server.
 */
const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The import page's upload without JavaScript (a spreadsheet of up to 20 MB, lib/imports/read.ts),
 * to a server action on that page only. With JavaScript the file goes to /<org>/import/upload,
 * which this proxy never sees (the matcher below): Next would buffer its body in memory.
 */
const MAX_IMPORT_BYTES = 21 * 1024 * 1024;
const IMPORT_PAGE = /^\/[a-z0-9-]+\/import$/;

export function proxy(request: NextRequest) {
  // A header only Next itself may set (CVE-2025-29927): a client sending it is refused.
  if (request.headers.has("x-middleware-subrequest")) return new NextResponse(null, { status: 400 });
  // Bodies above the server-action limit (1 MB; the import page's 21 MB, next.config.mjs) are
  // refused here with 413, not by a 500 later.
  const maxBody = request.method === "POST" && IMPORT_PAGE.test(request.nextUrl.pathname) ? MAX_IMPORT_BYTES : MAX_BODY_BYTES;
  if (Number(request.headers.get("content-length") ?? 0) > maxBody) return new NextResponse(null, { status: 413 });
  const forwardedHost = request.headers.get("x-forwarded-host");
  if (forwardedHost !== null && !/^[a-z0-9.-]{1,253}(:\d{1,5})?$/i.test(forwardedHost)) return new NextResponse(null, { status: 400 });
  const host = forwardedHost ?? request.headers.get("host");
  if (isCrossOriginWrite(request.method, request.headers.get("origin"), host)) {
    return new NextResponse(null, { status: 403 });
  }
  const nonce = btoa(crypto.randomUUID());
  const dev = env().NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The installable app (issue 16): its service worker and its manifest, from this origin only
    // (worker-src would otherwise fall back to script-src, where 'strict-dynamic' ignores 'self').
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  // Without trusted proxies (TRUST_PROXY), X-Forwarded-For is whatever the client wrote: drop it,
  // so that Next.js sets it to the socket's address (lib/request.ts clientAddress).
  if (trustedProxies() === 0) requestHeaders.delete("x-forwarded-for");
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const incomingId = request.headers.get("x-request-id");
  requestHeaders.set("x-request-id", incomingId && /^[A-Za-z0-9-]{8,64}$/.test(incomingId) ? incomingId : crypto.randomUUID());

  const { pathname } = request.nextUrl;
  // The offline page, the service worker and an organisation's manifest hold nothing of anyone
  // (browsers fetch manifests without cookies): public like the sign-in page (issue 16).
  const isPublic =
    pathname === "/login" ||
    pathname === "/too-many-requests" ||
    pathname === "/offline" ||
    pathname.startsWith("/api/auth") ||
    pathname.startsWith("/board/") ||
    pathname.startsWith("/serwist/") ||
    /^\/[a-z0-9-]+\/app\.webmanifest$/.test(pathname);
  // The read-only API (issue 14.5) authenticates by bearer token, never by cookie: no sign-in redirect.
  const isApi = pathname.startsWith("/api/v1/");
  const hasSessionCookie = request.cookies.getAll().some((c) => c.name.endsWith("authjs.session-token"));
  if (!isPublic && !isApi && !hasSessionCookie && request.method === "GET") {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    const res = NextResponse.redirect(url);
    res.headers.set("Content-Security-Policy", csp);
    return res;
  }

  requestHeaders.set("x-pathname", pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  // Which instance answered, when several run behind a load balancer (scripts/cluster).
  const instance = env().TAMKIN_INSTANCE;
  if (instance) response.headers.set("X-Tamkin-Instance", instance);
  // The organisation last opened is remembered on the server session once its membership is
  // checked (requireMember), no longer in a cookie set here for any slug: drop the old one.
  if (request.cookies.has("tamkin_org")) response.cookies.delete("tamkin_org");
  return response;
}

/**
 * Every path but static files and the import's upload route (/<org>/import/upload): for every
 * request it runs on, Next copies the body into memory (up to `proxyClientMaxBodySize`) and waits
 * for all of it before the route runs, which would hold a 20 MB spreadsheet whole. That route
 * applies this proxy's refusals itself (lib/imports/upload-route.ts) and counts its 20 MB as it
 * reads.
 */
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|icons/|robots.txt|[a-z0-9-]+/import/upload/?$).*)" }],
};
