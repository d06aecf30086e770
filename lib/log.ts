import "server-only";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { env } from "@/lib/env";

export type { Logger };

/**
 * The server's log: one JSON object per line on standard output, for the host's collector.
 * Fields are ids and codes only (request id, organisation id, user id, action): never personal
 * data, form values or secrets. Errors go under `err`, with their stack.
 */
export function createLogger(opts: { level: Level | "silent"; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: "tamkin" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Belt and braces: should a caller ever pass these, they are not written.
      redact: { paths: ["password", "*.password", "secret", "*.secret", "token", "*.token", "cookie", "*.cookie"], censor: "[redacted]" },
    },
    opts.destination,
  );
}

const g = globalThis as unknown as { __tamkinLog?: Logger };

/** The process's logger (one per process; its level is LOG_LEVEL, silent under vitest by default). */
export function logger(): Logger {
  g.__tamkinLog ??= createLogger({ level: env().LOG_LEVEL });
  return g.__tamkinLog;
}
