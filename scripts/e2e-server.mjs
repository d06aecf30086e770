#!/usr/bin/env node
/**
 * The server the browser tests run against: the production build with demo data, on a fresh
 * embedded database, or (DATABASE_URL set) on a fresh throwaway database of that local
 * PostgreSQL server, migrated and seeded as the owner role and served as the application role.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";

const port = process.env.E2E_PORT ?? "3210";
const env = {
  ...process.env,
  NODE_ENV: "production",
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(33).toString("base64"),
  AUTH_TRUST_HOST: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};

let dropDatabase = async () => {};
if (process.env.DATABASE_URL) {
  const ownerUrl = new URL(process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(ownerUrl.hostname)) {
    console.error(`[e2e] refusing a non-local database host: ${ownerUrl.hostname}`);
    process.exit(1);
  }
  const name = process.env.E2E_DB_NAME ?? `tamkin_e2e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(ownerUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const appUrl = new URL(process.env.DATABASE_URL);
  appUrl.pathname = `/${name}`;
  ownerUrl.pathname = `/${name}`;
  env.DATABASE_URL = appUrl.toString();
  env.DATABASE_OWNER_URL = ownerUrl.toString();
  for (const script of ["db:migrate", "db:seed"]) {
    const r = spawnSync("npm", ["run", "--silent", script], { stdio: "inherit", env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  dropDatabase = async () => {
    const base = new URL(process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL);
    const a = postgres(base.toString(), { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await a.end();
  };
} else {
  const dir = `.data/e2e-${port}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(".data", { recursive: true });
  env.PGLITE_DIR = dir;
  env.TAMKIN_DEMO_SEED = "1";
}

if (process.env.E2E_CLUSTER === "1" && process.env.DATABASE_URL) {
  // Two instances behind nginx, through pgbouncer in transaction mode (scripts/cluster).
  const { startInstances, startNginx, startPgbouncer } = await import("./cluster/cluster.mjs");
  const [appUrl] = (await startPgbouncer(env.DATABASE_OWNER_URL, [env.DATABASE_URL])).urls;
  // nginx sets X-Forwarded-For to the client's address: one trusted proxy (lib/request.ts).
  const instances = await startInstances(2, { ...env, DATABASE_URL: appUrl, DATABASE_POOLER: "1", TRUST_PROXY: "1" });
  const nginx = await startNginx(Number(port), instances.ports);
  console.log(`[e2e] cluster: nginx :${port} -> instances ${instances.ports.join(", ")} -> pgbouncer (transaction mode) -> PostgreSQL`);
  const stop = async () => {
    nginx.stop();
    instances.stop();
    await dropDatabase();
    process.exit(0);
  };
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, stop);
  for (const c of instances.children) c.on("exit", (code) => code && code !== 0 && console.error(`[e2e] an instance exited with ${code}`));
} else {
  const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", port], { stdio: "inherit", env });
  server.on("exit", async (code) => {
    await dropDatabase();
    process.exit(code ?? 0);
  });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
}
