/**
 * The dashboards' loaders run in-process as the application role under a tenant context, the way
 * their pages run them: every statement is counted and captured, then explained with
 * EXPLAIN (ANALYZE, BUFFERS) under the same context, so the benchmark shows which index serves
 * each figure. Run with `node --conditions=react-server --import tsx` (server-only resolves empty).
 */
import postgres from "postgres";
import type { Tx } from "@/db/client";
import { loadDashboard, loadTotals, TOP_VILLAGES } from "@/lib/groups/dashboard";
import { listDeclaredVsRecorded } from "@/lib/groups/declared";
import { listGroupFilterOptions } from "@/lib/groups/queries";
import { loadCompareTable } from "@/lib/compare/table";
import { compareParams } from "@/lib/compare/params";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import type { Reader } from "@/lib/privacy/suppress";
import { sql } from "drizzle-orm";

export interface LoaderReport {
  page: string;
  org: string;
  statements: number;
  loaderP95Ms: number;
  /** Set when a run or a plan hit the statement timeout: the page cannot be served at this scale. */
  error?: string;
  plans: { query: string; executionMs: number; plan: string }[];
}

const t = ((key: string) => key) as never;

export const dashboardLoaders: Record<string, (tx: Tx, org: TenantOrg, reader: Reader) => Promise<unknown>> = {
  dashboard: async (tx, org) => {
    await loadDashboard(tx, org, {}, "fr", { villageLimit: TOP_VILLAGES });
    await loadTotals(tx, org, { kind: "individual" });
    await listDeclaredVsRecorded(tx, org);
    await listGroupFilterOptions(tx, org);
  },
  compare: async (tx, org, reader) => {
    // The page shows the other columns when a set outruns the timeout; the benchmark reports it.
    const { unavailable } = await loadCompareTable(tx, org, reader, compareParams({}), t, (x: string) => x);
    if (unavailable.length > 0) throw new Error(`columns not computed within the statement timeout: ${unavailable.join(", ")}`);
  },
};

/**
 * `timeoutMs` bounds every statement (as the application's statement timeout does): a loader that
 * exceeds it is reported with its error instead of holding the benchmark for minutes.
 */
export async function explainLoaders(
  appUrl: string,
  cases: { page: string; org: TenantOrg; userId: string }[],
  runs: number,
  timeoutMs = 15_000,
): Promise<LoaderReport[]> {
  let captured: { query: string; params: unknown[] }[] = [];
  let capturing = false;
  // The drizzle logger gives the query text and its parameters.
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(appUrl, { max: 2, onnotice: () => {}, prepare: false, connection: { jit: "off" } });
  const schema = await import("@/db/schema");
  const db = drizzle(client, {
    schema,
    logger: {
      logQuery(query: string, params: unknown[]) {
        if (capturing) captured.push({ query, params });
      },
    },
  });
  const out: LoaderReport[] = [];
  try {
    for (const c of cases) {
      const load = dashboardLoaders[c.page];
      const reader: Reader = { orgType: c.org.type, canSeePeople: false };
      const times: number[] = [];
      const context = sql`select set_config('app.org_id', ${c.org.id}, true), set_config('app.user_id', ${c.userId}, true),
        set_config('statement_timeout', ${String(timeoutMs)}, true), set_config('work_mem', '16MB', true)`;
      let error: string | undefined;
      for (let i = 0; i < (c.page === "compare" ? Math.min(runs, 2) : runs) && !error; i++) {
        captured = [];
        const t0 = performance.now();
        try {
          await db.transaction(async (tx) => {
            await tx.execute(context);
            capturing = true;
            await load(tx, c.org, reader);
          });
          times.push(performance.now() - t0);
        } catch (e) {
          error = `statement ${captured.length} stopped after ${Math.round(performance.now() - t0)} ms: ${(e as Error).message.slice(0, 80)}`;
        } finally {
          capturing = false;
        }
      }
      const statements = captured.length;
      const plans: LoaderReport["plans"] = [];
      // Each distinct statement once (a loop shows as many copies of one text), each in its own
      // transaction so that one over the timeout does not hide the others' plans.
      const distinct = [...new Map(captured.map((q) => [q.query, q])).values()].slice(0, 40);
      for (const q of distinct) {
        const query = q.query.replace(/\s+/g, " ").slice(0, 160);
        try {
          await client.begin(async (tx) => {
            await tx`select set_config('app.org_id', ${c.org.id}, true), set_config('app.user_id', ${c.userId}, true),
              set_config('statement_timeout', ${String(timeoutMs)}, true), set_config('work_mem', '16MB', true)`;
            const rows = await tx.unsafe(`explain (analyze, buffers) ${q.query}`, q.params as never[]);
            const plan = rows.map((r) => Object.values(r)[0] as string).join("\n");
            const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
            plans.push({ query, executionMs: ms, plan });
          });
        } catch (e) {
          plans.push({ query, executionMs: timeoutMs, plan: `not explained: ${(e as Error).message}` });
        }
      }
      times.sort((a, b) => a - b);
      const p95 = times.length ? times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)] : NaN;
      out.push({ page: c.page, org: c.org.slug, statements, loaderP95Ms: p95, plans, error });
    }
  } finally {
    await client.end();
  }
  return out;
}
