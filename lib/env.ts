import { z } from "zod";
import { parseTrustProxy } from "./trust-proxy";

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
  /**
   * How many proxies (load balancers) stand in front of the portal: the client address is
   * taken that many entries from the right of X-Forwarded-For. 0 or unset: the header is
   * ignored. "true"/"false" are still read as 1/0.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .refine((v) => parseTrustProxy(v) !== null, { message: "TRUST_PROXY must be the number of proxies in front of the portal (0 when none)" })
    .transform((v) => parseTrustProxy(v) ?? 0),
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
