import createNextIntlPlugin from "next-intl/plugin";
import { withSerwist } from "@serwist/turbopack";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** Headers for every response; the Content-Security-Policy with its nonce is set in proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Several instances behind a load balancer: one deployment id per build, so that a browser
  // holding an older build's pages is told to reload instead of calling actions that moved.
  // (Server actions' encryption key: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, the same on every build.)
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@electric-sql/pglite"],
  typescript: { ignoreBuildErrors: false },
  // Imports (issue 14.1) take a spreadsheet of up to 20 MB (lib/imports/read.ts, MAX_BYTES). With
  // JavaScript the page streams it to a route handler that the proxy never sees (proxy.ts's
  // matcher), so neither limit below applies to it. Without JavaScript it is posted to a server
  // action, whose multipart body Next reads whole, and copies for the proxy: a little more than
  // 20 MB here, so that the action itself answers "too large", translated (the proxy's copy would
  // otherwise be cut silently at 10 MB). proxy.ts keeps every other request to 1 MB.
  experimental: { serverActions: { bodySizeLimit: "21mb" }, proxyClientMaxBodySize: "21mb" },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

// withSerwist: esbuild, which builds the service worker (app/serwist/[path]/route.ts), stays out of the bundle.
export default withNextIntl(withSerwist(nextConfig));
