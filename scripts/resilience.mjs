#!/usr/bin/env node
/**
 * Concurrency, faults and load, on a local PostgreSQL server (run by .ci/run after the tests;
 * bounded to about five minutes). Needs a production build, DATABASE_URL (application role)
 * and DATABASE_OWNER_URL (owner) on a loopback host, and RESILIENCE_PG_CLUSTER ("15 main") to
 * restart for the fault phase. Run with: node --import tsx scripts/resilience.mjs [race|fault|load]
 *
 * - race: writers signed in to the portal load the same versioned record (a group's status, a
 *   ledger entry, a price session's draft) and save it at once through the server actions, round
 *   after round: exactly one winner per version, the others told who changed it, nothing lost.
 * - fault: PostgreSQL restarts during a stream of writes through the portal: clean errors during
 *   the outage, no request past its timeout, recovery within seconds, no half-applied write.
 * - load: 20 signed-in users browse and write for 60 s: no error; requests/s and p95 printed.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import { openDb } from "../db/client.ts";
import {
  auditLog,
  groups,
  ledgerEntries,
  ledgerEntryHistory,
  ledgerEntryNotes,
  memberships,
  organisations,
  priceSessions,
  sessionAttendees,
  users,
} from "../db/schema/index.ts";
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
/**
 * Concurrent edits through the real server actions, over HTTP, as browsers make them: in each
 * round every writer loads the record's page, reads the version its form carries, and all post
 * their edit at once with that version. Exactly one wins per version; every other one gets the
 * conflict naming the winner ("changed by NAME at TIME"); nothing is lost: the row ends as the
 * winners wrote it, in order, and the audit trail (and the ledger's history) holds one record
 * per winner, each following the one before.
 */
const RACE_ROUNDS = Number(process.env.RESILIENCE_RACE_ROUNDS ?? 15);
const RACE_WRITERS = 6;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The version a page's form carries for a record: `<input name=idField value=id><input name="version" value=N>`. */
const formVersion = (html, idField, id) =>
  Number(new RegExp(`name="${idField}" value="${escapeRe(id)}"/?><input type="hidden" name="version" value="(\\d+)"`).exec(html)?.[1] ?? NaN);
/** The "changed by NAME" of a refused save, or null. */
const changedByName = (body) => /"formError":\{"key":"changedBy","values":\{"name":"([^"]*)"/.exec(body)?.[1] ?? null;

async function raceOn({ label, writers, page, idField, id, action, payload, rounds = RACE_ROUNDS }) {
  const winners = [];
  const problems = [];
  let conflicts = 0;
  const t0 = Date.now();
  for (let r = 0; r < rounds; r++) {
    const loaded = await Promise.all(
      writers.map(async (w) => {
        const res = await w.client.get(page);
        if (res.status !== 200) throw new Error(`${label}: ${page} answered ${res.status} to ${w.client.email}`);
        return formVersion(res.body, idField, id);
      }),
    );
    if (!loaded.every((v) => Number.isInteger(v) && v === loaded[0])) problems.push(`round ${r}: versions loaded ${loaded.join(",")}`);
    const sent = writers.map((w, i) => payload(r, i));
    const answers = await Promise.all(writers.map((w, i) => w.client.action(action, page, { ...sent[i], version: String(loaded[i]) })));
    const won = answers.flatMap((a, i) => (a.ok ? [i] : []));
    if (won.length !== 1) {
      problems.push(`round ${r}: ${won.length} winners; answers ${answers.map((a) => a.formError ?? (a.ok ? "ok" : a.status)).join(",")}`);
      continue;
    }
    const w = won[0];
    winners.push({ round: r, version: loaded[w], values: sent[w], by: writers[w].name });
    answers.forEach((a, i) => {
      if (i === w) return;
      const name = changedByName(a.body);
      if (a.status === 200 && a.formError === "changedBy" && name === writers[w].name) conflicts++;
      else problems.push(`round ${r}: writer ${i} got ${a.status} ${a.formError} (${name ?? "no name"}), expected "changed by ${writers[w].name}"`);
    });
  }
  console.log(`[resilience] race ${label}: ${winners.length} winners, ${conflicts} conflicts, ${problems.length} problems in ${Date.now() - t0} ms`);
  for (const p of problems.slice(0, 5)) console.log(`[resilience]   ${p}`);
  check(
    problems.length === 0 && winners.length === rounds,
    `race ${label}: ${rounds} rounds of ${writers.length} concurrent saves, exactly one winner per version`,
  );
  check(conflicts === rounds * (writers.length - 1), `race ${label}: every other save refused as changed by the winner (${conflicts})`);
  return winners;
}

/** The audit records of one entity's action since an audit id, oldest first. */
async function trail(owner, action, entityId, sinceId) {
  return owner.db
    .select({ id: auditLog.id, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId), sql`${auditLog.id} > ${sinceId}`))
    .orderBy(auditLog.id);
}

async function race() {
  const owner = await openDb({ url: withDb(ownerUrl), maintenance: true, max: 1 });
  const [{ maxId }] = await owner.db.select({ maxId: sql`coalesce(max(${auditLog.id}), 0)`.mapWith(Number) }).from(auditLog);
  const signIn = async (email) => ({
    client: await new Client(email).signIn(),
    name: (await owner.db.select({ name: users.name }).from(users).where(eq(users.email, email)))[0].name,
  });
  const writersOf = (slug) => Promise.all(Array.from({ length: RACE_WRITERS }, (_, i) => signIn(`${i % 2 ? "editor" : "admin"}@${slug}.demo`)));
  const adicor = await writersOf("adicor");
  const fassala = await writersOf("fassala");

  // 1. A group's status and sharing rule: each writer its own combination. A group of its own,
  // created through the portal (its page is light: no members, no entries).
  const [org] = await owner.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "adicor"));
  const [demoGroup] = await owner.db.select().from(groups).where(eq(groups.ngoOrgId, org.id)).limit(1);
  const newGroup = await adicor[1].client.action("lib/groups/actions.ts#createGroupAction", "/adicor/groups/new", {
    org: "adicor",
    name: "Boutique de la course",
    activityType: demoGroup.activityType,
    villageId: demoGroup.villageId,
    startDate: demoGroup.startDate,
    startingCapitalAmount: "0",
    startingCapitalCurrency: "MRU",
    profitRule: "equal",
  });
  const groupId = /"data":\{"id":"([0-9a-f-]{36})"/.exec(newGroup.body)?.[1];
  if (!newGroup.ok || !groupId) throw new Error(`race: no group created (${newGroup.formError})`);
  const [g0] = await owner.db.select().from(groups).where(eq(groups.id, groupId));
  const combos = ["active", "paused", "closed"].flatMap((status) => ["equal", "team_weighted"].map((profitRule) => ({ status, profitRule })));
  const groupWins = await raceOn({
    label: "group status",
    writers: adicor,
    page: `/adicor/groups/${g0.id}`,
    idField: "groupId",
    id: g0.id,
    action: "lib/groups/actions.ts#updateGroupAction",
    payload: (r, i) => ({ org: "adicor", groupId: g0.id, ...combos[(r + i) % combos.length] }),
  });
  const [g1] = await owner.db.select().from(groups).where(eq(groups.id, g0.id));
  const groupTrail = await trail(owner, "group.update", g0.id, maxId);
  const last = groupWins.at(-1)?.values;
  check(
    !!last && g1.status === last.status && g1.profitRule === last.profitRule && g1.version === g0.version + groupWins.length,
    `race group status: the row is the last winner's write, version +${groupWins.length}`,
  );
  check(
    groupTrail.length === groupWins.length &&
      groupTrail.every((a, i) => a.after?.status === groupWins[i].values.status && a.after?.profitRule === groupWins[i].values.profitRule) &&
      groupTrail.every(
        (a, i) => i === 0 || (a.before?.status === groupTrail[i - 1].after?.status && a.before?.profitRule === groupTrail[i - 1].after?.profitRule),
      ),
    `race group status: ${groupTrail.length} audit records, one per winner, in order, each following the one before`,
  );

  // 2. A ledger entry's correction (its version is bumped by the database, once).
  const recorded = await adicor[1].client.action("lib/groups/actions.ts#recordEntryAction", `/adicor/groups/${g0.id}`, {
    org: "adicor",
    groupId: g0.id,
    kind: "sale",
    occurredOn: new Date().toISOString().slice(0, 10),
    amount: "1000",
    currency: "MRU",
    note: "race",
  });
  check(recorded.ok, `race ledger: an entry recorded to correct (${recorded.formError ?? "ok"})`);
  const [entry] = await owner.db
    .select({ id: ledgerEntries.id, occurredOn: ledgerEntries.occurredOn, version: ledgerEntries.version })
    .from(ledgerEntries)
    // The note lives in ledger_entry_notes (migration 0051); the entry's own column stays empty.
    .innerJoin(ledgerEntryNotes, eq(ledgerEntryNotes.entryId, ledgerEntries.id))
    .where(and(eq(ledgerEntries.groupId, g0.id), eq(ledgerEntryNotes.note, "race")))
    .orderBy(sql`${ledgerEntries.createdAt} desc`)
    .limit(1);
  const entryWins = await raceOn({
    label: "ledger correction",
    writers: adicor,
    page: `/adicor/groups/${g0.id}`,
    idField: "entryId",
    id: entry.id,
    action: "lib/groups/actions.ts#correctEntryAction",
    payload: (r, i) => ({
      org: "adicor",
      entryId: entry.id,
      kind: "sale",
      occurredOn: entry.occurredOn,
      amount: String(1000 + r * 10 + i + 1),
      currency: "MRU",
      note: "race",
    }),
  });
  const [e1] = await owner.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, entry.id));
  const history = await owner.db
    .select({ after: ledgerEntryHistory.after })
    .from(ledgerEntryHistory)
    .where(eq(ledgerEntryHistory.entryId, entry.id))
    .orderBy(ledgerEntryHistory.changedAt, ledgerEntryHistory.id);
  const entryTrail = await trail(owner, "ledger.correct", entry.id, maxId);
  check(
    e1.amount === Number(entryWins.at(-1)?.values.amount) && e1.version === entry.version + entryWins.length,
    `race ledger correction: the row is the last winner's write, version +${entryWins.length} (no double bump)`,
  );
  check(
    history.length === entryWins.length &&
      entryTrail.length === entryWins.length &&
      history.every((h, i) => h.after?.amount === Number(entryWins[i].values.amount)),
    `race ledger correction: ${history.length} history rows and ${entryTrail.length} audit records, one per winner, in order`,
  );

  // 3. A price session's draft, on a session of its own.
  const created = await fassala[0].client.action("lib/prices/actions.ts#createSessionAction", "/fassala/prices/fassala", {
    org: "fassala",
    heldOn: new Date().toISOString().slice(0, 10),
    place: "Course",
  });
  const sessionId = /"data":\{"id":"([0-9a-f-]{36})"/.exec(created.body)?.[1];
  if (!created.ok || !sessionId) throw new Error(`race: no session created (${created.formError})`);
  const [s0] = await owner.db.select().from(priceSessions).where(eq(priceSessions.id, sessionId));
  const sessionPage = `/fassala/prices/fassala/sessions/${sessionId}`;
  const draft = { org: "fassala", sessionId, heldOn: s0.heldOn, place: "Course", status: "draft" };
  const sessionWins = await raceOn({
    label: "session draft",
    writers: fassala,
    page: sessionPage,
    idField: "sessionId",
    id: sessionId,
    action: "lib/prices/actions.ts#updateSessionAction",
    payload: (r, i) => ({ ...draft, minutes: `round ${r}, writer ${i}` }),
  });
  const sessionTrail = await trail(owner, "prices.session.update", sessionId, maxId);
  const [s1] = await owner.db.select().from(priceSessions).where(eq(priceSessions.id, sessionId));
  check(
    s1.minutes === sessionWins.at(-1)?.values.minutes && s1.version === s0.version + sessionWins.length,
    `race session draft: the row is the last winner's write, version +${sessionWins.length}`,
  );
  check(
    sessionTrail.length === sessionWins.length &&
      sessionTrail.every(
        (a, i) => a.after?.minutes === sessionWins[i].values.minutes && a.after?.version === s0.version + i + 1 && a.before?.version === s0.version + i,
      ),
    `race session draft: ${sessionTrail.length} audit records, one per winner, in order, each following the one before`,
  );

  // 4. Attendees are part of the session: adding or removing one refuses a save loaded before.
  const [a, b] = fassala;
  const staleSave = async (change) => {
    const version = formVersion((await a.client.get(sessionPage)).body, "sessionId", sessionId);
    const changed = await change();
    const save = await a.client.action("lib/prices/actions.ts#updateSessionAction", sessionPage, { ...draft, minutes: "stale", version: String(version) });
    return changed.ok && !save.ok && save.formError === "changedBy" && changedByName(save.body) === b.name;
  };
  const added = await staleSave(() =>
    b.client.action("lib/prices/actions.ts#addAttendeeAction", sessionPage, {
      org: "fassala",
      sessionId,
      name: "Participant de la course",
      constituency: "commune",
    }),
  );
  const [attendee] = await owner.db.select({ id: sessionAttendees.id }).from(sessionAttendees).where(eq(sessionAttendees.sessionId, sessionId));
  const removed =
    !!attendee &&
    (await staleSave(() => b.client.action("lib/prices/actions.ts#removeAttendeeAction", sessionPage, { org: "fassala", sessionId, attendeeId: attendee.id })));
  const [s2] = await owner.db.select().from(priceSessions).where(eq(priceSessions.id, sessionId));
  check(
    added && removed && s2.version === s1.version + 2 && s2.minutes === s1.minutes,
    "race session draft: adding and removing an attendee raise the version; a save loaded before is refused as changed by them",
  );
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
  check(
    results.every((x) => x.status < 500 && x.status !== 0),
    "fault: no 5xx answer and no dropped connection from the portal",
  );
  check(
    results.every((x) => x.ms < REQUEST_TIMEOUT_MS),
    `fault: no request past ${REQUEST_TIMEOUT_MS / 1000} s`,
  );
  check(
    results.filter((x) => !x.ok).every((x) => x.error === "internal" || x.error === "conflict"),
    "fault: failures are clean form errors",
  );
  console.log(`[resilience] fault: timeline (ms from stop): ${results.map((x) => `${x.t - downAt}${x.ok ? "+" : "!"}${x.ms}`).join(" ")}`);
  check(during.length > 0 && during.every((x) => !x.ok), `fault: the ${during.length} writes sent while the server was down failed cleanly`);
  check(
    !!firstOkAfter && firstOkAfter.t - restartEnd < 10_000,
    `fault: writes succeed again within 10 s (after ${firstOkAfter ? firstOkAfter.t - restartEnd : "∞"} ms)`,
  );
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
