/**
 * npm run bench -- --scale small|regional|national [--db NAME] [--out BENCHMARKS.md]
 *
 * Loads (or reuses) a bench database on the local PostgreSQL server of DATABASE_OWNER_URL /
 * DATABASE_URL, verifies the rollups against the rows, builds and serves the smallest dynamic
 * Next.js page beside the portal, and measures both in the same run: server time of every
 * dashboard (p95), statements per page with EXPLAIN of each, HTML size of the lists, throughput
 * and p99 under 20 connections, memory after warm-up, and the 3G budget in Chromium. Writes
 * BENCHMARKS.md (each measure: minimal page, ours, ratio, target). Timings are reported, not
 * asserted (the machine is noisy); rollup exactness and statement budgets fail the run.
 */
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import os from "node:os";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDb } from "@/db/client";
import { verifyRollups } from "@/lib/rollups/verify";
import { generate, BENCH_PASSWORD } from "./data";
import { explainLoaders, type LoaderReport } from "./explain";
// @ts-expect-error plain JavaScript (run by node directly too)
import { buildMinimalApp, ensurePortalBuild, rssKb, startNext } from "./servers.mjs";
// @ts-expect-error plain JavaScript
import { browserBudget, serverTimes, throughput } from "./measure.mjs";
import { writeReport, type Row } from "./report";
// @ts-expect-error plain JavaScript helper shared with the resilience and fuzz scripts
import { Portal } from "../lib/portal.mjs";

type Scale = "small" | "regional" | "national";
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const scale = (arg("scale") ?? "small") as Scale;
if (!["small", "regional", "national"].includes(scale)) throw new Error(`unknown scale ${scale}`);
const out = arg("out") ?? (scale === "small" ? "bench-small.md" : "BENCHMARKS.md");
const log = (s: string) => console.log(s);
/** `--loaders-only`: load (once) and print the dashboards' statements and plans, nothing else (for tuning queries). */
const loadersOnly = process.argv.includes("--loaders-only");
const big = scale !== "small";
const RUNS = big ? 30 : 8;
const LOAD_SECONDS = big ? 10 : 3;

/** Statement budgets per page, asserted here as in tests/integration/query-budgets.test.ts. */
const BUDGETS: Record<string, number> = { dashboard: 11 };

function local(url: string) {
  const u = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(u.hostname)) throw new Error(`refusing a non-local database: ${u.hostname}`);
  return u;
}

async function main() {
  const ownerBase = process.env.DATABASE_OWNER_URL;
  const appBase = process.env.DATABASE_URL;
  if (!ownerBase || !appBase) throw new Error("set DATABASE_OWNER_URL (owner role, CREATEDB) and DATABASE_URL (application role) of a local PostgreSQL server");
  const dbName = arg("db") ?? `tamkin_bench_${scale}`;
  const ownerUrl = local(ownerBase);
  ownerUrl.pathname = `/${dbName}`;
  const appUrl = local(appBase);
  appUrl.pathname = `/${dbName}`;
  const started = Date.now();

  // 1. The data: created, migrated and loaded once; reused by later runs of the same scale.
  const admin = postgres(ownerBase, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${dbName}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const env = { ...process.env, DATABASE_OWNER_URL: ownerUrl.toString(), DATABASE_URL: appUrl.toString() };
  const m = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], { stdio: "inherit", env });
  if (m.status !== 0) throw new Error("migration failed");
  const owner = postgres(ownerUrl.toString(), { max: 1, onnotice: () => {}, connection: { "app.maintenance": "on" } });
  let loadMs = 0;
  if ((await owner`select 1 from organisations where slug like 'b-%' limit 1`).length === 0) {
    const r = await generate({ url: ownerUrl.toString(), scale, log });
    loadMs = r.elapsedMs;
  } else log(`[bench] reusing the ${scale} data already in ${dbName}`);
  const counts = Object.fromEntries(
    (
      await owner`select c.relname, greatest(c.reltuples, 0)::bigint as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname in ('ledger_entries', 'groups', 'people', 'ledger_rollups', 'ledger_cube')`
    ).map((r) => [r.relname, Number(r.n)]),
  );
  const pick = async (type: string) =>
    (await owner`select id, slug, name, type from organisations where slug like 'b-%' and type = ${type} order by slug limit 1`)[0];
  const [ngo, commune, network, consortium] = [await pick("ngo"), await pick("commune"), await pick("cooperative_network"), await pick("consortium")];
  const userOf = async (slug: string) => (await owner`select id from users where email = ${`viewer@${slug}.bench`}`)[0].id as string;

  if (loadersOnly) {
    const cases = [
      { page: "dashboard", org: ngo, userId: await userOf(ngo.slug) },
      { page: "dashboard", org: commune, userId: await userOf(commune.slug) },
      { page: "dashboard", org: network, userId: await userOf(network.slug) },
      { page: "dashboard", org: consortium, userId: await userOf(consortium.slug) },
      { page: "compare", org: consortium, userId: await userOf(consortium.slug) },
    ].filter((c) => !arg("page") || `${c.page}:${c.org.type}`.includes(arg("page")!));
    await owner.end();
    for (const l of await explainLoaders(appUrl.toString(), cases as never, 3)) {
      log(`\n## ${l.page} ${l.org}: ${l.statements} statements, p95 ${Math.round(l.loaderP95Ms)} ms${l.error ? ` (${l.error})` : ""}`);
      for (const q of l.plans) log(`${String(Math.round(q.executionMs)).padStart(7)} ms  ${q.query}`);
      if (arg("plans")) for (const q of l.plans.filter((q) => q.executionMs >= Number(arg("plans")))) log(`\n### ${q.query}\n${q.plan}`);
    }
    return;
  }

  // 2. Rollups equal the rows (asserted).
  const verifier = await openDb({ url: ownerUrl.toString(), maintenance: true, max: 1 });
  await verifier.db.execute(sql`set statement_timeout = 0`);
  const v0 = Date.now();
  const diffs = await verifyRollups(verifier.db);
  const verifyMs = Date.now() - v0;
  await verifier.close();
  log(`[bench] rollups verified in ${verifyMs} ms: ${diffs.length} difference(s)`);

  // 3. Statements and plans of the dashboards' loaders (asserted budgets).
  const cases = [
    { page: "dashboard", org: ngo, userId: await userOf(ngo.slug) },
    { page: "dashboard", org: commune, userId: await userOf(commune.slug) },
    { page: "dashboard", org: network, userId: await userOf(network.slug) },
    { page: "dashboard", org: consortium, userId: await userOf(consortium.slug) },
    { page: "compare", org: consortium, userId: await userOf(consortium.slug) },
  ];
  const loaders: LoaderReport[] = await explainLoaders(appUrl.toString(), cases as never, big ? 10 : 3);
  await owner.end();

  // 4. The two servers, built and started in this run.
  const minimalDir = buildMinimalApp(log);
  ensurePortalBuild(log);
  const minimal = await startNext(minimalDir, {}, "minimal page");
  const portal = await startNext(
    process.cwd(),
    { DATABASE_URL: appUrl.toString(), AUTH_SECRET: randomBytes(33).toString("base64"), AUTH_TRUST_HOST: "true" },
    "portal",
  );
  const rows: Row[] = [];
  try {
    const p = new Portal({ port: portal.port, dbName });
    const signed = async (slug: string, role = "viewer") => {
      const c = new p.Client(`${role}@${slug}.bench`);
      await c.signIn(BENCH_PASSWORD);
      return c;
    };
    const clients = {
      ngo: await signed(ngo.slug),
      editor: await signed(ngo.slug, "editor"),
      commune: await signed(commune.slug),
      network: await signed(network.slug),
      consortium: await signed(consortium.slug),
    };
    const cookie = (c: { cookieHeader(): string }) => c.cookieHeader();

    // Server time (p95 of RUNS sequential requests after warm-up).
    const min = await serverTimes(`${minimal.base}/`, "", RUNS);
    rows.push({ section: "Server time (p95, ms)", measure: "minimal page", minimal: min.p95, ours: min.p95, target: "reference" });
    const timed: [string, keyof typeof clients, string, number][] = [
      ["NGO dashboard", "ngo", `/${ngo.slug}/dashboard`, 150],
      ["commune dashboard", "commune", `/${commune.slug}/dashboard`, 150],
      ["network dashboard", "network", `/${network.slug}/dashboard`, 150],
      ["consortium dashboard", "consortium", `/${consortium.slug}/dashboard`, 300],
      ["comparison", "consortium", `/${consortium.slug}/compare`, 500],
    ];
    for (const [name, who, path, target] of timed) {
      // A page that fails (the statement timeout at this scale) is reported, not fatal: the rest
      // of the run still measures.
      const r = await serverTimes(portal.base + path, cookie(clients[who]), RUNS).catch((e: Error) => ({ p95: NaN, error: e.message }));
      const error = "error" in r ? r.error : undefined;
      rows.push({
        section: "Server time (p95, ms)",
        measure: name,
        minimal: min.p95,
        ours: r.p95,
        target: `≤ ${target} ms`,
        ok: !error && r.p95 <= target,
        note: error ? `failed: ${error.slice(0, 60)}` : undefined,
      });
    }
    // Lists: the HTML document, compressed.
    for (const [name, path] of [
      ["ledger", `/${ngo.slug}/ledger`],
      ["groups", `/${ngo.slug}/groups`],
      ["audit trail", `/${ngo.slug}/audit`],
    ]) {
      const r = await serverTimes(portal.base + path, cookie(clients.ngo), 2, 1).catch(() => null);
      if (r)
        rows.push({
          section: "HTML document (gzip, kB)",
          measure: name,
          minimal: min.htmlGzip / 1024,
          ours: r.htmlGzip / 1024,
          target: "≤ 30 kB",
          ok: r.htmlGzip <= 30 * 1024,
        });
    }

    // Throughput and p99 under 20 connections.
    const minLoad = await throughput(`${minimal.base}/`, "", LOAD_SECONDS);
    rows.push({ section: "Throughput at 20 connections (req/s)", measure: "minimal page", minimal: minLoad.rps, ours: minLoad.rps, target: "reference" });
    for (const [name, path, ratio] of [
      ["home", `/${ngo.slug}`, 0.5],
      ["form page (new group)", `/${ngo.slug}/groups/new`, 0.5],
      ["NGO dashboard", `/${ngo.slug}/dashboard`, 0.25],
    ] as [string, string, number][]) {
      const r = await throughput(portal.base + path, cookie(path.endsWith("/new") ? clients.editor : clients.ngo), LOAD_SECONDS);
      rows.push({
        section: "Throughput at 20 connections (req/s)",
        measure: name,
        minimal: minLoad.rps,
        ours: r.rps,
        target: `≥ ${ratio}× minimal`,
        ok: r.rps >= ratio * minLoad.rps,
        note: `${r.errors} errors of ${r.total}`,
      });
      rows.push({ section: "p99 at 20 connections (ms)", measure: name, minimal: minLoad.p99, ours: r.p99, target: "< 1000 ms", ok: r.p99 < 1000 });
    }

    // Memory after warm-up, idle.
    await new Promise((r) => setTimeout(r, 5_000));
    const memMin = rssKb(minimal.pid) / 1024;
    const memOurs = rssKb(portal.pid) / 1024;
    rows.push({
      section: "Memory after warm-up (MB)",
      measure: "idle server",
      minimal: memMin,
      ours: memOurs,
      target: "≤ 2× minimal",
      ok: memOurs <= 2 * memMin,
    });

    // The 3G budget (cold LCP ≤ 2×, cold bytes ≤ 1.3× forms / 1.5× dashboards, warm ≤ 20 kB).
    const cookiesOf = (c: { cookies: Map<string, string> }) =>
      [...c.cookies].map(([name, value]) => ({
        name,
        value,
        domain: "127.0.0.1",
        path: "/",
        secure: name.startsWith("__Secure-") || name.startsWith("__Host-"),
        httpOnly: true,
        sameSite: "Lax" as const,
      }));
    const cookies = cookiesOf(clients.ngo);
    const budget = await browserBudget([
      { name: "minimal page", kind: "reference", url: `${minimal.base}/` },
      { name: "sign-in form", kind: "form", url: `${portal.base}/login` },
      { name: "home", kind: "form", url: `${portal.base}/${ngo.slug}`, cookies },
      { name: "new group form", kind: "form", url: `${portal.base}/${ngo.slug}/groups/new`, cookies: cookiesOf(clients.editor) },
      { name: "NGO dashboard", kind: "dashboard", url: `${portal.base}/${ngo.slug}/dashboard`, cookies },
      { name: "ledger", kind: "dashboard", url: `${portal.base}/${ngo.slug}/ledger`, cookies },
    ]);
    const ref = budget[0];
    for (const b of budget.slice(1)) {
      const byteRatio = b.kind === "form" ? 1.3 : 1.5;
      rows.push({
        section: "3G: cold largest contentful paint (ms)",
        measure: b.name,
        minimal: ref.cold.lcp,
        ours: b.cold.lcp,
        target: "≤ 2× minimal",
        ok: b.cold.lcp <= 2 * ref.cold.lcp,
      });
      rows.push({
        section: "3G: cold bytes (kB)",
        measure: b.name,
        minimal: ref.cold.bytes / 1024,
        ours: b.cold.bytes / 1024,
        target: `≤ ${byteRatio}× minimal`,
        ok: b.cold.bytes <= byteRatio * ref.cold.bytes,
      });
      rows.push({
        section: "3G: warm visit bytes (kB)",
        measure: b.name,
        minimal: ref.warm.bytes / 1024,
        ours: b.warm.bytes / 1024,
        target: "≤ 20 kB",
        ok: b.warm.bytes <= 20 * 1024,
      });
    }
  } finally {
    minimal.stop();
    portal.stop();
  }

  const budgetFailures = loaders.filter((l) => BUDGETS[l.page] !== undefined && l.statements > BUDGETS[l.page]);
  writeReport(out, {
    scale,
    date: new Date().toISOString(),
    // The load average (runnable processes, 1 and 15 minutes) at the end of the run: above the
    // number of cores, other work shared the machine and every timing here is inflated.
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}; load average at the end ${os.loadavg()[0].toFixed(1)} (1 min), ${os.loadavg()[2].toFixed(1)} (15 min)`,
    counts,
    loadMs,
    verifyMs,
    differences: diffs.length,
    rows,
    loaders,
    budgets: BUDGETS,
    elapsedMs: Date.now() - started,
  });
  log(`[bench] wrote ${out} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (diffs.length > 0) throw new Error(`${diffs.length} rollup difference(s)`);
  if (budgetFailures.length > 0)
    throw new Error(`statement budget exceeded: ${budgetFailures.map((l) => `${l.page} as ${l.org}: ${l.statements}`).join(", ")}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`[bench] ${err instanceof Error ? err.stack : err}`);
    process.exit(1);
  },
);
