/**
 * A fresh database for one integration test file: an in-memory (or on-disk) PGlite by default,
 * or a throwaway database on the PostgreSQL server named by DATABASE_OWNER_URL / DATABASE_URL.
 * Only local servers are accepted.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { inject } from "vitest";
import { openDb, type DbHandle, type Tx } from "@/db/client";
import { grantAppRole } from "@/db/grants";
import { PGLITE_APP_ROLE } from "@/db/app-role";
import { seedDemo } from "@/db/seed/demo";

/** The application role's connection (DATABASE_URL's user), when the tests run on a server. */
export const appUrl = process.env.DATABASE_OWNER_URL ? process.env.DATABASE_URL : undefined;

export const serverUrl = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
export const backend = serverUrl ? "postgres" : "pglite";

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database host: ${host}`);
  }
}

/**
 * Drop a throwaway database. An autovacuum worker of the superuser may still be on it, which
 * the owner cannot terminate: retry for a while, then leave it (a leaked test database is
 * harmless; a failed test run for it would not be).
 */
export async function dropTestDatabase(url: string, name: string) {
  const a = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
        return;
      } catch (err) {
        if (attempt >= 10) {
          console.warn(`[test-db] could not drop ${name}: ${(err as Error).message}`);
          return;
        }
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  } finally {
    await a.end();
  }
}

export interface TestDb extends DbHandle {
  /** PostgreSQL: the owner's URL of this database. PGlite on disk: its data folder. */
  ownerUrl?: string;
  dataDir?: string;
  /** Close and open the same database again, as a server restart would. */
  reopen(): Promise<TestDb>;
  destroy(): Promise<void>;
  /**
   * Run `fn` in one transaction as the application role with this tenant context, so that
   * row-level security applies (`db` itself is the owner in maintenance mode, like the seed).
   */
  asApp<T>(context: { orgId?: string | null; userId?: string | null }, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * On PostgreSQL, a handle connected as the application role (what the portal uses), for code
   * under test that opens its own tenant transactions (server actions, pages): through `db` they
   * would run as the owner in maintenance mode, which the database's guards exempt. Null on PGlite.
   */
  appHandle?(): Promise<DbHandle>;
}

async function setContext(tx: Tx, c: { orgId?: string | null; userId?: string | null }) {
  await tx.execute(sql`select set_config('app.org_id', ${c.orgId ?? ""}, true), set_config('app.user_id', ${c.userId ?? ""}, true)`);
}

/**
 * `demo`: with the demo seeded (`demoIds(db.db)` gives what `seedDemo` returned), copied from the
 * run's seeded template where there is one.
 */
export async function createTestDb(opts: { onDisk?: boolean; onQuery?: (query: string) => void; demo?: boolean } = {}): Promise<TestDb> {
  if (serverUrl) {
    assertLocal(serverUrl);
    const name = `tamkin_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    // A copy of the run's migrated template (tests/global-setup.ts), else an empty database.
    const template = opts.demo ? inject("dbTemplate")?.demoDatabase : inject("dbTemplate")?.database;
    await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    let app: DbHandle | undefined;
    const appOf = async (): Promise<DbHandle> => {
      if (!appUrl) throw new Error("asApp needs DATABASE_URL (application role) beside DATABASE_OWNER_URL");
      if (!app) {
        const u = new URL(appUrl);
        u.pathname = `/${name}`;
        await grantAppRole(url.toString(), decodeURIComponent(u.username));
        app = await openDb({ url: u.toString(), max: 2, onQuery: opts.onQuery });
      }
      return app;
    };
    const open = async (): Promise<TestDb> => {
      const h = await openDb({ url: url.toString(), maintenance: true, max: 2, onQuery: opts.onQuery });
      return {
        ...h,
        ownerUrl: url.toString(),
        reopen: async () => (await h.close(), open()),
        asApp: async (c, fn) => {
          const a = await appOf();
          return a.db.transaction(async (tx) => (await setContext(tx, c), fn(tx)));
        },
        appHandle: () => appOf(),
        destroy: async () => {
          await app?.close();
          await h.close();
          await dropTestDatabase(serverUrl, name);
        },
      };
    };
    const handle = await open();
    if (!template) await handle.migrate();
    if (!template && opts.demo) await seedDemo(handle.db);
    return handle;
  }
  // In memory: a copy of the run's migrated data folder (tests/global-setup.ts), else migrated here.
  const tarball = opts.onDisk ? undefined : opts.demo ? inject("dbTemplate")?.demoTarball : inject("dbTemplate")?.tarball;
  const loadDataDir = tarball ? new Blob([readFileSync(tarball)]) : undefined;
  const dataDir = opts.onDisk ? path.join(mkdtempSync(path.join(os.tmpdir(), "tamkin-pglite-")), "db") : undefined;
  const open = async (): Promise<TestDb> => {
    const h = await openDb({ dataDir, onQuery: opts.onQuery, loadDataDir });
    return {
      ...h,
      dataDir,
      reopen: async () => (await h.close(), open()),
      destroy: () => h.close(),
      asApp: (c, fn) =>
        h.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local role ${PGLITE_APP_ROLE}`));
          await setContext(tx, c);
          return fn(tx);
        }),
    };
  };
  const handle = await open();
  if (!loadDataDir) await handle.migrate();
  if (!loadDataDir && opts.demo) await seedDemo(handle.db);
  return handle;
}
