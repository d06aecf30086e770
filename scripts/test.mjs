#!/usr/bin/env node
/**
 * All the tests: unit and integration (vitest; on PGlite, and also on PostgreSQL when
 * DATABASE_URL is set), then the browser tests (Playwright on Debian's Chromium) against a
 * production build. Exits non-zero on the first failing stage.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

function run(cmd, args, extraEnv = {}) {
  console.log(`\n[test] ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`[test] failed: ${cmd} ${args.join(" ")}`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const only = process.argv[2];
// `npm test e2e auth.spec.ts groups.spec.ts`: only those browser test files.
const specs = only === "e2e" ? process.argv.slice(3) : [];
if (!only || only === "unit") run("npx", ["vitest", "run"]);
if (!only || only === "e2e") {
  const sources = ["app", "components", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package.json"];
  const built = existsSync(".next/BUILD_ID") ? statSync(".next/BUILD_ID").mtimeMs : 0;
  const stale = sources.some((s) => existsSync(s) && (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs) > built);
  if (stale) run("npx", ["next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
  // The service worker's precache, as this build made it, against its budget (issue 16).
  run("npx", ["vitest", "run", "lib/offline/precache-budget.test.ts"], { PRECACHE_CHECK: "1" });
  run("npx", ["playwright", "test", ...specs]);
}
