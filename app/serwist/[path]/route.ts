import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createSerwistRoute } from "@serwist/turbopack";
import { assertPrecacheBudget, precacheGlobs } from "@/lib/offline/precache-budget";

// The offline page's revision: its source and its three catalogues.
const revision = createHash("sha256")
  .update(["app/offline/page.tsx", ...["fr", "ar", "en"].map((l) => `lib/i18n/messages/${l}/core.json`)].map((f) => readFileSync(f, "utf8")).join("\n"))
  .digest("hex")
  .slice(0, 16);

/**
 * The service worker (lib/offline/sw.ts) and its precache list, built by Serwist with esbuild when
 * `next build` prerenders this route (/serwist/sw.js): the precache comes from the build's own
 * files, and a precache over its budget fails the build.
 */
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "lib/offline/sw.ts",
  useNativeEsbuild: true,
  globPatterns: precacheGlobs,
  additionalPrecacheEntries: [{ url: "/offline", revision }],
  manifestTransforms: [
    (entries) => {
      assertPrecacheBudget(entries);
      return { manifest: entries, warnings: [] };
    },
  ],
});
