/**
 * Apply the committed migrations: to PostgreSQL as the owner role (DATABASE_OWNER_URL, else
 * DATABASE_URL), then grant the application role (DATABASE_URL's user) what it may do; or to
 * the embedded database.
 */
import { openDb } from "../db/client";
import { grantAppRole } from "../db/grants";
import { env, ownerDatabaseUrl } from "../lib/env";

const e = env();
const ownerUrl = ownerDatabaseUrl(e);
const handle = await openDb({ url: ownerUrl, dataDir: e.PGLITE_DIR, maintenance: true, max: 1 });
await handle.migrate();
await handle.close();
if (ownerUrl && e.DATABASE_URL) {
  const appRole = decodeURIComponent(new URL(e.DATABASE_URL).username);
  const ownerRole = decodeURIComponent(new URL(ownerUrl).username);
  if (appRole && appRole !== ownerRole) await grantAppRole(ownerUrl, appRole);
}
console.log(`[tamkin] migrations applied (${handle.kind})`);
