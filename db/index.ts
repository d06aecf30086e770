import "server-only";
import type { Db, DbHandle } from "./client";

const g = globalThis as unknown as { __tamkinDb?: Promise<DbHandle>; __tamkinReadDb?: Promise<DbHandle | null> };

/** The application's database handle, opened once per process (see instrumentation.ts). */
export function dbHandle(): Promise<DbHandle> {
  if (!g.__tamkinDb) {
    g.__tamkinDb = import("./boot").then((m) => m.bootDatabase());
  }
  return g.__tamkinDb;
}

export async function getDb(): Promise<Db> {
  return (await dbHandle()).db;
}

/** Where dashboards and exports read: the replica when DATABASE_READ_URL is set, else the primary. */
export async function getReadDb(): Promise<Db> {
  if (!g.__tamkinReadDb) {
    g.__tamkinReadDb = import("./boot").then((m) => m.bootReadReplica());
  }
  return ((await g.__tamkinReadDb) ?? (await dbHandle())).db;
}
