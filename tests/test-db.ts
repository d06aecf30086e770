/**
 * A fresh database for one integration test file: an in-memory (or on-disk) PGlite by default,
 * or a throwaway database on the PostgreSQL server named by DATABASE_OWNER_URL / DATABASE_URL.
 * Only local servers are accepted.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDb, type DbHandle } from "@/db/client";

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
async function dropTestDatabase(url: string, name: string) {
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
  /** Close and open the same database again, as a server restart would. */
  reopen(): Promise<TestDb>;
  destroy(): Promise<void>;
}

export async function createTestDb(opts: { onDisk?: boolean } = {}): Promise<TestDb> {
  if (serverUrl) {
    assertLocal(serverUrl);
    const name = `tamkin_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const open = async (): Promise<TestDb> => {
      const h = await openDb({ url: url.toString() });
      return {
        ...h,
        reopen: async () => (await h.close(), open()),
        destroy: async () => {
          await h.close();
          await dropTestDatabase(serverUrl, name);
        },
      };
    };
    const handle = await open();
    await handle.migrate();
    return handle;
  }
  const dataDir = opts.onDisk ? path.join(mkdtempSync(path.join(os.tmpdir(), "tamkin-pglite-")), "db") : undefined;
  const open = async (): Promise<TestDb> => {
    const h = await openDb({ dataDir });
    return { ...h, reopen: async () => (await h.close(), open()), destroy: () => h.close() };
  };
  const handle = await open();
  await handle.migrate();
  return handle;
}
