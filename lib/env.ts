import { z } from "zod";
import { parseTrustProxy } from "./trust-proxy";

/* No Node.js imports: proxy.ts reads TRUST_PROXY through this module. */

/** An unset or empty variable (`AUTH_SECRET=` copied from .env.example) is "not set". */
const unset = (v: unknown) => (v === "" ? undefined : v);

/** `1`/`true` or `0`/`false`; anything else stops the server at start. */
const flag = (fallback: boolean) =>
  z
    .preprocess(unset, z.enum(["0", "1", "true", "false"], { error: "must be true or false (1 or 0)" }).optional())
    .transform((v) => (v === undefined ? fallback : v === "1" || v === "true"));

const positiveInt = (fallback: number) =>
  z.preprocess(
    unset,
    z.coerce.number({ error: "must be a whole number" }).int({ error: "must be a whole number" }).positive({ error: "must be positive" }).default(fallback),
  );

export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** PostgreSQL server used by the application (non-owner role). Unset: embedded PGlite. */
    DATABASE_URL: z.preprocess(unset, z.string().url().optional()),
    /** A read replica for dashboards and exports (same application role); unset: DATABASE_URL. */
    DATABASE_READ_URL: z.preprocess(unset, z.string().url().optional()),
    /** Through pgbouncer in transaction mode: no prepared statements, timeouts per transaction. */
    DATABASE_POOLER: flag(false),
    /** Owner role used for migrations and backups; defaults to DATABASE_URL. */
    DATABASE_OWNER_URL: z.preprocess(unset, z.string().url().optional()),
    /** Connections per server instance. */
    DATABASE_POOL_SIZE: positiveInt(10),
    DATABASE_CONNECT_TIMEOUT_S: positiveInt(5),
    DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(15_000),
    DATABASE_LOCK_TIMEOUT_MS: positiveInt(5_000),
    /** work_mem of tenant transactions (PostgreSQL units: kB, MB, GB). */
    DATABASE_WORK_MEM: z.preprocess(
      unset,
      z
        .string()
        .regex(/^\d{1,7}(kB|MB|GB)$/, { error: "must be a size such as 16MB" })
        .default("16MB"),
    ),
    /** Folder of the embedded database. */
    PGLITE_DIR: z.preprocess(unset, z.string().default(".data/pglite")),
    /** Seed the demo organisations and accounts when the database is empty. */
    TAMKIN_DEMO_SEED: flag(false),
    /** Names this instance in an X-Tamkin-Instance header (several instances behind a balancer). */
    TAMKIN_INSTANCE: z.preprocess(unset, z.string().max(64).optional()),
    AUTH_SECRET: z.preprocess(unset, z.string().min(32, { error: "must be at least 32 characters" }).optional()),
    /** next-auth v4's name for the secret, still read when AUTH_SECRET is unset. */
    NEXTAUTH_SECRET: z.preprocess(unset, z.string().optional()),
    /** The portal's public address; next-auth then trusts no Host header. */
    AUTH_URL: z.preprocess(unset, z.string().url().optional()),
    /**
     * Whether next-auth trusts the Host / X-Forwarded-Host header. Default true: what `next start`
     * behind a proxy needs (next-auth refuses every call otherwise unless AUTH_URL is set).
     */
    AUTH_TRUST_HOST: flag(true),
    /** Cookies are Secure in production; false only to test production over plain http. */
    AUTH_COOKIE_SECURE: flag(true),
    /**
     * How many proxies (load balancers) stand in front of the portal: the client address is
     * taken that many entries from the right of X-Forwarded-For. 0 or unset: the header is
     * ignored. "true"/"false" are still read as 1/0.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .refine((v) => parseTrustProxy(v) !== null, { message: "must be the number of proxies in front of the portal (0 when none)" })
      .transform((v) => parseTrustProxy(v) ?? 0),
    /** Multiplies the rate limits of the board and the exports; it can only loosen them. */
    RATE_LIMIT_FACTOR: z.preprocess(unset, z.coerce.number({ error: "must be a number" }).finite().default(1)).transform((f) => Math.max(1, f)),
    /** pino's level; unset: silent under vitest, info otherwise. */
    LOG_LEVEL: z.preprocess(unset, z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).optional()),
  })
  .transform((e) => ({
    ...e,
    LOG_LEVEL: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? ("silent" as const) : ("info" as const)),
  }));

export type Env = z.infer<typeof envSchema>;
const keys = Object.keys(envSchema.in.shape) as (keyof z.input<typeof envSchema>)[];

/** Parse a set of variables; throws one readable error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
}

let cached: { key: string; env: Env } | undefined;

/**
 * The validated configuration. Parsed once; parsed again only if a variable changed since
 * (tests set some at run time), which reading the few variables detects cheaply.
 */
export function env(): Env {
  const key = keys.map((k) => process.env[k] ?? "\u0000").join("\u0001");
  if (cached?.key !== key) cached = { key, env: parseEnv(process.env) };
  return cached.env;
}

/** The key that signs session and device cookies (AUTH_SECRET, or the older NEXTAUTH_SECRET). */
/** The owner role's URL for migrations, seeding, backups and checks: DATABASE_OWNER_URL, else DATABASE_URL. */
export const ownerDatabaseUrl = (e: Env = env()): string | undefined => e.DATABASE_OWNER_URL ?? e.DATABASE_URL;

export const authSecret = (e: Env = env()): string | undefined => e.AUTH_SECRET ?? e.NEXTAUTH_SECRET;

/** Production refuses to start without a signing secret, or with a configuration next-auth would refuse on every call. */
export function assertProductionEnv(e: Env = env()): void {
  if (e.NODE_ENV !== "production") return;
  if (!e.AUTH_SECRET) {
    throw new Error(
      "AUTH_SECRET is not set (or shorter than 32 characters). The portal refuses to start " +
        "in production without it. Generate one with: openssl rand -base64 33",
    );
  }
  if (!e.AUTH_TRUST_HOST && !e.AUTH_URL) {
    throw new Error("AUTH_TRUST_HOST=false needs AUTH_URL (the portal's public address): next-auth would refuse every sign-in.");
  }
}
