/**
 * npm run bench:import -- [--rows 100000] [--kind ledger|members] [--db NAME] [--keep]
 *
 * A cash-book file of `--rows` lines (100,000: the largest file the import takes) through the
 * import's own service, on a fresh database of the local PostgreSQL server of DATABASE_OWNER_URL /
 * DATABASE_URL with the demo seeded, as ADICOR's editor under row-level security:
 * - the file is streamed from disk (`fs.openAsBlob`), read, checked and staged 500 rows at a time;
 * - the commit checks every line by `recordEntry`'s rules and writes 500 per statement (the database's
 *   triggers: rollups, ledger history, quarter locks) in one transaction;
 * - the same file again is all duplicates and adds nothing.
 * Meanwhile another member reads a group's cash book and the dashboard's totals, as a user of the
 * portal would, on a connection of their own: their latency before and during the import says
 * whether others are still served. Reported: time and rows/s of each phase, the process's peak
 * memory above its start (the file is never held whole), the reader's p50/p95. Fails on a wrong
 * count; timings are reported, not asserted.
 *
 * `--kind members`: a members file instead (distinct names over the NGO's groups and villages, WG
 * answers, household fields), committed by addMember's rules (near-duplicates included).
 *
 * Memory (issue 14.1, "never held whole"): `--xlsx` writes the file as an XLSX workbook (exceljs'
 * streaming writer) instead of a CSV; `--stage-only` stops after staging; each phase's peak is
 * reported (resident size, V8 heap, buffers outside it) above the level before the file is read.
 * Run with `NODE_OPTIONS=--expose-gc` to collect garbage before each phase, so that a phase does
 * not pay for the last one's, and to see what staging keeps: the V8 heap after a full collection
 * every 5,000 rows read (its progress reports), besides the peaks, which count garbage not yet
 * collected.
 */
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { openAsBlob } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { and, eq, isNull, sql } from "drizzle-orm";
import { openDb, type Tx } from "@/db/client";
import { groupMemberships, groups, importUploads, ledgerEntries, ledgerEntryNotes, people, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { commitUpload, stageUpload } from "@/lib/imports/service";
import type { Progress } from "@/lib/imports/progress";
import { quarterBounds, quarterOf } from "@/lib/quarters/quarter";
import { today } from "@/lib/dates";
import { listNgoSettlements } from "@/lib/groups/queries";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROWS = Number(arg("rows") ?? 100_000);
const KIND = (arg("kind") ?? "ledger") as "ledger" | "members";
const XLSX = process.argv.includes("--xlsx");
const STAGE_ONLY = process.argv.includes("--stage-only");
const gc = (globalThis as { gc?: () => void }).gc;
const log = (s: string) => console.log(`[bench:import] ${s}`);

function local(url: string, db: string) {
  const u = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(u.hostname)) throw new Error(`refusing a non-local database: ${u.hostname}`);
  u.pathname = `/${db}`;
  return u.toString();
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  const ownerBase = process.env.DATABASE_OWNER_URL;
  const appBase = process.env.DATABASE_URL;
  if (!ownerBase || !appBase) throw new Error("set DATABASE_OWNER_URL (owner role, CREATEDB) and DATABASE_URL (application role) of a local PostgreSQL server");
  if (!Number.isInteger(ROWS) || ROWS < 1 || ROWS > 100_000) throw new Error("--rows: 1 to 100000 (the import's own limit)");
  if (KIND !== "ledger" && KIND !== "members") throw new Error("--kind: ledger or members");
  const dbName = arg("db") ?? `tamkin_bench_import_${randomBytes(3).toString("hex")}`;
  const ownerUrl = local(ownerBase, dbName);
  const appUrl = local(appBase, dbName);

  const admin = postgres(ownerBase, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "tamkin-bench-import-"));
  const handles: { close(): Promise<void> }[] = [];
  let failures = 0;
  const check = (ok: boolean, what: string) => {
    if (!ok) failures++;
    log(`${ok ? "ok" : "FAIL"}: ${what}`);
  };
  try {
    const m = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: appUrl },
    });
    if (m.status !== 0) throw new Error("migration failed");
    const owner = await openDb({ url: ownerUrl, maintenance: true, max: 1 });
    handles.push(owner);
    const ids = await seedDemo(owner.db);
    const org = { id: ids.orgs.adicor, type: "ngo" as const };
    const [{ id: editor }] = await owner.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
    const [{ id: viewer }] = await owner.db.select({ id: users.id }).from(users).where(eq(users.email, "viewer@adicor.demo"));
    const gs = await owner.db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.ngoOrgId, org.id), isNull(groups.archivedAt)));
    const named = gs.filter((g) => gs.filter((o) => o.name === g.name).length === 1 && !/[",\n]/.test(g.name));

    // The file: lines spread over the groups, the four kinds and this quarter's days so far.
    const start = quarterBounds(quarterOf(new Date())).start;
    const days: string[] = [];
    for (let d = new Date(`${start}T00:00:00Z`); d.toISOString().slice(0, 10) <= today(); d.setUTCDate(d.getUTCDate() + 1))
      days.push(d.toISOString().slice(0, 10));
    const kinds = ["vente", "vente", "vente", "achat", "dépense", "apport"];
    const lines =
      KIND === "ledger"
        ? ["Groupe,Opération,Date,Montant,Devise,Note"]
        : [
            "Groupe,Nom,Sexe,Année de naissance,Village ou campement,Taille du ménage,Statut du ménage,Transferts monétaires depuis,WG voir,WG entendre,WG marcher,WG se souvenir,WG soins personnels,WG communiquer,Date d'adhésion",
          ];
    const villages = KIND === "members" ? (await listNgoSettlements(owner.db, org.id)).filter((v) => !/[",\n]/.test(v.name)) : [];
    for (let i = 0; i < ROWS; i++) {
      if (KIND === "ledger") {
        lines.push(`${named[i % named.length].name},${kinds[i % kinds.length]},${days[i % days.length]},${100 + ((i * 37) % 4900)},MRU,bench ${i}`);
        continue;
      }
      // Distinct names (two words of three syllables, a pseudo-random function of i), birth years spread.
      const statuses = ["population hôte", "population hôte", "réfugié hors camp", "réfugié dans le camp", "rapatrié"];
      const wg = (k: number) => ["", "1", "1", "1", "2", "3", "4", ""][(i * 7 + k * 3) % 8];
      lines.push(
        [
          named[i % named.length].name,
          benchName(i),
          i % 2 === 0 ? "femme" : "homme",
          1950 + ((i * 7919) % 55),
          villages[(i * 13) % villages.length].name,
          1 + ((i * 5) % 12),
          statuses[i % statuses.length],
          i % 9 === 0 ? days[0] : "",
          wg(0),
          wg(1),
          wg(2),
          wg(3),
          wg(4),
          wg(5),
          days[i % days.length],
        ].join(","),
      );
    }
    const file = path.join(dir, (KIND === "ledger" ? "caisse" : "membres") + (XLSX ? ".xlsx" : ".csv"));
    if (XLSX) {
      // The same lines as a workbook's first sheet (numbers as numbers, the rest as text, in shared
      // strings as Excel writes them), written as a stream.
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
      const ws = wb.addWorksheet("Data");
      for (const line of lines) ws.addRow(line.split(",").map((c) => (/^\d+$/.test(c) ? Number(c) : c))).commit();
      ws.commit();
      await wb.commit();
    } else {
      await writeFile(file, lines.join("\r\n") + "\r\n");
    }
    lines.length = 0;
    const blob = await openAsBlob(file, { type: XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv" });
    log(`${ROWS} ${KIND} lines over ${named.length} groups and ${days.length} days, ${(blob.size / 1024 / 1024).toFixed(1)} MB`);
    const fileName = path.basename(file);

    const app = await openDb({ url: appUrl, max: 2 });
    handles.push(app);
    const as = <T>(userId: string, fn: (tx: Tx) => Promise<T>) =>
      app.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${userId}, true)`);
        return fn(tx);
      });

    // Another member of the organisation reading, on a connection of their own, all along.
    const reader = await openDb({ url: appUrl, max: 1 });
    handles.push(reader);
    const group = named[0].id;
    const read = () =>
      reader.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${viewer}, true)`);
        const t0 = performance.now();
        await tx.execute(
          sql`select id, kind, occurred_on, amount from ledger_entries where group_id = ${group} order by occurred_on desc, created_at desc limit 50`,
        );
        await tx.execute(sql`select count(*) from groups where ngo_org_id = ${org.id}`);
        await tx.execute(sql`select currency, sum(amount)::bigint from ledger_entries where group_id = ${group} group by currency`);
        return performance.now() - t0;
      });
    const latencies: Record<string, number[]> = { idle: [], stage: [], commit: [], again: [] };
    let phase: keyof typeof latencies | null = "idle";
    for (let i = 0; i < 20; i++) latencies.idle.push(await read());
    const readerLoop = (async () => {
      while (phase) {
        const p = phase;
        latencies[p].push(await read());
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // Memory: the process's peak resident size above its level before the file is read, and each
    // phase's peaks (resident, V8 heap, buffers outside the heap) above the level before the phase.
    gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    type Mem = { rss: number; heap: number; buffers: number };
    const now = (): Mem => {
      const m = process.memoryUsage();
      return { rss: m.rss, heap: m.heapUsed, buffers: m.external + m.arrayBuffers };
    };
    const phases: { name: string; before: Mem; peak: Mem }[] = [];
    const sampler = setInterval(() => {
      const m = now();
      peak = Math.max(peak, m.rss);
      const p = phases[phases.length - 1];
      if (p) p.peak = { rss: Math.max(p.peak.rss, m.rss), heap: Math.max(p.peak.heap, m.heap), buffers: Math.max(p.peak.buffers, m.buffers) };
    }, 25);

    const timed = async <T>(p: keyof typeof latencies, fn: () => Promise<T>) => {
      phase = p;
      gc?.();
      phases.push({ name: p, before: now(), peak: now() });
      const t0 = Date.now();
      const out = await fn();
      return { out, ms: Date.now() - t0 };
    };
    // What staging keeps (with --expose-gc): the heap after a full collection, every 10th report (5,000 rows).
    let reports = 0;
    const kept = { before: 0, max: 0, rows: 0 };
    const keptProgress: Progress | undefined = gc
      ? {
          report(_phase, done) {
            if (++reports % 10 !== 0) return;
            gc();
            const heap = process.memoryUsage().heapUsed;
            if (heap - kept.before > kept.max) Object.assign(kept, { max: heap - kept.before, rows: done });
          },
          async close() {},
        }
      : undefined;
    const staged = await timed("stage", () => {
      kept.before = process.memoryUsage().heapUsed;
      return as(editor, (tx) => stageUpload(tx, org, editor, { kind: KIND, file: blob, fileName, progress: keptProgress }));
    });
    const [u] = await owner.db.select().from(importUploads).where(eq(importUploads.id, staged.out.id));
    check(u.rowCount === ROWS && u.newCount === ROWS && u.invalidCount === 0, `staged: ${u.rowCount} rows, ${u.newCount} new, ${u.invalidCount} invalid`);
    const entries = async () =>
      KIND === "members"
        ? (
            await owner.db
              .select({ n: sql<number>`count(*)::int` })
              .from(people)
              .innerJoin(groupMemberships, eq(groupMemberships.personId, people.id))
              .where(sql`${people.name} like 'Bench %'`)
          )[0].n
        : (
            await owner.db
              .select({ n: sql<number>`count(*)::int` })
              .from(ledgerEntries)
              .innerJoin(ledgerEntryNotes, eq(ledgerEntryNotes.entryId, ledgerEntries.id))
              .where(and(sql`${ledgerEntryNotes.note} like 'bench %'`, isNull(ledgerEntries.voidedAt)))
          )[0].n;
    const skipped = { out: { added: 0 }, ms: NaN };
    const committed = STAGE_ONLY ? skipped : await timed("commit", () => as(editor, (tx) => commitUpload(tx, org, editor, staged.out.id, true)));
    if (!STAGE_ONLY) {
      check(committed.out.added === ROWS, `committed: ${committed.out.added} added in one transaction`);
      check((await entries()) === ROWS, KIND === "ledger" ? `the cash book holds the ${ROWS} lines` : `the ${ROWS} members are recorded`);
    }
    const again = STAGE_ONLY ? skipped : await timed("again", () => as(editor, (tx) => stageUpload(tx, org, editor, { kind: KIND, file: blob, fileName })));
    if (!STAGE_ONLY) {
      const [u2] = await owner.db
        .select()
        .from(importUploads)
        .where(eq(importUploads.id, (again.out as { id: string }).id));
      check(u2.newCount === 0 && u2.duplicateCount === ROWS, `the same file again: ${u2.newCount} new, ${u2.duplicateCount} duplicates`);
    }
    phase = null;
    clearInterval(sampler);
    await readerLoop;

    const rate = (ms: number) => Math.round((ROWS / ms) * 1000).toLocaleString("en");
    const lat = (xs: number[]) => `${pct(xs, 50).toFixed(1)} / ${pct(xs, 95).toFixed(1)} ms (${xs.length} reads)`;
    console.log(`
## Import of ${ROWS.toLocaleString("en")} ${KIND === "ledger" ? "cash-book lines" : "members"} (npm run bench:import -- --rows ${ROWS}${KIND === "ledger" ? "" : " --kind members"})

| phase | time | rows/s | another member's reads, p50 / p95 |
|---|---:|---:|---|
| before (idle) | – | – | ${lat(latencies.idle)} |
| read, check, stage | ${(staged.ms / 1000).toFixed(1)} s | ${rate(staged.ms)} | ${lat(latencies.stage)} |
${
  STAGE_ONLY
    ? ""
    : `| ${KIND === "ledger" ? "commit (recordEntry's rules per line, 500 lines per INSERT, one transaction)" : "commit (addMember's rules per row, near-duplicates included, one transaction)"} | ${(committed.ms / 1000).toFixed(1)} s | ${rate(committed.ms)} | ${lat(latencies.commit)} |
| the same file again (all duplicates) | ${(again.ms / 1000).toFixed(1)} s | ${rate(again.ms)} | ${lat(latencies.again)} |
`
}
Peak memory of the importing process above its start: ${Math.round((peak - base) / 1024 / 1024)} MB (file ${XLSX ? "XLSX" : "CSV"}, ${(blob.size / 1024 / 1024).toFixed(1)} MB; Node ${process.version}, ${os.cpus().length} cores${gc ? ", garbage collected before each phase" : ""}).

| phase | peak resident | peak V8 heap | peak buffers outside the heap |
|---|---:|---:|---:|
${phases.map((p) => `| ${p.name} | +${mb(p.peak.rss - p.before.rss)} MB | +${mb(p.peak.heap - p.before.heap)} MB | +${mb(p.peak.buffers - p.before.buffers)} MB |`).join("\n")}
${gc ? `\nKept by staging (V8 heap after a full collection, every 5,000 rows): at most +${mb(kept.max)} MB, at row ${kept.rows.toLocaleString("en")}.\n` : ""}`);
  } finally {
    for (const h of handles.reverse()) await h.close().catch(() => undefined);
    if (!process.argv.includes("--keep")) await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
  if (failures > 0) {
    log(`${failures} failure(s)`);
    process.exit(1);
  }
}

/** A distinct name for line i: "Bench" and two words of three syllables, unlike each other's. */
function benchName(i: number) {
  const cs = "bdfgklmnprstz";
  const vs = "aeiou";
  const word = (n: number) => {
    let w = "";
    for (let k = 0; k < 3; k++) {
      w += cs[n % cs.length] + vs[Math.floor(n / cs.length) % vs.length];
      n = Math.floor(n / (cs.length * vs.length));
    }
    return w[0].toUpperCase() + w.slice(1);
  };
  const h = (i * 2654435761) % 4294967296;
  return `Bench ${word(h % 274625)} ${word(Math.floor(h / 274625) ^ i)}`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
