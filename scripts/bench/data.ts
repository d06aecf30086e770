/**
 * Deterministic bench data at national scale (issue 10):
 *
 *   npm run bench:data -- --scale small|regional|national [--reset] [--row-guards]
 *   npm run bench:data -- --remove
 *
 * Writes into the already migrated PostgreSQL database of DATABASE_OWNER_URL (local servers only),
 * as the owner in maintenance mode (app.maintenance=on, as openDb({ maintenance: true }) does).
 * The same scale always gives the same rows (seeded PRNG, ids from counters). Bench organisations
 * have slugs starting with "b-"; each has admin@, editor@ and viewer@<slug>.bench with the
 * password "tamkin-bench". The loader refuses to run when bench data exists, unless --reset is
 * given, which deletes the previous bench data first (other data is kept; gen/reset.ts).
 *
 * Loading (gen/copy.ts): COPY into temporary staging tables, then one INSERT … SELECT per chunk of
 * at most 200,000 rows, so that row-level security, every constraint and trigger apply and
 * statement-level triggers (the ledger rollups) fire once per chunk; two connections in parallel.
 * The plan is in gen/plan.ts, the rows of a group in gen/groups.ts, the rest in gen/communes.ts.
 */
import net from "node:net";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import { cohesionRows, exchangeRates, ngoRows, priceRows, skeletonRows } from "./gen/communes";
import { Loader, esc, nul } from "./gen/copy";
import { tsOf } from "./gen/dates";
import { groupRows } from "./gen/groups";
import { benchId, IdCounters, PARTITION_SPAN } from "./gen/ids";
import { buildPlan, partitionPlan, SCALES, type ScaleName } from "./gen/plan";
import { resetBench } from "./gen/reset";
import { SPECS } from "./gen/specs";
import { verifyBench } from "./gen/verify";

export const BENCH_PASSWORD = "tamkin-bench";
/** Connections loading in parallel (the machine this was tuned on has two cores). */
const PARTITIONS = 2;

export interface GenerateOptions {
  /** The owner's connection URL (DATABASE_OWNER_URL). */
  url: string;
  scale: ScaleName;
  /** Delete the previous bench data first. */
  reset?: boolean;
  /** Only delete the bench data (nothing is loaded). */
  remove?: boolean;
  /**
   * Keep the per-row guard triggers on while loading (slow: milliseconds a row); by default they
   * are off inside each chunk's transaction and their rules are verified in bulk afterwards.
   */
  rowGuards?: boolean;
  /** Rows per COPY statement and table (at most 200,000). */
  chunkRows?: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  scale: ScaleName;
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Rows deleted per table by --reset. */
  deleted: Record<string, number>;
  elapsedMs: number;
}

export function assertLocalUrl(url: string) {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new Error("DATABASE_OWNER_URL is not a valid postgres:// URL");
  }
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to write bench data to a non-local database host: ${host || "(socket)"}`);
  }
}

export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  if (!(opts.scale in SCALES)) throw new Error(`unknown scale ${opts.scale} (small, regional or national)`);
  assertLocalUrl(opts.url);
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`;
  const log = (line: string) => (opts.log ?? console.log)(`[bench ${elapsed()}] ${line}`);
  const chunkRows = Math.min(200_000, opts.chunkRows ?? 200_000);

  const options = {
    // One session: the staging tables are temporary tables of this connection.
    max: 1,
    idle_timeout: 0,
    connect_timeout: 10,
    onnotice: () => {},
    // TCP_NODELAY: without it each COPY's last message waits for a delayed ACK (~40 ms a statement).
    socket: ({ host, port }: { host: string[]; port: number[] }) =>
      new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect({ host: host[0], port: port[0], noDelay: true });
        s.once("connect", () => resolve(s));
        s.once("error", reject);
      }),
    connection: {
      application_name: "tamkin-bench",
      "app.maintenance": "on",
      statement_timeout: 0,
      lock_timeout: 0,
      idle_in_transaction_session_timeout: 0,
      // Each chunk commits on its own; losing the last ones in a crash is harmless (--reset).
      synchronous_commit: "off",
      temp_buffers: "256MB",
      work_mem: "64MB",
      maintenance_work_mem: "512MB",
    } as Record<string, string | number>,
  };
  // `socket` (a connected socket of our own) is supported by the driver but missing from its types.
  const connect = () => postgres(opts.url, options as postgres.Options<Record<string, postgres.PostgresType>>);
  const sql = connect();
  const others: postgres.Sql[] = [];
  try {
    const [{ migrated }] = await sql<{ migrated: boolean }[]>`
      select to_regclass('public.ledger_entries') is not null and to_regprocedure('public.app_is_maintenance()') is not null as migrated`;
    if (!migrated) throw new Error("the database is not migrated: run `npm run db:migrate` first");
    const [{ maintenance }] = await sql<{ maintenance: boolean }[]>`select app_is_maintenance() as maintenance`;
    if (!maintenance) throw new Error("connect as the database owner (DATABASE_OWNER_URL): maintenance mode is refused to other roles");

    const [existing] = await sql<{ orgs: number; users: number; places: number }[]>`
      select (select count(*)::int from organisations where slug like 'b-%') as orgs,
        (select count(*)::int from users where lower(email) ~ '^(admin|editor|viewer)@b-[a-z0-9-]+\\.bench$') as users,
        (select count(*)::int from places where pcode like 'B-%') as places`;
    let deleted: Record<string, number> = {};
    if (existing.orgs + existing.users + existing.places > 0) {
      if (!opts.reset && !opts.remove) {
        throw new Error(
          `bench data already present (${existing.orgs} organisations b-…, ${existing.users} users …bench, ${existing.places} places B-…): run with --reset to replace it`,
        );
      }
      log("reset: deleting the previous bench data");
      deleted = await resetBench(sql, log);
      log("reset: done");
    }
    if (opts.remove) {
      log(`bench data removed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return { scale: opts.scale, counts: {}, deleted, elapsedMs: performance.now() - t0 };
    }

    const plan = buildPlan(opts.scale);
    const s = plan.scale;
    log(
      `scale ${opts.scale}: ${plan.communes.length} communes, ${plan.communes.reduce((n, c) => n + c.settlements.length, 0)} settlements, ${s.ngos} NGOs, ${s.networks} networks, ${s.groups.toLocaleString("en")} groups, ${s.people.toLocaleString("en")} people, ${s.ledger.toLocaleString("en")} ledger lines`,
    );
    // One hash for every bench account (scrypt is deliberately slow).
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const rowGuards = !!opts.rowGuards;
    const loader = new Loader(sql, SPECS, { chunkRows, log, rowGuards });
    const loaders = [loader];

    skeletonRows(plan, passwordHash, (t, l) => loader.push(t, l));
    await loader.finish();

    const rates = exchangeRates(s.seed);
    const admin = plan.consortium.users.admin;
    let insertedRates = 0;
    for (const [i, r] of rates.entries()) {
      try {
        const res = await sql`
          insert into exchange_rates (id, valid_from, xof_per_mru, source, set_by_org_id, set_by_user_id, created_at)
          values (${benchId("exchange_rates", i + 1)}, ${r.validFrom}, ${r.xofPerMru}, ${"Banc d'essai : taux indicatif trimestriel"},
            ${plan.consortium.id}, ${admin}, ${`${r.validFrom} 09:00:00+00`})
          on conflict (valid_from) do nothing`;
        insertedRates += res.count;
      } catch (err) {
        // A new rate may not change the converted totals of a quarter someone locked (0013).
        if ((err as { code?: string }).code !== "TK002") throw err;
      }
    }
    if (insertedRates < rates.length) {
      log(
        `exchange_rates: ${rates.length - insertedRates} of the ${rates.length} quarterly rates not added (a rate already on that date, or one that would change a quarter locked by another organisation); rates are global, so other data's conversions use the bench rates too`,
      );
    }

    for (const g of plan.groups) {
      loader.push(
        "groups",
        `${g.id}\t${plan.ngos[g.ngo].id}\t${nul(g.networkOrgId)}\t${g.activity}\t${g.settlement.id}\t${esc(g.name)}\t${monthIso(g.startMonth)}\t${g.capital}\t${g.capitalCurrency}\t${g.status}\t${g.profitRule}\t${tsOf(dayOfMonthIndex(g.startMonth) - 10, 36_000)}\n`,
      );
    }
    await loader.finish();

    // The groups' rows and the communes' rows, in parallel on PARTITIONS connections: partition k
    // takes a contiguous run of NGOs (about 1/PARTITIONS of the ledger) and of communes, and
    // numbers its rows from k·2^40, so that the ids never depend on timing.
    const parts = partitionPlan(plan, PARTITIONS);
    await Promise.all(
      parts.map(async (part, k) => {
        let l = loader;
        if (k > 0) {
          const c = connect();
          others.push(c);
          l = new Loader(c, SPECS, { chunkRows, log: (line) => log(`[${k + 1}] ${line}`), rowGuards });
          loaders.push(l);
        }
        const ids = new IdCounters(k * PARTITION_SPAN);
        const push = (t: string, line: string) => l.push(t, line);
        const ctx = { seed: s.seed, ngos: plan.ngos, ids, push };
        for (const [i, g] of part.groups.entries()) {
          groupRows(ctx, g);
          if (l.full) await l.flush();
          else if (i % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
        }
        for (const c of part.communes) {
          cohesionRows(plan, c, ids, push);
          if (c.priceCommittee) priceRows(plan, c, ids, push);
          if (l.full) await l.flush();
          else await new Promise((resolve) => setImmediate(resolve));
        }
        await l.finish();
      }),
    );
    // Locks last: the quarters were recorded, evaluated, then locked.
    ngoRows(plan, new IdCounters(PARTITIONS * PARTITION_SPAN), (t, line) => loader.push(t, line));
    await loader.finish();

    await verifyBench(sql, log);
    // The summaries were updated once per chunk (an upsert per key): vacuum them, as autovacuum
    // would on a live server, so that reads are not measured over their dead row versions.
    log("vacuum the summaries, analyze");
    await sql.unsafe(
      `vacuum (analyze) public.ledger_rollups, public.ledger_cube, public.ledger_ngo_months, public.ledger_network_months, public.ledger_group_sales_years`,
    );
    const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' order by 1`;
    await sql.unsafe(`analyze ${tables.map((t) => `public."${t.name}"`).join(", ")}`);

    const counts: Record<string, number> = {};
    const statementMs: Record<string, number> = {};
    for (const l of loaders) {
      for (const [table, st] of l.stats) {
        if (st.rows === 0) continue;
        counts[table] = (counts[table] ?? 0) + st.rows;
        statementMs[table] = (statementMs[table] ?? 0) + st.ms;
      }
    }
    counts.exchange_rates = insertedRates;
    const elapsedMs = performance.now() - t0;
    log(`done in ${(elapsedMs / 1000).toFixed(1)} s`);
    const out = opts.log ?? console.log;
    const width = Math.max(...Object.keys(counts).map((k) => k.length));
    out(`  ${"table".padEnd(width)} ${"rows".padStart(12)} ${"statement s".padStart(12)} ${"rows/s".padStart(10)}`);
    for (const [table, n] of Object.entries(counts)) {
      const ms = statementMs[table];
      const cols = ms
        ? `${(ms / 1000).toFixed(1).padStart(12)} ${Math.round(n / (ms / 1000))
            .toLocaleString("en")
            .padStart(10)}`
        : "";
      out(`  ${table.padEnd(width)} ${n.toLocaleString("en").padStart(12)} ${cols}`);
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    out(
      `  ${"total".padEnd(width)} ${total.toLocaleString("en").padStart(12)} rows in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(total / (elapsedMs / 1000)).toLocaleString("en")} rows/s)`,
    );
    return { scale: opts.scale, counts, deleted, elapsedMs };
  } finally {
    for (const c of others) await c.end({ timeout: 5 });
    await sql.end({ timeout: 5 });
  }
}

const dayOfMonthIndex = (mi: number) => Date.UTC(Math.floor(mi / 12), mi % 12, 1) / 86_400_000;
const monthIso = (mi: number) => `${Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, "0")}-01`;

function parseArgs(argv: string[]) {
  let scale: string | undefined;
  let reset = false;
  let rowGuards = false;
  let remove = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--reset") reset = true;
    else if (a === "--row-guards") rowGuards = true;
    else if (a === "--remove") remove = true;
    else if (a === "--scale") scale = argv[++i];
    else if (a.startsWith("--scale=")) scale = a.slice("--scale=".length);
    else if (a === "--help" || a === "-h") scale = "help";
    else throw new Error(`unknown argument ${a}`);
  }
  return { scale, reset, rowGuards, remove };
}

async function main() {
  const { scale: given, reset, rowGuards, remove } = parseArgs(process.argv.slice(2));
  const scale = remove && !given ? "small" : given;
  if (!scale || scale === "help" || !(scale in SCALES)) {
    console.log(
      [
        "usage: npm run bench:data -- --scale small|regional|national [--reset] [--row-guards]",
        "       npm run bench:data -- --remove",
        "  --reset       delete the previous bench data first (other data is kept)",
        "  --remove      only delete the bench data",
        "  --row-guards  keep the per-row guard triggers on while loading (slow; by default their rules are verified in bulk)",
        "DATABASE_OWNER_URL: the owner of a migrated local PostgreSQL database",
      ].join("\n"),
    );
    process.exit(scale === "help" ? 0 : 2);
  }
  const url = process.env.DATABASE_OWNER_URL;
  if (!url) {
    console.error("DATABASE_OWNER_URL is not set (the bench data is for PostgreSQL only, written as the database owner)");
    process.exit(2);
  }
  await generate({ url, scale: scale as ScaleName, reset, rowGuards, remove });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(`[bench] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
