import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { pgliteExtensions } from "./pglite-extensions";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Apply the migrations (as the owner; on PGlite also create and grant the application role). */
  migrate(): Promise<void>;
  /** PGlite: switch this connection to the non-superuser application role (see db/app-role.ts). */
  useAppRole(): Promise<void>;
  /** PGlite: the whole data folder as a tarball (tests copy a migrated database from it). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

/** Bounds on every server connection, so that no request hangs on a dead or locked database. */
export const DB_TIMEOUTS = {
  connectSeconds: env().DATABASE_CONNECT_TIMEOUT_S,
  statementMs: env().DATABASE_STATEMENT_TIMEOUT_MS,
  lockMs: env().DATABASE_LOCK_TIMEOUT_MS,
  idleInTransactionMs: 30_000,
};

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/**
 * The one place that picks PGlite or a PostgreSQL server. `maintenance` (owner connections
 * only: migrations, seed, backups, tests) sets app.maintenance=on, which the row-level security
 * policies honour for the database owner alone.
 */
export async function openDb(opts: {
  url?: string;
  dataDir?: string;
  maintenance?: boolean;
  max?: number;
  /** Called with every statement drizzle sends (the query-budget tests count them). */
  onQuery?: (query: string) => void;
  /**
   * A pooler in transaction mode (pgbouncer) in front of PostgreSQL: no prepared statements, and
   * no startup parameters but the application name (the timeouts are then set per transaction
   * by withTenant, which a pooled connection cannot leak).
   */
  pooler?: boolean;
  /** PGlite: start from this data folder (a tarball of `dumpDataDir`) instead of an empty one. */
  loadDataDir?: Blob;
}): Promise<DbHandle> {
  const logger = opts.onQuery ? { logQuery: (q: string) => opts.onQuery?.(q) } : undefined;
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.url, {
      max: opts.max ?? env().DATABASE_POOL_SIZE,
      idle_timeout: 30,
      connect_timeout: DB_TIMEOUTS.connectSeconds,
      // Seconds before reconnecting after failed attempts. The driver's default grows as 3^n
      // up to 20 s, so that after a database restart a request could wait that long although
      // the server was back: retry quickly, at most one second apart (scripts/resilience.mjs).
      backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 1),
      onnotice: () => {},
      prepare: !opts.pooler,
      connection: opts.pooler
        ? { application_name: "tamkin" }
        : {
            application_name: "tamkin",
            // Maintenance (migrations, seed, backups) may run long statements by design (an
            // index built over ten million ledger rows): no statement timeout there.
            statement_timeout: opts.maintenance ? 0 : DB_TIMEOUTS.statementMs,
            lock_timeout: DB_TIMEOUTS.lockMs,
            idle_in_transaction_session_timeout: DB_TIMEOUTS.idleInTransactionMs,
            // Pages run short statements over summaries: compiling them (JIT, tens to hundreds
            // of milliseconds) costs more than it saves. Maintenance keeps the server's setting.
            ...(opts.maintenance ? {} : { jit: "off" }),
            ...(opts.maintenance ? { "app.maintenance": "on" } : {}),
          },
    });
    const db = drizzle(client, { schema, logger }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      async migrate() {
        const { migrate } = await import("drizzle-orm/postgres-js/migrator");
        await migrate(db as never, { migrationsFolder });
      },
      useAppRole: async () => {},
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = opts.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ dataDir)), { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: await pgliteExtensions(), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  const db = drizzle(client, { schema, logger }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async migrate() {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db as never, { migrationsFolder });
      // The embedded database runs as a superuser, which bypasses row-level security: the
      // application switches to a plain role (created here, granted like on PostgreSQL).
      const { PGLITE_APP_ROLE, appGrantStatements } = await import("./app-role");
      await client.exec(`do $$ begin
        if not exists (select from pg_roles where rolname = '${PGLITE_APP_ROLE}') then
          create role ${PGLITE_APP_ROLE} nologin nosuperuser nobypassrls nocreatedb nocreaterole;
        end if; end $$;`);
      for (const stmt of appGrantStatements(PGLITE_APP_ROLE)) await client.exec(stmt);
    },
    useAppRole: async () => {
      const { PGLITE_APP_ROLE } = await import("./app-role");
      await client.exec(`set role ${PGLITE_APP_ROLE}`);
    },
    dumpDataDir: () => client.dumpDataDir("none"),
    close: () => client.close(),
  };
}
