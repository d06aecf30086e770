import { z } from "zod";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL server used by the application (non-owner role). Unset: embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** A read replica for dashboards and exports (same application role); unset: DATABASE_URL. */
  DATABASE_READ_URL: z.string().url().optional(),
  /** `1` when DATABASE_URL (and DATABASE_READ_URL) go through pgbouncer in transaction mode. */
  DATABASE_POOLER: z.enum(["0", "1", "true", "false"]).optional(),
  /** Owner role used for migrations and backups; defaults to DATABASE_URL. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  /** Folder of the embedded database. */
  PGLITE_DIR: z.string().default(".data/pglite"),
  /** Seed the demo organisations and accounts when the database is empty. */
  TAMKIN_DEMO_SEED: z.enum(["0", "1", "true", "false"]).optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  /** Trust the first X-Forwarded-For address (set behind a load balancer). */
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) cached = envSchema.parse(process.env);
  return cached;
}

export const isTrue = (v: string | undefined) => v === "1" || v === "true";

/** Production refuses to start without a signing secret. */
export function assertProductionEnv(e: Env = env()): void {
  if (e.NODE_ENV === "production" && !e.AUTH_SECRET) {
    throw new Error(
      "AUTH_SECRET is not set (or shorter than 32 characters). The portal refuses to start " +
        "in production without it. Generate one with: openssl rand -base64 33",
    );
  }
}
