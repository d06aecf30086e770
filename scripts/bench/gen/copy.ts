/**
 * Bulk loading through COPY. Row-level security is FORCEd on the tenant tables and PostgreSQL
 * refuses COPY FROM into a table under row-level security ("COPY FROM not supported with
 * row-level security"), even for the owner in maintenance mode. So each chunk is COPYed into a
 * temporary staging table of the same columns (no policies, no indexes, no WAL), then moved with
 * one `INSERT … SELECT` per chunk: the maintenance policy, every constraint, foreign key and
 * trigger of the real table apply, and statement-level triggers fire once per chunk.
 *
 * Rows are tab-separated text lines (PostgreSQL's text format: `\N` for null, backslash escapes).
 * A chunk holds at most `chunkRows` rows of a table. While PostgreSQL works on one chunk, the
 * generator fills the next one (one flush in flight at a time).
 *
 * Row-level guard triggers whose rule the generator guarantees and the loader verifies over the
 * whole data set afterwards (BULK_CHECKED, see gen/verify.ts) are switched off inside the chunk's
 * own transaction and on again before its COMMIT: ALTER TABLE … DISABLE TRIGGER takes a SHARE ROW
 * EXCLUSIVE lock, so no other session writes the table meanwhile, and none ever sees the trigger
 * off. Everything else fires: foreign keys, checks, unique indexes, the statement-level triggers
 * that keep the rollups.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";

/** Text-format escaping of a value. */
export function esc(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : s;
}
/** A nullable field. */
export const nul = (v: string | number | null | undefined) => (v === null || v === undefined ? "\\N" : typeof v === "number" ? String(v) : esc(v));

export interface TableSpec {
  name: string;
  /** Columns written, in the order of the fields; a trailing "?" marks one the target may lack. */
  columns: string[];
}

/** A table's rows of the next chunk: text written straight into off-heap blocks. */
interface Pending {
  spec: TableSpec;
  blocks: Buffer[];
  /** The block being filled and how much of it is used. */
  block: Buffer | null;
  used: number;
  rows: number;
}

const BLOCK = 4 << 20;

/**
 * Trigger functions of per-row guards that cost milliseconds a row when run by the owner (each
 * looks the group up under row-level security, see the report in gen/verify.ts) and whose rules
 * hold by construction and are verified in bulk: quarter locks (the bench NGOs' locks are written
 * last), manager terms without overlap, repayments on or after their credit, price versions
 * superseding the same product.
 */
const DEBUG = !!process.env.BENCH_DEBUG;

export const BULK_CHECKED = [
  "tamkin_quarter_guard",
  "tamkin_follow_up_visit_open",
  "tamkin_manager_terms_no_overlap",
  "tamkin_repayment_fits_credit",
  "tamkin_prices_supersede_same_product",
];

interface Prepared {
  stage: string;
  copyColumns: string;
  insertColumns: string;
  guards: string[];
}

export interface TableStats {
  rows: number;
  ms: number;
}

export class Loader {
  private buffers = new Map<string, Pending>();
  private prepared = new Map<string, Prepared>();
  private pending: Promise<void> = Promise.resolve();
  private failed: Error | null = null;
  readonly stats = new Map<string, TableStats>();
  private lastReport = new Map<string, number>();
  /** The number of rows of the fullest buffer. */
  private fullest = 0;

  constructor(
    private sql: postgres.Sql,
    specs: TableSpec[],
    private opts: { chunkRows: number; log: (line: string) => void; rowGuards: boolean },
  ) {
    for (const spec of specs) {
      this.buffers.set(spec.name, { spec, blocks: [], block: null, used: 0, rows: 0 });
      this.stats.set(spec.name, { rows: 0, ms: 0 });
    }
  }

  /**
   * Add one line (fields joined by tabs, ending with a newline) to a table. The line is written at
   * once into a 4 MiB block outside the JavaScript heap, so that the garbage collector never copies
   * the buffered rows (it did, at half the generation time, while they were strings).
   */
  push(table: string, line: string) {
    const b = this.buffers.get(table);
    if (!b) throw new Error(`unknown table ${table}`);
    const room = line.length * 3;
    if (!b.block || b.used + room > b.block.length) {
      if (b.block) b.blocks.push(b.block.subarray(0, b.used));
      b.block = Buffer.allocUnsafe(Math.max(BLOCK, room));
      b.used = 0;
    }
    b.used += b.block.write(line, b.used, "utf8");
    b.rows += 1;
    if (b.rows > this.fullest) this.fullest = b.rows;
  }

  get full() {
    return this.fullest >= this.opts.chunkRows;
  }

  /** Start writing everything buffered (tables in the order given), after the previous flush. */
  async flush(): Promise<void> {
    const batch: Pending[] = [];
    for (const [name, b] of this.buffers) {
      if (b.rows === 0) continue;
      if (b.block && b.used > 0) b.blocks.push(b.block.subarray(0, b.used));
      batch.push({ ...b, block: null });
      this.buffers.set(name, { spec: b.spec, blocks: [], block: null, used: 0, rows: 0 });
    }
    this.fullest = 0;
    await this.pending;
    if (this.failed) throw this.failed;
    this.pending = this.write(batch).catch((err) => {
      this.failed = err instanceof Error ? err : new Error(String(err));
    });
  }

  /** Flush and wait until everything is written. */
  async finish(): Promise<void> {
    await this.flush();
    await this.pending;
    if (this.failed) throw this.failed;
  }

  /** Staging table, the columns the target has, and the guards to switch off, once per table. */
  private async prepare(spec: TableSpec): Promise<Prepared> {
    let p = this.prepared.get(spec.name);
    if (p) return p;
    const name = spec.name;
    const wanted = spec.columns.map((c) => c.replace(/\?$/, ""));
    const present = new Set(
      (
        await this.sql<{ name: string }[]>`
        select attname as name from pg_attribute where attrelid = ${name}::regclass and attnum > 0 and not attisdropped`
      ).map((r) => r.name),
    );
    const missing = spec.columns.filter((c) => !c.endsWith("?") && !present.has(c));
    if (missing.length > 0) throw new Error(`${name} has no column ${missing.join(", ")}: is the database migrated?`);
    const existing = wanted.filter((c) => present.has(c));
    const stage = `bench_stage_${name}`;
    await this.sql.unsafe(`drop table if exists ${stage}`);
    await this.sql.unsafe(`create temp table ${stage} as select ${existing.join(", ")} from ${name} with no data`);
    // An optional column the target lacks (a schema still moving) is staged and left out.
    for (const c of wanted) if (!present.has(c)) await this.sql.unsafe(`alter table ${stage} add column ${c} text`);
    p = {
      stage,
      copyColumns: wanted.join(", "),
      insertColumns: existing.join(", "),
      guards: this.opts.rowGuards ? [] : await rowGuardsOf(this.sql, name),
    };
    this.prepared.set(name, p);
    return p;
  }

  /**
   * The tables of a flush, in order, in a few transactions: consecutive tables without guards to
   * switch off share one (so that deferred constraint triggers, e.g. "a price notice names a
   * village", see the rows of the next table), and each table with guards has its own, short one:
   * DISABLE TRIGGER locks the table against other writers (the other loading connection too)
   * until COMMIT. Guards go back on after the deferred triggers have fired.
   */
  private async write(batch: Pending[]) {
    const prepared: Prepared[] = [];
    for (const b of batch) prepared.push(await this.prepare(b.spec));
    const times: number[] = [];
    const segments: number[][] = [];
    prepared.forEach((p, i) => {
      const last = segments[segments.length - 1];
      if (p.guards.length === 0 && last && prepared[last[0]].guards.length === 0) last.push(i);
      else segments.push([i]);
    });
    for (const segment of segments) {
      await this.sql.begin(async (tx) => {
        const toggled: [string, string][] = [];
        for (const i of segment) {
          const b = batch[i];
          const p = prepared[i];
          const t0 = performance.now();
          const { name } = b.spec;
          for (const g of p.guards) {
            await tx.unsafe(`alter table ${name} disable trigger ${g}`);
            toggled.push([name, g]);
          }
          const writable = await tx.unsafe(`copy ${p.stage} (${p.copyColumns}) from stdin`).writable();
          await pipeline(Readable.from(b.blocks), writable);
          const t1 = performance.now();
          await tx.unsafe(`insert into ${name} (${p.insertColumns}) select ${p.insertColumns} from ${p.stage}`);
          await tx.unsafe(`truncate ${p.stage}`);
          if (DEBUG) this.opts.log(`  ${name}: copy ${(t1 - t0).toFixed(0)} ms, insert ${(performance.now() - t1).toFixed(0)} ms`);
          times[i] = performance.now() - t0;
        }
        if (toggled.length > 0) {
          // ALTER TABLE refuses a table with pending (deferred) trigger events: fire them first.
          await tx.unsafe("set constraints all immediate");
          for (const [name, g] of toggled) await tx.unsafe(`alter table ${name} enable trigger ${g}`);
        }
      });
      this.report(
        segment.map((i) => batch[i]),
        segment.map((i) => times[i]),
      );
    }
  }

  /** Count the committed rows; a progress line per table chunk of some size (or every 10 s). */
  private report(batch: Pending[], times: number[]) {
    for (const [i, b] of batch.entries()) {
      const { name } = b.spec;
      const s = this.stats.get(name)!;
      const ms = times[i];
      s.rows += b.rows;
      s.ms += ms;
      const last = this.lastReport.get(name);
      const now = performance.now();
      if (b.rows >= 20_000 || last === undefined || now - last > 10_000) {
        this.lastReport.set(name, now);
        this.opts.log(
          `${name.padEnd(24)} ${s.rows.toLocaleString("en").padStart(12)} rows  ${Math.round(b.rows / (ms / 1000))
            .toLocaleString("en")
            .padStart(9)} rows/s (chunk of ${b.rows.toLocaleString("en")})`,
        );
      }
    }
  }
}

/** Enabled row-level triggers of a table that run one of the BULK_CHECKED functions. */
export async function rowGuardsOf(sql: postgres.Sql | postgres.TransactionSql, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select t.tgname as name from pg_trigger t join pg_proc p on p.oid = t.tgfoid
    where t.tgrelid = ${table}::regclass and not t.tgisinternal and t.tgenabled <> 'D' and (t.tgtype & 1) = 1
      and p.proname in ${sql(BULK_CHECKED)}
    order by 1`;
  return rows.map((r) => `"${r.name.replace(/"/g, '""')}"`);
}
