#!/usr/bin/env node
/**
 * The newcomer's command: build once, then start the production server with demo data on the
 * embedded database under .data/ (created, migrated and seeded on first start).
 */
import { spawnSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";

mkdirSync(".data", { recursive: true });
const secretFile = ".data/auth-secret";
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(33).toString("base64"), { mode: 0o600 });

const env = {
  ...process.env,
  NODE_ENV: "production",
  AUTH_SECRET: process.env.AUTH_SECRET ?? readFileSync(secretFile, "utf8").trim(),
  AUTH_TRUST_HOST: "true",
  TAMKIN_DEMO_SEED: "1",
  PGLITE_DIR: process.env.PGLITE_DIR ?? ".data/pglite",
  NEXT_TELEMETRY_DISABLED: "1",
};

if (!existsSync(".next/BUILD_ID") || process.argv.includes("--rebuild")) {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const port = process.env.PORT ?? "3000";
console.log(`\n[tamkin] starting on http://localhost:${port} (demo accounts: see README)\n`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env });
server.on("exit", (code) => process.exit(code ?? 0));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
