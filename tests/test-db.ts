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
          const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
          await a.unsafe(`drop database if exists ${name} with (force)`);
          await a.end();
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
