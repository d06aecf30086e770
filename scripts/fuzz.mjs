#!/usr/bin/env node
/**
 * Hostile input: at least 200 malformed payloads to every server action (from the build
 * manifest, fields from lib/security/entry-points.ts) and every route handler, against the
 * production build on a fresh PostgreSQL database (loopback only). Required: no 5xx, every
 * form post refused with a message, and no row changed (row count and checksum of every table,
 * before and after; failed sign-ins are expected to write throttle counters and their audit
 * records). Run by .ci/run: node --import tsx scripts/fuzz.mjs
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDb } from "../db/client.ts";
import { tableChecksums } from "../db/backup.ts";
import { actionEntryPoints, routeEntryPoints } from "../lib/security/entry-points.ts";
import { Portal } from "./lib/portal.mjs";

const ownerUrl = process.env.DATABASE_OWNER_URL;
if (!ownerUrl || !process.env.DATABASE_URL || !["localhost", "127.0.0.1", "::1", "[::1]"].includes(new URL(ownerUrl).hostname)) {
  console.error("[fuzz] DATABASE_URL and DATABASE_OWNER_URL must name a loopback PostgreSQL server");
  process.exit(2);
}

/** 40 hostile values; with 5 shapes each, 200 payloads per entry point. */
const hostile = [
  "", " ", "\t\n", "a".repeat(10_000), "é".repeat(100_000),
  "-1", "-99999999999999999999999999", "1e309", "NaN", "Infinity", "9007199254740993", "0x7fffffff",
  "2024-02-30", "2024-13-45", "0000-00-00", "9999-99-99T99:99:99Z",
  "\u202e\u200fمرحبا\u200e", "e\u0301\u0301\u0301\u0301\u0327", "\u0000", "\ud800", "👩🏽‍🌾\u200d\u200d", "\ufeff\u2028\u2029",
  "' OR '1'='1", "'; DROP TABLE users; --", '" OR 1=1 --', "1; select pg_sleep(30)", "$$; truncate audit_log; $$",
  "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}${7*7}", "../../../../etc/passwd%00",
  "null", "[]", '{"__proto__":{"isAdmin":true}}', "$K1", "$@0",
  "ADMIN@ONG-SAHEL.DEMO ", "not-an-email", "00000000-0000-0000-0000-000000000000", "owner",
];
if (hostile.length !== 40) throw new Error(`40 hostile values expected, got ${hostile.length}`);

function payloads(fields, org) {
  const out = [];
  for (const v of hostile) {
    const all = Object.fromEntries(fields.map((f) => [f, v]));
    out.push({ org, ...all }); // every field hostile
    out.push(fields.length ? { org, [fields[0]]: v } : { org, junk: v }); // the others missing
    out.push({ org: v, ...all }); // a hostile organisation
    out.push({ org, ...all, extra: v, __proto__x: v, constructor: v, $ACTION_ID_0: v }); // extra fields
    out.push({ [`${fields.at(-1) ?? "x"}[]`]: v, org: `${org}\u0000` }); // wrong names, no org
  }
  return out;
}

const portal = new Portal({ port: process.env.FUZZ_PORT ?? "3391", dbName: `tamkin_fuzz_${randomBytes(4).toString("hex")}` });
let failures = 0;
const fail = (m) => (failures++, console.error(`[fuzz] FAIL: ${m}`));

/** Rows that hostile input must not change (sign-in failures legitimately write throttle rows). */
async function snapshot() {
  const owner = await openDb({ url: portal.dbUrl(ownerUrl), maintenance: true, max: 1 });
  try {
    const all = await tableChecksums(owner.db);
    delete all.sessions;
    delete all.sign_in_throttle;
    const [audit] = (await owner.db.execute(sql`select count(*)::int as rows, md5(coalesce(string_agg(a::text, '|' order by a.id), '')) as md5
      from audit_log a where a.action not like 'auth.%'`)) ;
    all.audit_log = audit;
    return all;
  } finally {
    await owner.close();
  }
}

async function pool(tasks, concurrency) {
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (i < tasks.length) await tasks[i++]();
  }));
}

try {
  await portal.start();
  const admin = await new portal.Client("admin@ong-sahel.demo").signIn();
  const anonymous = new portal.Client("anonymous");
  const before = await snapshot();
  let sent = 0;
  const statuses = {};
  const note = (what, status) => {
    sent++;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 500 || status === 0) fail(`${what}: status ${status}`);
  };

  for (const [key, entry] of Object.entries(actionEntryPoints)) {
    // Members' actions as an admin (so that validation is reached); the others signed out,
    // except the password change, which needs a user.
    const asAdmin = entry.access.kind === "member" || key.endsWith("#changePasswordAction");
    const client = asAdmin ? admin : anonymous;
    const arity = key.endsWith("#setLocaleAction") || key.endsWith("#signOutAction") ? 1 : 2;
    const path = entry.access.kind === "member" ? "/ong-sahel/members" : key.endsWith("#signInAction") ? "/login" : "/ong-sahel";
    const list = payloads(entry.fields, "ong-sahel");
    const refusals = {};
    await pool(
      list.map((p) => async () => {
        try {
          const r = await client.action(key, path, p, arity);
          note(`${key} (payload of ${Buffer.byteLength(JSON.stringify(p))} bytes)`, r.status);
          if (r.ok) fail(`${key} accepted ${JSON.stringify(p).slice(0, 120)}`);
          if (arity === 2 && r.status === 200 && !r.formError) fail(`${key}: no message for ${JSON.stringify(p).slice(0, 120)}`);
          refusals[r.formError ?? `status ${r.status}`] = (refusals[r.formError ?? `status ${r.status}`] ?? 0) + 1;
        } catch (err) {
          note(`${key} ${err?.name}`, 0);
        }
      }),
      4,
    );
    console.log(`[fuzz] ${key}: ${list.length} payloads; answers ${JSON.stringify(refusals)}`);
  }

  for (const [pattern, route] of Object.entries(routeEntryPoints)) {
    const tasks = [];
    for (const v of hostile) {
      const enc = encodeURIComponent(v.toWellFormed().slice(0, 2000));
      tasks.push(async () => note(`${pattern} path`, (await anonymous.get(`${route.probe}/${enc}`)).status));
      tasks.push(async () => note(`${pattern} query`, (await anonymous.get(`${route.probe}?callbackUrl=${enc}&${enc}=${enc}`)).status));
      tasks.push(async () => note(`${pattern} cookie`, (await admin.get(route.probe, { cookie: `authjs.session-token=${enc}; tamkin_locale=${enc}` })).status));
      tasks.push(async () => note(`${pattern} header`, (await anonymous.get(route.probe, { "x-forwarded-host": enc.slice(0, 200), "accept-language": enc.slice(0, 200) })).status));
      tasks.push(async () => {
        const res = await fetch(`${portal.base}${route.probe}`, {
          method: "POST",
          headers: { Origin: portal.base, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email: v, password: v, csrfToken: v, callbackUrl: v }),
          redirect: "manual",
          signal: AbortSignal.timeout(20_000),
        });
        await res.text();
        note(`${pattern} POST`, res.status);
      });
    }
    await pool(tasks, 4);
    console.log(`[fuzz] ${pattern}: ${tasks.length} requests`);
  }
  // The pages' own query strings: the audit trail's filters.
  for (const v of hostile) {
    const enc = encodeURIComponent(v.toWellFormed().slice(0, 2000));
    note("audit filters", (await admin.get(`/ong-sahel/audit?action=${enc}&entity=${enc}&user=${enc}&from=${enc}&to=${enc}&page=${enc}`)).status);
  }

  const after = await snapshot();
  for (const t of Object.keys({ ...before, ...after })) {
    if (JSON.stringify(before[t]) !== JSON.stringify(after[t])) fail(`table ${t} changed: ${JSON.stringify(before[t])} -> ${JSON.stringify(after[t])}`);
  }
  console.log(`[fuzz] ${sent} requests; statuses ${JSON.stringify(statuses)}; ${Object.keys(before).length} tables unchanged unless listed above`);
} catch (err) {
  fail(err?.stack ?? String(err));
}
await portal.stop();
console.log(failures === 0 ? "[fuzz] passed" : `[fuzz] ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
