import "server-only";
import type { Db, DbHandle } from "./client";

const g = globalThis as unknown as { __tamkinDb?: Promise<DbHandle> };

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
