#!/usr/bin/env node
/**
 * Concurrency, faults and load, on a local PostgreSQL server (run by .ci/run after the tests;
 * bounded to about five minutes). Needs a production build, DATABASE_URL (application role)
 * and DATABASE_OWNER_URL (owner) on a loopback host, and RESILIENCE_PG_CLUSTER ("15 main") to
 * restart for the fault phase. Run with: node --import tsx scripts/resilience.mjs [race|fault|load]
 *
 * - race: two writers update the same versioned record 1,000 times: no update lost, and of two
 *   conflicting writes exactly one wins while the other gets "conflict".
 * - fault: PostgreSQL restarts during a stream of writes through the portal: clean errors during
 *   the outage, no request past its timeout, recovery within seconds, no half-applied write.
 * - load: 20 signed-in users browse and write for 60 s: no error; requests/s and p95 printed.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import { openDb } from "../db/client.ts";
import { auditLog, groups, memberships, organisations, users } from "../db/schema/index.ts";
import { updateVersioned } from "../lib/versioned-update.ts";
import { Portal, REQUEST_TIMEOUT_MS } from "./lib/portal.mjs";

const LOOPBACK = ["localhost", "127.0.0.1", "::1", "[::1]"];
const only = process.argv[2];
const appUrl = process.env.DATABASE_URL;
const ownerUrl = process.env.DATABASE_OWNER_URL;
const cluster = process.env.RESILIENCE_PG_CLUSTER;
const port = process.env.RESILIENCE_PORT ?? "3390";

for (const u of [appUrl, ownerUrl]) {
  if (!u || !LOOPBACK.includes(new URL(u).hostname)) {
    console.error("[resilience] DATABASE_URL and DATABASE_OWNER_URL must name a loopback PostgreSQL server");
    process.exit(2);
  }
}
// The whole script is bounded: a hang is a failure.
const watchdog = setTimeout(() => fail("the resilience run exceeded 6 minutes"), 6 * 60_000);
watchdog.unref();

const portal = new Portal({ port, dbName: `tamkin_res_${randomBytes(4).toString("hex")}` });
const withDb = (url) => portal.dbUrl(url);
let failures = 0;
function fail(message) {
  console.error(`[resilience] FAIL: ${message}`);
  failures++;
  if (message.includes("exceeded")) portal.stop().then(() => process.exit(1));
}
function check(cond, message) {
  if (!cond) fail(message);
  else console.log(`[resilience] ok: ${message}`);
}
const Client = portal.Client;

function tally(keys) {
  const out = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

function p95(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0;
}

// ---------- race ----------
async function race() {
  const owner = await openDb({ url: withDb(ownerUrl), maintenance: true, max: 1 });
  const app = await openDb({ url: withDb(appUrl), max: 4 });
  const [org] = await owner.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "adicor"));
  const [g0] = await owner.db.select().from(groups).where(eq(groups.ngoOrgId, org.id)).limit(1);
  const asAdicor = (fn) =>
    app.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.org_id', ${org.id}, true)`);
      return fn(tx);
    });
  const TOTAL = 1000;
  let wins = 0;
  let conflicts = 0;
  let otherErrors = 0;
  // Read then write in one READ COMMITTED transaction: the other writer can commit between them.
  const writer = async () => {
    while (wins < TOTAL) {
      try {
        await asAdicor(async (tx) => {
          const [g] = await tx.select().from(groups).where(eq(groups.id, g0.id));
          await updateVersioned(tx, groups, { id: g.id, version: g.version, scope: eq(groups.ngoOrgId, org.id) }, {
            startingCapitalAmount: g.startingCapitalAmount + 1,
          });
        });
        wins++;
      } catch (err) {
        if (err?.code === "conflict") conflicts++;
        else otherErrors++;
        if (otherErrors > 10) throw err;
      }
    }
  };
  const t0 = Date.now();
  await Promise.all([writer(), writer()]);
  const [g1] = await owner.db.select().from(groups).where(eq(groups.id, g0.id));
  console.log(`[resilience] race: ${wins} wins, ${conflicts} conflicts, ${otherErrors} other errors in ${Date.now() - t0} ms`);
  check(wins >= TOTAL && g1.startingCapitalAmount - g0.startingCapitalAmount === wins, `race: ${wins} acknowledged increments, none lost`);
  check(g1.version - g0.version === wins, "race: the version rose by exactly one per winning write");
  check(conflicts > 0, "race: the writers did collide (each collision: one winner, one conflict)");
  check(otherErrors === 0, "race: every losing write got a conflict, nothing else");
  await app.close();
  await owner.close();
}

// ---------- fault ----------
async function fault() {
  if (!cluster) {
    console.log("[resilience] fault: skipped (RESILIENCE_PG_CLUSTER not set)");
    return;
  }
  const admin = await new Client("admin@adicor.demo").signIn();
  const page = await admin.get("/adicor/members");
  const membershipId = new RegExp(`data-testid="member-viewer@adicor\\.demo"[\\s\\S]*?name="membershipId" value="([0-9a-f-]{36})"`).exec(page.body)?.[1];
  if (!membershipId) throw new Error("fault: viewer membership not found on the members page");

  const results = [];
  let stop = false;
  let restartEnd = 0;
  const stream = (async () => {
    let i = 0;
    while (!stop) {
      const role = i++ % 2 === 0 ? "editor" : "viewer";
      const t = Date.now();
      try {
        const r = await admin.action("lib/members/actions.ts#changeRoleAction", "/adicor/members", { org: "adicor", membershipId, role });
        results.push({ t, ms: Date.now() - t, status: r.status, ok: r.ok, error: r.formError });
      } catch (err) {
        results.push({ t, ms: Date.now() - t, status: 0, ok: false, error: err?.name === "TimeoutError" ? "timeout" : `network:${err?.message}` });
        await sleep(200);
      }
    }
  })();
  await sleep(3_000);
  // A real outage window: stop, stay down 3 s, start again.
  const restartStart = Date.now();
  console.log(`[resilience] fault: stopping PostgreSQL (${cluster}) for 3 s`);
  const ctl = (verb) => {
    const r = spawnSync("pg_ctlcluster", [...cluster.split(" "), verb, ...(verb === "stop" ? ["-m", "fast"] : [])], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`pg_ctlcluster ${verb} failed`);
  };
  ctl("stop");
  const downAt = Date.now();
  await sleep(3_000);
  ctl("start");
  restartEnd = Date.now();
  await sleep(12_000);
  stop = true;
  await stream;

  const during = results.filter((x) => x.t >= downAt && x.t + x.ms <= restartEnd);
  const firstOkAfter = results.find((x) => x.t > restartEnd && x.ok);
  console.log(
    `[resilience] fault: ${results.length} writes, ${results.filter((x) => x.ok).length} ok; restart took ${restartEnd - restartStart} ms; ` +
      `errors: ${JSON.stringify(tally(results.filter((x) => !x.ok).map((x) => x.error ?? "none")))}`,
  );
  check(results.every((x) => x.status < 500 && x.status !== 0), "fault: no 5xx answer and no dropped connection from the portal");
  check(results.every((x) => x.ms < REQUEST_TIMEOUT_MS), `fault: no request past ${REQUEST_TIMEOUT_MS / 1000} s`);
  check(results.filter((x) => !x.ok).every((x) => x.error === "internal" || x.error === "conflict"), "fault: failures are clean form errors");
  console.log(`[resilience] fault: timeline (ms from stop): ${results.map((x) => `${x.t - downAt}${x.ok ? "+" : "!"}${x.ms}`).join(" ")}`);
  check(during.length > 0 && during.every((x) => !x.ok), `fault: the ${during.length} writes sent while the server was down failed cleanly`);
  check(!!firstOkAfter && firstOkAfter.t - restartEnd < 10_000, `fault: writes succeed again within 10 s (after ${firstOkAfter ? firstOkAfter.t - restartEnd : "∞"} ms)`);
  check(portal.alive(), "fault: the portal process survived");

  // No half-applied write: each committed role change has exactly one audit record, in order.
  const owner = await openDb({ url: withDb(ownerUrl), maintenance: true, max: 1 });
  const trail = await owner.db
    .select({ before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, "member.change_role"), eq(auditLog.entityId, membershipId)))
    .orderBy(auditLog.id);
  const [m] = await owner.db.select().from(memberships).where(eq(memberships.id, membershipId));
  const chained = trail.every((row, i) => i === 0 || row.before?.role === trail[i - 1].after?.role);
  const oks = results.filter((x) => x.ok).length;
  check(chained && trail.at(-1)?.after?.role === m.role, "fault: the audit trail and the data agree (no half-applied write)");
  check(trail.length >= oks && trail.length <= results.length, `fault: ${trail.length} audit records for ${oks} acknowledged writes`);
  await owner.close();
}

// ---------- load ----------
async function load() {
  const slugs = ["acor", "adicor", "ong-sahel", "fassala", "bassikounou", "femmes-fassala"];
  const accounts = slugs.flatMap((s) => ["admin", "editor", "viewer"].map((r) => ({ email: `${r}@${s}.demo`, slug: s, role: r })));
  const vus = Array.from({ length: 20 }, (_, i) => accounts[i % accounts.length]);
  const clients = [];
  for (const a of vus) clients.push({ ...a, client: await new Client(a.email).signIn() });
  // Admins write role changes of their organisation's viewer; the others their language.
  const owner = await openDb({ url: withDb(ownerUrl), maintenance: true, max: 1 });
  const viewerMemberships = Object.fromEntries(
    await Promise.all(
      slugs.map(async (s) => {
        const [row] = await owner.db
          .select({ id: memberships.id })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(eq(users.email, `viewer@${s}.demo`));
        return [s, row.id];
      }),
    ),
  );
  await owner.close();

  const latencies = [];
  const errors = [];
  const until = Date.now() + 60_000;
  const t0 = Date.now();
  await Promise.all(
    clients.map(async ({ client, slug, role }, n) => {
      let i = 0;
      while (Date.now() < until) {
        const step = i++ % 4;
        const t = Date.now();
        try {
          if (step < 3) {
            const path = step === 1 && role === "admin" ? `/${slug}/members` : step === 2 && role === "admin" ? `/${slug}/audit` : `/${slug}`;
            const r = await client.get(path);
            if (r.status !== 200) errors.push(`${client.email} GET ${path}: ${r.status}`);
          } else if (role === "admin") {
            const r = await client.action("lib/members/actions.ts#changeRoleAction", `/${slug}/members`, {
              org: slug,
              membershipId: viewerMemberships[slug],
              role: i % 8 === 0 ? "editor" : "viewer",
            });
            if (!r.ok) errors.push(`${client.email} changeRole: ${r.status} ${r.formError}`);
          } else {
            const r = await client.action("lib/auth/actions.ts#setLocaleAction", `/${slug}`, { locale: (i + n) % 8 < 4 ? "fr" : "en", back: `/${slug}` }, 1);
            if (r.status >= 400) errors.push(`${client.email} setLocale: ${r.status}`);
          }
        } catch (err) {
          errors.push(`${client.email}: ${err?.name} ${err?.message}`);
        }
        latencies.push(Date.now() - t);
      }
    }),
  );
  const seconds = (Date.now() - t0) / 1000;
  console.log(
    `[resilience] load: 20 users, ${latencies.length} requests in ${seconds.toFixed(1)} s = ${(latencies.length / seconds).toFixed(1)} requests/s, ` +
      `p95 ${p95(latencies)} ms, max ${Math.max(...latencies)} ms, ${errors.length} errors`,
  );
  for (const e of errors.slice(0, 10)) console.log(`[resilience]   ${e}`);
  check(errors.length === 0, "load: no error");
}

try {
  console.log(`[resilience] starting the portal on ${portal.base} with a fresh database`);
  await portal.start();
  if (!only || only === "race") await race();
  if (!only || only === "fault") await fault();
  if (!only || only === "load") await load();
} catch (err) {
  fail(err?.stack ?? String(err));
}
console.log(failures === 0 ? "[resilience] passed" : `[resilience] ${failures} failure(s)`);
await portal.stop();
process.exit(failures === 0 ? 0 : 1);
