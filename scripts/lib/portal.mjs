/**
 * The production build served on a fresh PostgreSQL database (scripts/e2e-server.mjs migrates
 * and seeds it), and a signed-in HTTP client that calls pages and server actions like a browser
 * (or a forger) would. Used by scripts/resilience.mjs and scripts/fuzz.mjs; loopback only.
 */
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { scanBuild } from "../../lib/security/scan-entry-points.ts";
import { actionBody, actionHeaders, parseActionAnswer } from "../../lib/security/action-request.ts";

export const REQUEST_TIMEOUT_MS = 20_000;

export class Portal {
  constructor({ port, dbName }) {
    this.port = port;
    this.dbName = dbName;
    this.base = `http://127.0.0.1:${port}`;
    this.built = scanBuild(process.cwd());
    const portal = this;
    this.Client = class extends Client {
      constructor(email) {
        super(portal, email);
      }
    };
  }
  dbUrl(url) {
    const u = new URL(url);
    u.pathname = `/${this.dbName}`;
    return u.toString();
  }
  actionId(key) {
    const a = this.built.actions.find((x) => x.key === key);
    if (!a) throw new Error(`${key} not in the build`);
    return a.id;
  }
  alive() {
    return this.server?.exitCode === null;
  }
  async start() {
    this.server = spawn("node", ["scripts/e2e-server.mjs"], {
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
      env: { ...process.env, E2E_PORT: this.port, E2E_DB_NAME: this.dbName },
    });
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      if (this.server.exitCode !== null) throw new Error("the portal exited while starting");
      try {
        if ((await fetch(`${this.base}/login`, { signal: AbortSignal.timeout(2_000) })).ok) return;
      } catch {}
      await sleep(500);
    }
    throw new Error("the portal did not start within 120 s");
  }
  /** Stop the whole process group (e2e server, npx, next-server); the database is dropped. */
  async stop() {
    if (!this.alive()) return;
    try {
      process.kill(-this.server.pid, "SIGTERM");
    } catch {}
    await Promise.race([new Promise((r) => this.server.once("exit", r)), sleep(15_000)]);
  }
}

/** A signed-in HTTP client: cookies kept by hand, Origin set, every request with a timeout. */
export class Client {
  cookies = new Map();
  constructor(portal, email) {
    this.portal = portal;
    this.email = email;
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  keep(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  async get(path, headers = {}) {
    const res = await fetch(this.portal.base + path, {
      headers: { cookie: this.cookieHeader(), ...headers },
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await res.text();
    return { status: res.status, body, location: res.headers.get("location") };
  }
  async action(key, path, fields, arity = 2, extraHeaders = {}) {
    const res = await fetch(this.portal.base + path, {
      method: "POST",
      headers: { ...actionHeaders(this.portal.actionId(key), this.portal.base), cookie: this.cookieHeader(), ...extraHeaders },
      body: actionBody(fields, arity),
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    this.keep(res);
    const body = await res.text();
    // A redirect from the action (sign-in, sign-out, language): Next says where in a header.
    return { status: res.status, body, redirect: res.headers.get("x-action-redirect") ?? res.headers.get("location"), ...parseActionAnswer(body) };
  }
  async signIn(password = "tamkin-demo") {
    await this.action("lib/auth/actions.ts#signInAction", "/login", { email: this.email, password });
    if (![...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"))) throw new Error(`sign-in failed for ${this.email}`);
    return this;
  }
}
