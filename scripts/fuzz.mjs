#!/usr/bin/env node
/**
 * Hostile input that reaches the code: every server action of the build (fields and valid values
 * from lib/security/entry-points.ts) is called by a demo member whose role HAS its permission,
 * with a VALID form (the registry's `valid` values and the caller's own objects, found on its own
 * pages as the authorization matrix finds them) in which ONE field is hostile; route handlers are
 * called signed in by a member who may read them; list pages get hostile query strings. Against
 * the production build on a fresh PostgreSQL database (loopback only).
 *
 * Fails on any "internal" answer (form error `internal`, HTTP 5xx, dropped connection), on any
 * payload that does not reach the action's own checks (per action, every payload must get a field
 * error, a refusal of the service, "not found", a conflict or a success; never a sign-in or
 * permission refusal: a control call per action proves the caller passes those), and on a write
 * without its audit record (audit records added = actions that succeeded). A hostile `org` is
 * refused as "not found". Run by .ci/run: node --import tsx scripts/fuzz.mjs
 * FUZZ_PAYLOADS (default 60; two per field for wider forms) sets the one-hostile-field payloads
 * per action: about 3,000 action payloads and 4,500 requests in all, 3 to 6 minutes on 2 cores.
 */
import { randomBytes } from "node:crypto";
import { and, sql } from "drizzle-orm";
import { openDb } from "../db/client.ts";
import { auditLog } from "../db/schema/index.ts";
import { actionEntryPoints, routeEntryPoints } from "../lib/security/entry-points.ts";
import { routePattern } from "../lib/security/scan-entry-points.ts";
import { can } from "../lib/permissions.ts";
import { previousQuarter, quarterBounds, quarterOf } from "../lib/quarters/quarter.ts";
import { Portal } from "./lib/portal.mjs";

const ownerUrl = process.env.DATABASE_OWNER_URL;
if (!ownerUrl || !process.env.DATABASE_URL || !["localhost", "127.0.0.1", "::1", "[::1]"].includes(new URL(ownerUrl).hostname)) {
  console.error("[fuzz] DATABASE_URL and DATABASE_OWNER_URL must name a loopback PostgreSQL server");
  process.exit(2);
}
const PER_ACTION = Number(process.env.FUZZ_PAYLOADS ?? 60);
const CONCURRENCY = 4;

/** 40 hostile values. */
const hostile = [
  "",
  " ",
  "\t\n",
  "a".repeat(10_000),
  "é".repeat(100_000),
  "-1",
  "-99999999999999999999999999",
  "1e309",
  "NaN",
  "Infinity",
  "9007199254740993",
  "0x7fffffff",
  "2024-02-30",
  "2024-13-45",
  "0000-00-00",
  "9999-99-99T99:99:99Z",
  "\u202e\u200fمرحبا\u200e",
  "e\u0301\u0301\u0301\u0301\u0327",
  "\u0000",
  "\ud800",
  "👩🏽‍🌾\u200d\u200d",
  "\ufeff\u2028\u2029",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "1; select pg_sleep(30)",
  "$$; truncate audit_log; $$",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "{{7*7}}${7*7}",
  "../../../../etc/passwd%00",
  "null",
  "[]",
  '{"__proto__":{"isAdmin":true}}',
  "$K1",
  "$@0",
  "ADMIN@ONG-SAHEL.DEMO ",
  "not-an-email",
  "00000000-0000-0000-0000-000000000000",
  "owner",
];
if (hostile.length !== 40) throw new Error(`40 hostile values expected, got ${hostile.length}`);
/** Field names that must stay fields (formDataToObject), besides the action's own. */
const hostileNames = ["__proto__[]", "constructor[]", "toString[]", "hasOwnProperty", "__proto__"];
const hostileOrgs = ["", "ADICOR", "adicor\u0000", "../acor", "bassikounou"];

const demo = [
  { slug: "adicor", type: "ngo" },
  { slug: "fassala", type: "commune" },
  { slug: "femmes-fassala", type: "cooperative_network" },
  { slug: "acor", type: "consortium" },
  { slug: "ong-sahel", type: "ngo" },
  { slug: "bassikounou", type: "commune" },
];
const typeOf = Object.fromEntries(demo.map((o) => [o.slug, o.type]));
/** Where each permission's actions are fuzzed: the organisation holding the objects they take. */
const homeOf = {
  "members:manage": "femmes-fassala",
  "rates:manage": "acor",
  "quarters:lock": "adicor",
  "groups:write": "adicor",
  "cohesion:write": "adicor",
  "prices:write": "fassala",
  "prices:admin": "fassala",
  "prices:observe": "fassala",
};
const priceKinds = new Set(["priceSession", "attendee", "product", "supplier", "order", "orderLine", "village"]);

// Hundreds of hostile requests per route handler come from one member: loosen the rate limits
// (lib/rate-limit.ts) so that every payload reaches the handler instead of a 429.
process.env.RATE_LIMIT_FACTOR ??= "100";
const portal = new Portal({ port: process.env.FUZZ_PORT ?? "3391", dbName: `tamkin_fuzz_${randomBytes(4).toString("hex")}` });
let failures = 0;
const fail = (m) => (failures++, console.error(`[fuzz] FAIL: ${m}`));
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const short = (p) => JSON.stringify(p, (k, v) => (typeof v === "string" && v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v)).slice(0, 200);

async function pool(tasks, concurrency) {
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < tasks.length) await tasks[i++]();
    }),
  );
}

// ---------- the caller's own objects, as the authorization matrix finds them ----------
const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const linkedIds = (html, prefix) => [...new Set([...html.matchAll(new RegExp(`${escapeRe(prefix)}(${uuid})`, "g"))].map((m) => m[1]))];
const fieldId = (html, field) => {
  for (const m of html.matchAll(new RegExp(`name="${escapeRe(field)}"`, "g"))) {
    const id = new RegExp(uuid).exec(html.slice(m.index, m.index + 600))?.[0];
    if (id) return id;
  }
  return undefined;
};

/** One object of each kind: the group side read as adicor's admin, the price side as fassala's, memberships of femmes-fassala. */
async function ownedObjects(clients) {
  const owned = {};
  const take = (html, fields) => {
    for (const [field, kind] of fields) owned[kind] ??= fieldId(html, field);
  };
  const read = async (client, path) => {
    const r = await client.get(path);
    if (r.status !== 200) throw new Error(`${client.email} GET ${path}: ${r.status}`);
    return r.body;
  };
  const network = clients("admin@femmes-fassala.demo");
  owned.membership = new RegExp(`data-testid="member-viewer@femmes-fassala\\.demo"[\\s\\S]*?name="membershipId" value="(${uuid})"`).exec(
    await read(network, "/femmes-fassala/members"),
  )?.[1];

  const ngo = clients("admin@adicor.demo");
  const groupIds = linkedIds(await read(ngo, "/adicor/groups"), "/adicor/groups/");
  owned.group = groupIds[0];
  for (const g of groupIds.slice(0, 12)) {
    take(await read(ngo, `/adicor/groups/${g}`), [
      ["membershipId", "groupMembership"],
      ["personId", "person"],
      ["entryId", "ledgerEntry"],
      ["creditId", "credit"],
      ["teamId", "team"],
    ]);
  }
  {
    // A visit of today (an open quarter), so that voiding it goes past the quarter lock.
    const key = "lib/coaching/actions.ts#recordVisitAction";
    const today = new Date().toISOString().slice(0, 10);
    const r = await ngo.action(key, actionPath(key, "adicor", owned), {
      org: "adicor",
      groupId: owned.group,
      visitedOn: today,
      topics: "Caisse",
      findings: "Tenue",
    });
    if (!r.ok) throw new Error(`a visit to void could not be recorded: ${r.formError}`);
  }
  take(await read(ngo, "/adicor/coaching"), [
    ["visitId", "visit"],
    ["followUpId", "followUp"],
    ["evaluationId", "evaluation"],
  ]);
  if (!owned.evaluation && owned.group) {
    // The demo's evaluations are in a locked quarter, where no void form is offered: record one
    // in the quarter before, as the authorization matrix does.
    const quarter = previousQuarter(previousQuarter(quarterOf(new Date())));
    const key = "lib/coaching/actions.ts#recordEvaluationAction";
    const r = await ngo.action(key, actionPath(key, "adicor", owned), {
      org: "adicor",
      groupId: owned.group,
      quarter,
      evaluatedOn: quarterBounds(quarter).end,
      score: "6",
    });
    if (!r.ok) throw new Error(`an evaluation to void could not be recorded: ${r.formError}`);
    take(await read(ngo, `/adicor/coaching?quarter=${quarter}`), [["evaluationId", "evaluation"]]);
  }

  const commune = clients("admin@fassala.demo");
  const base = "/fassala/prices/fassala";
  const index = await read(commune, base);
  owned.product = linkedIds(index, `${base}/products/`)[0];
  for (const s of linkedIds(index, `${base}/sessions/`).slice(0, 8)) {
    const html = await read(commune, `${base}/sessions/${s}`);
    // A session still open to changes: its attendees can be removed.
    if (html.includes('name="attendeeId"')) owned.priceSession ??= s;
    take(html, [
      ["attendeeId", "attendee"],
      ["supplierId", "supplier"],
    ]);
    for (const o of linkedIds(html, `${base}/orders/`).slice(0, 2)) {
      owned.order ??= o;
      take(await read(commune, `${base}/orders/${o}`), [["lineIds[]", "orderLine"]]);
    }
  }
  take(await read(commune, `${base}/market`), [["placeId", "village"]]);
  return owned;
}

// ---------- who fuzzes what ----------
/** The least-privileged demo member (viewer, editor, admin) of the action's home organisation that has its permission. */
function memberFor(entry) {
  const kinds = Object.values({ ...entry.objects, ...entry.fill });
  const slug = kinds.includes("membership")
    ? "femmes-fassala"
    : kinds.some((k) => priceKinds.has(k) && k !== "village")
      ? "fassala"
      : kinds.length > 0 && !kinds.every((k) => k === "village")
        ? "adicor"
        : (homeOf[entry.access.permission] ?? demo.find((o) => ["viewer", "editor", "admin"].some((r) => can(o.type, r, entry.access.permission)))?.slug);
  const role = ["viewer", "editor", "admin"].find((r) => can(typeOf[slug], r, entry.access.permission));
  if (!role) throw new Error(`no demo member of ${slug} has ${entry.access.permission}`);
  return { slug, email: `${role}@${slug}.demo` };
}

/** A valid form: the registry's valid values, the caller's own objects in its id fields. */
function validForm(entry, slug, owned) {
  const form = { org: slug, ...(entry.valid ?? {}) };
  for (const [field, kind] of Object.entries({ ...entry.objects, ...entry.fill })) {
    if (owned[kind]) form[field] = owned[kind];
  }
  return form;
}

/**
 * PER_ACTION payloads, each the valid form with one field hostile: fields in turn, hostile values
 * spread so that every field gets different ones and every value is used; then hostile field
 * names (lists, Object's members) added to the valid form.
 */
function payloads(entry, form) {
  const out = [];
  const fields = entry.fields;
  const set = (f, v) => {
    const p = { ...form };
    if (`${f}[]` in p) p[`${f}[]`] = v;
    else p[f] = v;
    return p;
  };
  if (fields.length > 0) {
    // Wide forms (the cohesion survey's 49 fields) get two hostile values per field at least.
    for (let j = 0; j < Math.max(PER_ACTION, 2 * fields.length); j++) {
      const fi = j % fields.length;
      const round = Math.floor(j / fields.length);
      out.push({ field: fields[fi], body: set(fields[fi], hostile[(round + fi * 11) % hostile.length]) });
    }
    // A field missing, and a field sent as a list.
    out.push({ field: `${fields[0]} (missing)`, body: Object.fromEntries(Object.entries(form).filter(([k]) => k !== fields[0] && k !== `${fields[0]}[]`)) });
    out.push({ field: `${fields.at(-1)}[]`, body: { ...form, [`${fields.at(-1)}[]`]: "x" } });
  }
  for (const name of hostileNames) out.push({ field: name, body: { ...form, [name]: "x" } });
  return out;
}

/**
 * The page to post an action to: one whose worker knows it (the build manifest), the fewest
 * dynamic segments first, filled with the caller's own objects.
 */
function actionPath(key, slug, owned) {
  const action = portal.built.actions.find((a) => a.key === key);
  if (!action) throw new Error(`${key} is not in the build`);
  const dynamicCount = (p) => (p.match(/\[[^\]]+\]/g) ?? []).filter((d) => d !== "[org]").length;
  const [pattern] = action.workers
    .map((w) => routePattern(`${w.replace(/^app\//, "")}.tsx`))
    .sort((a, b) => dynamicCount(a) - dynamicCount(b) || a.length - b.length);
  const byParent = { groups: owned.group, sessions: owned.priceSession, products: owned.product, orders: owned.order };
  return pattern
    .replace("[org]", slug)
    .replace("[commune]", "fassala")
    .replace(/\/([^/]+)\/\[[^\]]+\]/g, (m, parent) => (byParent[parent] ? `/${parent}/${byParent[parent]}` : m));
}

/** What an answer says: reached the action's own checks, or refused before them, or broke. */
function classify(r, arity) {
  if (r.status >= 500 || r.status === 0) return "internal";
  if (r.formError === "internal") return "internal";
  if (r.formError === "unauthenticated") return "refused";
  // A redirect to sign-in is a refusal; another one (sign-in's success, the language's way
  // back) is the action's own answer.
  if (r.redirect) return /^\/login(\?|$|;)/.test(r.redirect) ? "refused" : "reached";
  if (arity === 1) return r.status < 400 ? "reached" : "refused";
  if (r.ok || (r.status === 200 && r.formError)) return "reached";
  return "refused";
}

try {
  await portal.start();
  const t0 = Date.now();

  // Every sign-in first: the sign-in fuzz, last, locks the address out (throttling).
  const signedIn = new Map();
  const clientOf = async (email) => {
    if (!signedIn.has(email)) signedIn.set(email, await new portal.Client(email).signIn());
    return signedIn.get(email);
  };
  const plan = [];
  for (const [key, entry] of Object.entries(actionEntryPoints)) {
    if (entry.access.kind !== "member") continue;
    const who = memberFor(entry);
    plan.push({ key, entry, ...who, client: await clientOf(who.email) });
  }
  for (const email of [
    "admin@adicor.demo",
    "admin@fassala.demo",
    "admin@femmes-fassala.demo",
    "viewer@adicor.demo",
    "viewer@acor.demo",
    "editor@ong-sahel.demo",
  ])
    await clientOf(email);
  const password = await new portal.Client("editor@femmes-fassala.demo").signIn();
  const SIGN_OUTS = 6;
  const signOuts = [];
  for (let i = 0; i < SIGN_OUTS; i++) signOuts.push(await new portal.Client("editor@acor.demo").signIn());
  const owned = await ownedObjects((email) => signedIn.get(email));
  console.log(`[fuzz] own objects: ${JSON.stringify(owned)}`);
  const owner = await openDb({ url: portal.dbUrl(ownerUrl), maintenance: true, max: 1 });
  const [{ auditBefore }] = await owner.db.select({ auditBefore: sql`coalesce(max(${auditLog.id}), 0)`.mapWith(Number) }).from(auditLog);

  let sent = 0;
  let succeeded = 0;
  const statuses = {};
  const report = [];
  const note = (status) => {
    sent++;
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  /** Fuzz one action: a control call, the payloads, the hostile organisations. */
  const fuzzAction = async (key, entry, client, slug, path, arity, list, opts = {}) => {
    const tally = { reached: 0, refused: 0, internal: 0 };
    const answers = {};
    if (opts.control) {
      const c = await client.action(key, path, { org: slug }, arity);
      note(c.status);
      if (c.formError !== "validation")
        fail(`${key}: ${client.email} does not reach validation with an empty form (${c.status} ${c.formError}): not the right member to fuzz it`);
    }
    await pool(
      list.map((p) => async () => {
        let r;
        try {
          r = await client.action(key, path, p.body, arity);
        } catch (err) {
          r = { status: 0, ok: false, formError: `${err?.name}` };
        }
        note(r.status);
        const c = classify(r, arity);
        tally[c]++;
        if (r.ok && entry.access.kind === "member") succeeded++;
        const answer = r.ok ? "ok" : (r.formError ?? `status ${r.status}`);
        answers[answer] = (answers[answer] ?? 0) + 1;
        if (c === "internal")
          fail(
            `${key}: internal error (${r.status} ${r.formError}) with ${p.field} = ${short(p.body[p.field] ?? p.body[`${p.field}[]`] ?? "")} in ${short(p.body)}`,
          );
        else if (c === "refused") fail(`${key}: refused before validation (${r.status} ${r.formError}) with ${p.field} in ${short(p.body)}`);
      }),
      CONCURRENCY,
    );
    let orgRefused = 0;
    if (opts.orgs) {
      for (const org of hostileOrgs) {
        const r = await client.action(key, path, { ...list[0]?.body, org }, arity);
        note(r.status);
        if (r.status >= 500 || r.formError === "internal") fail(`${key}: internal error with org ${JSON.stringify(org)}`);
        else if (r.formError === "not_found") orgRefused++;
        else fail(`${key}: org ${JSON.stringify(org)} answered ${r.status} ${r.ok ? "ok" : r.formError}, not "not found"`);
      }
    }
    report.push({ key, who: client.email, payloads: list.length, ...tally, orgRefused });
    console.log(
      `[fuzz] ${elapsed()} ${key} as ${client.email}: ${list.length} payloads, ${tally.reached} reached validation, ${tally.refused} refused before, ${tally.internal} internal; answers ${JSON.stringify(answers)}${opts.orgs ? `; ${orgRefused}/${hostileOrgs.length} hostile orgs not found` : ""}`,
    );
  };

  // Members' actions, by a member with the permission, on its own organisation and objects.
  for (const { key, entry, slug, client } of plan) {
    try {
      const form = validForm(entry, slug, owned);
      const missing = Object.entries({ ...entry.objects, ...entry.fill }).filter(([, k]) => !owned[k]);
      if (missing.length) fail(`${key}: no own ${missing.map(([, k]) => k).join(", ")} found for a valid form`);
      await fuzzAction(key, entry, client, slug, actionPath(key, slug, owned), 2, payloads(entry, form), { control: true, orgs: true });
    } catch (err) {
      fail(`${key}: ${err?.message ?? err}`);
    }
  }
  // Signed-in users' actions: the password change (its own account), sign-out (one session each).
  {
    const key = "lib/auth/actions.ts#changePasswordAction";
    const entry = actionEntryPoints[key];
    await fuzzAction(key, entry, password, "", actionPath(key, "", owned), 2, payloads(entry, { ...entry.valid }));
    const out = "lib/auth/actions.ts#signOutAction";
    const tally = { reached: 0, refused: 0, internal: 0 };
    await pool(
      signOuts.map((client, i) => async () => {
        const r = await client.action(out, actionPath(out, "adicor", owned), { [hostileNames[i % hostileNames.length]]: "x", extra: hostile[i] }, 1);
        note(r.status);
        const c = classify(r, 1);
        tally[c]++;
        if (c !== "reached") fail(`${out}: ${r.status}`);
        const after = await client.get("/");
        if (after.status !== 307) fail(`${out}: the session still answers ${after.status} after signing out`);
      }),
      CONCURRENCY,
    );
    report.push({ key: out, who: "editor@acor.demo", payloads: signOuts.length, ...tally, orgRefused: 0 });
    console.log(`[fuzz] ${out}: ${signOuts.length} sessions signed out with hostile extra fields, ${tally.reached} reached`);
  }

  // Route handlers, signed in by a member who may read them; hostile segments, queries, cookies, headers.
  const viewerOf = (slug, permission) => `${["viewer", "editor", "admin"].find((r) => can(typeOf[slug], r, permission))}@${slug}.demo`;
  for (const [pattern, route] of Object.entries(routeEntryPoints)) {
    const probeOrg = route.probe.split("/")[1];
    const client = await clientOf(route.kind === "member" ? viewerOf(probeOrg, route.permission) : "viewer@adicor.demo");
    const [path, query = ""] = route.probe.split("?");
    const params = new URLSearchParams(query);
    const dynamic = /\[[^\]]+\]$/.test(pattern);
    const control = await client.get(route.probe);
    note(control.status);
    const expected = route.status ?? 200;
    if (control.status !== expected) fail(`${pattern}: ${client.email} gets ${control.status} on ${route.probe}, not ${expected}`);
    const tally = { reached: 0, refused: 0, internal: 0 };
    const probe = async (what, url, headers) => {
      let r;
      try {
        r = await client.get(url, headers);
      } catch {
        r = { status: 0 };
      }
      note(r.status);
      // Sent to sign-in: refused before the handler. Other redirects (a trailing slash) and 4xx are answers.
      const c =
        r.status >= 500 || r.status === 0 ? "internal" : r.status >= 300 && r.status < 400 && /\/login(\?|$)/.test(r.location ?? "") ? "refused" : "reached";
      tally[c]++;
      if (c === "internal") fail(`${pattern} ${what}: status ${r.status} for ${url.slice(0, 160)}`);
      if (c === "refused") fail(`${pattern} ${what}: sent to sign-in (${r.status}) although signed in`);
    };
    const tasks = [];
    for (const v of hostile) {
      const raw = v.toWellFormed().slice(0, 2000);
      const enc = encodeURIComponent(raw);
      if (dynamic) tasks.push(() => probe("segment", `${path.replace(/[^/]+$/, enc)}?${params}`));
      tasks.push(() => probe("extra segment", `${path}/${enc}?${params}`));
      // The probe's own parameters hostile; then the others the handlers read, the probe's kept valid.
      const own = new URLSearchParams([...params.keys()].map((k) => [k, raw]));
      tasks.push(() => probe("query", `${path}?${own}`));
      const others = new URLSearchParams(params);
      for (const k of ["lang", "member", "hxl", "callbackUrl", "village", "quarter", "indicator", "by", "on", raw.slice(0, 100)]) others.set(k, raw);
      tasks.push(() => probe("other query", `${path}?${others}`));
      tasks.push(() =>
        probe("cookie and header", route.probe, {
          cookie: `${client.cookieHeader()}; tamkin_locale=${enc}; NEXT_LOCALE=${enc}`,
          "accept-language": enc.slice(0, 200),
        }),
      );
    }
    await pool(tasks, CONCURRENCY);
    report.push({ key: pattern, who: client.email, payloads: tasks.length, ...tally, orgRefused: 0 });
    console.log(
      `[fuzz] ${elapsed()} ${pattern} as ${client.email}: ${tasks.length} requests, ${tally.reached} reached the handler, ${tally.refused} redirected, ${tally.internal} internal`,
    );
  }
  // The pages' own query strings: the audit trail's filters, the lists' cursors, the dashboards' filters.
  {
    const admin = await clientOf("admin@adicor.demo");
    const tasks = [];
    for (const v of hostile) {
      const enc = encodeURIComponent(v.toWellFormed().slice(0, 2000));
      for (const url of [
        `/adicor/audit?action=${enc}&entity=${enc}&user=${enc}&from=${enc}&to=${enc}&page=${enc}&after=${enc}`,
        `/adicor/ledger?after=${enc}&size=${enc}&kind=${enc}&group=${enc}&from=${enc}&to=${enc}`,
        `/adicor/groups?before=${enc}&size=${enc}&q=${enc}&status=${enc}`,
        `/adicor/coaching?quarter=${enc}&after=${enc}`,
        `/adicor/dashboard?from=${enc}&to=${enc}&village=${enc}&activity=${enc}&ngo=${enc}`,
        `/adicor/cohesion?village=${enc}&quarter=${enc}&indicator=${enc}`,
        `/adicor/inclusion?by=${enc}&on=${enc}`,
      ]) {
        tasks.push(async () => {
          const r = await admin.get(url).catch(() => ({ status: 0 }));
          note(r.status);
          // The filters ignored (200), an unknown object (404), a URL beyond what the HTTP server reads (431).
          if (r.status >= 500 || r.status === 0 || (r.status >= 300 && r.status < 400)) fail(`page ${url.slice(0, 120)}: status ${r.status}`);
        });
      }
    }
    await pool(tasks, CONCURRENCY);
    console.log(`[fuzz] ${elapsed()} list pages' query strings: ${tasks.length} requests`);
  }

  // The read-only API (issue 14.5) with a live token of adicor (made in the database, as an admin's
  // would be): hostile paths, filters and pages, and hostile Authorization headers.
  {
    const { newToken } = await import("../lib/api/token.ts");
    const t = newToken();
    await owner.db.execute(
      sql`insert into api_tokens (org_id, name, prefix, secret_hash) select id, 'fuzz', ${t.prefix}, ${t.secretHash} from organisations where slug = 'adicor'`,
    );
    const anonymous = new portal.Client("anonymous");
    const bearer = { authorization: `Bearer ${t.token}` };
    const control = await anonymous.get("/api/v1/adicor/groups", bearer);
    note(control.status);
    if (control.status !== 200) fail(`the API answers ${control.status} to a live token`);
    const tasks = [];
    for (const v of hostile) {
      const raw = v.toWellFormed().slice(0, 2000);
      const enc = encodeURIComponent(raw);
      // Never a server error; never another organisation's table; never a table without a live token.
      const check = (url, headers, refused = []) =>
        tasks.push(async () => {
          const r = await anonymous.get(url, headers).catch(() => ({ status: 0 }));
          note(r.status);
          if (r.status >= 500 || r.status === 0 || refused.includes(r.status)) fail(`API ${url.slice(0, 120)}: status ${r.status}`);
        });
      check(`/api/v1/adicor/${enc}`, bearer, [200]);
      check(`/api/v1/adicor/revenue/${enc}?format=csv`, bearer, [200]);
      check(`/api/v1/adicor/ledger?page=${enc}&pageSize=${enc}`, bearer);
      check(`/api/v1/adicor/ledger?cursor=${enc}&pageSize=20`, bearer, [200]);
      check(`/api/v1/adicor/ledger?format=${enc}`, bearer);
      check(`/api/v1/adicor/ledger?from=${enc}&to=${enc}&village=${enc}&kind=${enc}&q=${enc}&lang=${enc}&group=${enc}`, bearer);
      check(`/api/v1/adicor/inclusion/sex?on=${enc}&by=${enc}&member=${enc}`, bearer);
      check(`/api/v1/${enc}/groups`, bearer, [200]);
      check("/api/v1/adicor/groups", { authorization: `Bearer ${raw.replace(/[^\x20-\x7e]/g, "").slice(0, 200)}` }, [200]);
    }
    await pool(tasks, CONCURRENCY);
    console.log(`[fuzz] ${elapsed()} the read-only API with a token: ${tasks.length} requests`);
  }

  // Public actions last (sign-in failures lock the address out): signed in for the language, signed out for sign-in.
  {
    const key = "lib/auth/actions.ts#setLocaleAction";
    const entry = actionEntryPoints[key];
    await fuzzAction(key, entry, await clientOf("editor@ong-sahel.demo"), "", actionPath(key, "ong-sahel", owned), 1, payloads(entry, { ...entry.valid }));
    const signIn = "lib/auth/actions.ts#signInAction";
    await fuzzAction(
      signIn,
      actionEntryPoints[signIn],
      new portal.Client("anonymous"),
      "",
      actionPath(signIn, "", owned),
      2,
      payloads(actionEntryPoints[signIn], { ...actionEntryPoints[signIn].valid }),
    );
  }

  // Every write is audited in its transaction: as many records as actions that succeeded.
  const [{ audited }] = await owner.db
    .select({ audited: sql`count(*)`.mapWith(Number) })
    .from(auditLog)
    .where(and(sql`${auditLog.id} > ${auditBefore}`, sql`${auditLog.action} not like 'auth.%'`, sql`${auditLog.action} not like 'user.%'`));
  if (audited !== succeeded) fail(`${succeeded} actions succeeded but ${audited} audit records were added`);
  await owner.close();

  const actions = report.filter((r) => r.key.includes("#"));
  const total = (rows, k) => rows.reduce((n, r) => n + r[k], 0);
  const notReached = report.filter((r) => r.refused > 0 || r.internal > 0);
  console.log(
    `[fuzz] ${actions.length} actions, ${total(actions, "payloads")} payloads: ${total(actions, "reached")} reached validation, ` +
      `${total(actions, "refused")} refused before, ${total(actions, "internal")} internal; ${succeeded} succeeded (each audited); ` +
      `${report.length - actions.length} route handlers, ${total(
        report.filter((r) => !r.key.includes("#")),
        "payloads",
      )} requests; ` +
      `${sent} requests in all, statuses ${JSON.stringify(statuses)}, ${Math.round((Date.now() - t0) / 1000)} s`,
  );
  if (notReached.length) console.log(`[fuzz] not all payloads reached validation: ${notReached.map((r) => r.key).join(", ")}`);
} catch (err) {
  fail(err?.stack ?? String(err));
}
await portal.stop();
console.log(failures === 0 ? "[fuzz] passed" : `[fuzz] ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
