/**
 * Recompute the ledger rollups from the rows and report every difference (exit 1 if any).
 * As the owner in maintenance mode, so every tenant's rows are compared.
 */
import { sql } from "drizzle-orm";
import { openDb } from "../db/client";
import { env, ownerDatabaseUrl } from "../lib/env";
import { verifyRollups } from "../lib/rollups/verify";

const e = env();
const url = ownerDatabaseUrl(e);
const handle = await openDb({ url, dataDir: e.PGLITE_DIR, maintenance: true, max: 1 });
try {
  // A full recomputation reads every ledger row: at national scale that is minutes, not the
  // application's 15-second statement bound.
  if (handle.kind === "postgres") await handle.db.execute(sql`set statement_timeout = 0`);
  const started = Date.now();
  const diffs = await verifyRollups(handle.db);
  for (const d of diffs.slice(0, 200)) console.log(`${d.table} ${d.key}: stored ${JSON.stringify(d.stored)} recomputed ${JSON.stringify(d.recomputed)}`);
  if (diffs.length > 200) console.log(`… and ${diffs.length - 200} more`);
  console.log(`[tamkin] rollups verified in ${Date.now() - started} ms: ${diffs.length} difference(s)`);
  process.exitCode = diffs.length === 0 ? 0 : 1;
} finally {
  await handle.close();
}
