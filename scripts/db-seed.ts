/** Load the demo data into an empty database (refuses when organisations already exist). */
import { openDb } from "../db/client";
import { env, ownerDatabaseUrl } from "../lib/env";
import { organisations } from "../db/schema";
import { seedDemo } from "../db/seed/demo";

const e = env();
const url = ownerDatabaseUrl(e);
// The owner writes across tenants only in explicit maintenance mode (see db/migrations/0008_rls.sql).
const handle = await openDb({ url, dataDir: e.PGLITE_DIR, maintenance: true, max: 1 });
const existing = await handle.db.select({ id: organisations.id }).from(organisations).limit(1);
if (existing.length > 0) {
  console.log("[tamkin] the database already holds organisations; demo seed skipped");
} else {
  await seedDemo(handle.db);
  console.log(`[tamkin] demo data seeded (${handle.kind})`);
}
await handle.close();
