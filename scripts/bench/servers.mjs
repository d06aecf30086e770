/**
 * The two servers the benchmark compares, built and started in the same run on loopback: the
 * smallest dynamic Next.js page (the reference every ratio is taken against) and the portal.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../cluster/cluster.mjs";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

/**
 * A minimal Next.js app with one dynamic page (rendered on every request, like the portal's),
 * built with the portal's own node_modules (hard links: Turbopack resolves inside its root).
 */
export function buildMinimalApp(log) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tamkin-minimal-"));
  mkdirSync(path.join(dir, "app"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "minimal", private: true, type: "module" }));
  writeFileSync(path.join(dir, "next.config.mjs"), "export default { poweredByHeader: false };\n");
  writeFileSync(
    path.join(dir, "app", "layout.jsx"),
    `export const metadata = { title: "Minimal" };
export default function Layout({ children }) {
  return (<html lang="fr"><body>{children}</body></html>);
}
`,
  );
  writeFileSync(
    path.join(dir, "app", "page.jsx"),
    `import { connection } from "next/server";
export default async function Page() {
  await connection();
  return (<main><h1>Tamkin</h1><p>Page minimale rendue à {new Date().toISOString()}.</p></main>);
}
`,
  );
  const cp = spawnSync("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")]);
  if (cp.status !== 0) throw new Error(`could not link node_modules: ${cp.stderr}`);
  log(`[bench] building the minimal page in ${dir}`);
  // A clean environment: it needs none of the variables `npm run` sets.
  // Its own (linked) copy of next: the portal's would resolve a second React beside the app's.
  const b = spawnSync("node", [path.join(dir, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    env: cleanEnv({ NEXT_TELEMETRY_DISABLED: "1" }),
    encoding: "utf8",
  });
  if (b.status !== 0) throw new Error(`minimal build failed:\n${b.stdout}\n${b.stderr}`);
  return dir;
}

export function cleanEnv(extra = {}) {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ", "CHROMIUM_PATH"];
  return { ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]])), ...extra };
}

/** Build the portal when its sources are newer than the build (as `npm test` does). */
export function ensurePortalBuild(log) {
  const built = existsSync(".next/BUILD_ID");
  if (built && process.env.BENCH_REBUILD !== "1") return;
  log("[bench] building the portal");
  const b = spawnSync("node", [NEXT_BIN, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (b.status !== 0) throw new Error("portal build failed");
}

/** `next start` in `cwd` on a free port; the returned pid is the server process itself. */
export async function startNext(cwd, env, name) {
  const port = await freePort();
  const child = spawn("node", [path.join(cwd, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd,
    env: cleanEnv({ NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited while starting`);
    try {
      const r = await fetch(`${base}/`, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (r.status < 500) break;
    } catch {}
    if (Date.now() > until) throw new Error(`${name} did not start within 120 s`);
    await sleep(300);
  }
  return { name, port, base, pid: child.pid, child, stop: () => child.kill("SIGTERM") };
}

/** Resident memory (kB) of a process and all its descendants. */
export function rssKb(pid) {
  const children = (p) => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {}
    stack.push(...children(p));
  }
  return total;
}

export function listDirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
