import { afterEach, describe, expect, it } from "vitest";
import { assertProductionEnv, authSecret, env, parseEnv } from "./env";
import { trustedProxies } from "./trust-proxy";

const SECRET = "a-production-secret-of-at-least-32-characters";

describe("configuration (lib/env.ts)", () => {
  it("gives the documented defaults when nothing is set", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      NODE_ENV: "development",
      PGLITE_DIR: ".data/pglite",
      DATABASE_POOL_SIZE: 10,
      DATABASE_CONNECT_TIMEOUT_S: 5,
      DATABASE_STATEMENT_TIMEOUT_MS: 15_000,
      DATABASE_LOCK_TIMEOUT_MS: 5_000,
      DATABASE_WORK_MEM: "16MB",
      DATABASE_POOLER: false,
      TAMKIN_DEMO_SEED: false,
      AUTH_TRUST_HOST: true,
      AUTH_COOKIE_SECURE: true,
      TRUST_PROXY: 0,
      RATE_LIMIT_FACTOR: 1,
      LOG_LEVEL: "info",
    });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "test" }).LOG_LEVEL).toBe("silent");
  });

  it("reads numbers, flags and the proxy count as typed values", () => {
    const e = parseEnv({
      DATABASE_POOL_SIZE: "3",
      DATABASE_STATEMENT_TIMEOUT_MS: "2500",
      DATABASE_POOLER: "1",
      TAMKIN_DEMO_SEED: "true",
      AUTH_TRUST_HOST: "false",
      AUTH_COOKIE_SECURE: "0",
      TRUST_PROXY: "2",
      RATE_LIMIT_FACTOR: "100",
      LOG_LEVEL: "debug",
    });
    expect(e).toMatchObject({
      DATABASE_POOL_SIZE: 3,
      DATABASE_STATEMENT_TIMEOUT_MS: 2500,
      DATABASE_POOLER: true,
      TAMKIN_DEMO_SEED: true,
      AUTH_TRUST_HOST: false,
      AUTH_COOKIE_SECURE: false,
      TRUST_PROXY: 2,
      RATE_LIMIT_FACTOR: 100,
      LOG_LEVEL: "debug",
    });
    // The old true/false of TRUST_PROXY; a factor below 1 cannot tighten the limits.
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ RATE_LIMIT_FACTOR: "0.2" }).RATE_LIMIT_FACTOR).toBe(1);
  });

  it("treats an empty value as unset (AUTH_SECRET= copied from .env.example)", () => {
    const e = parseEnv({ AUTH_SECRET: "", DATABASE_URL: "", DATABASE_POOL_SIZE: "" });
    expect(e.AUTH_SECRET).toBeUndefined();
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DATABASE_POOL_SIZE).toBe(10);
  });

  it("refuses invalid values, naming each variable", () => {
    const parse = () =>
      parseEnv({
        DATABASE_URL: "not a url",
        DATABASE_POOL_SIZE: "ten",
        DATABASE_WORK_MEM: "16MB'; drop table x; --",
        AUTH_TRUST_HOST: "yes",
        AUTH_SECRET: "short",
        TRUST_PROXY: "all",
        LOG_LEVEL: "loud",
      });
    expect(parse).toThrow(/^Invalid configuration/);
    const message = (() => {
      try {
        parse();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    for (const name of ["DATABASE_URL", "DATABASE_POOL_SIZE", "DATABASE_WORK_MEM", "AUTH_TRUST_HOST", "AUTH_SECRET", "TRUST_PROXY", "LOG_LEVEL"]) {
      expect(message).toContain(`${name}:`);
    }
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => parseEnv({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY/);
  });

  it("refuses to start in production without a secret, or with AUTH_TRUST_HOST=false and no AUTH_URL", () => {
    expect(() => assertProductionEnv(parseEnv({ NODE_ENV: "production" }))).toThrow(/AUTH_SECRET is not set/);
    expect(() => assertProductionEnv(parseEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "false" }))).toThrow(/AUTH_URL/);
    expect(() => assertProductionEnv(parseEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET }))).not.toThrow();
    expect(() =>
      assertProductionEnv(parseEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "false", AUTH_URL: "https://tamkin.example.org" })),
    ).not.toThrow();
    expect(() => assertProductionEnv(parseEnv({ NODE_ENV: "development" }))).not.toThrow();
  });

  it("signs with AUTH_SECRET, else the older NEXTAUTH_SECRET", () => {
    expect(authSecret(parseEnv({ AUTH_SECRET: SECRET, NEXTAUTH_SECRET: "older" }))).toBe(SECRET);
    expect(authSecret(parseEnv({ NEXTAUTH_SECRET: "older" }))).toBe("older");
    expect(authSecret(parseEnv({}))).toBeUndefined();
  });

  describe("env() on the process's variables", () => {
    const saved = process.env.TRUST_PROXY;
    afterEach(() => {
      if (saved === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = saved;
    });

    it("follows a variable changed at run time, and the proxy count is what X-Forwarded-For handling uses", () => {
      process.env.TRUST_PROXY = "2";
      expect(env().TRUST_PROXY).toBe(2);
      expect(trustedProxies()).toBe(2);
      process.env.TRUST_PROXY = "0";
      expect(trustedProxies()).toBe(0);
      process.env.TRUST_PROXY = "nonsense";
      expect(() => env()).toThrow(/TRUST_PROXY/);
    });
  });
});
