/**
 * Backups. PostgreSQL: pg_dump in custom format as the owner role, in explicit maintenance mode
 * (the owner, too, is under FORCEd row-level security); restore with pg_restore into an empty
 * database, then grant the application role again. Embedded PGlite: a gzip tarball of the data
 * directory (PGlite's dumpDataDir), taken while no server has the directory open.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Queryable } from "./client";
import { rowsOf } from "./app-role";
import { pgliteExtensions } from "./pglite-extensions";

/** libpq environment for a URL, so that the password never appears on a command line. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
    // Honoured by the row-level security policies for the database owner only.
    PGOPTIONS: "-c app.maintenance=on",
  };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { env, stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr?.trim() ?? r.error?.message}`);
}

export function backupPostgres(ownerUrl: string, file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  run("pg_dump", ["--format=custom", "--enable-row-security", "--no-owner", "--no-acl", `--file=${file}`], libpqEnv(ownerUrl));
}

/** Restore into an EMPTY database owned by the owner role (refuses one that holds tables). */
export function restorePostgres(ownerUrl: string, file: string): void {
  if (!existsSync(file)) throw new Error(`no such backup: ${file}`);
  run(
    "pg_restore",
    ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", `--dbname=${new URL(ownerUrl).pathname.slice(1)}`, file],
    libpqEnv(ownerUrl),
  );
}

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (!existsSync(dataDir)) throw new Error(`no embedded database at ${dataDir}`);
  const client = await PGlite.create(dataDir, { extensions: await pgliteExtensions() });
  try {
    const blob = await client.dumpDataDir("gzip");
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await client.close();
  }
}

export async function restorePglite(file: string, dataDir: string): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty; restore into a new folder`);
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(file)]), extensions: await pgliteExtensions() });
  await client.close();
}

/** Row count and an order-independent checksum of every table (run as the owner in maintenance). */
export async function tableChecksums(db: Queryable): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map(
    (t) => t.name,
  );
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of tables) {
    const [r] = rowsOf<{ rows: number; md5: string | null }>(
      await db.execute(
        sql.raw(`select count(*)::int as rows, md5(coalesce(string_agg(x.t, '|' order by x.t), '')) as md5
        from (select (tbl.*)::text as t from "${t.replace(/"/g, '""')}" tbl) x`),
      ),
    );
    out[t] = { rows: r.rows, md5: r.md5 ?? "" };
  }
  return out;
}
