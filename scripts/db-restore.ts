/**
 * npm run db:restore <file>: into an EMPTY PostgreSQL database (DATABASE_OWNER_URL; the
 * application role of DATABASE_URL is granted again), or into a NEW embedded data folder
 * (PGLITE_DIR, which must not exist yet).
 */
import { restorePglite, restorePostgres } from "../db/backup";
import { grantAppRole } from "../db/grants";
import { env, ownerDatabaseUrl } from "../lib/env";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
const e = env();
const ownerUrl = ownerDatabaseUrl(e);
if (ownerUrl) {
  restorePostgres(ownerUrl, file);
  if (e.DATABASE_URL && e.DATABASE_OWNER_URL) {
    const appRole = decodeURIComponent(new URL(e.DATABASE_URL).username);
    if (appRole !== decodeURIComponent(new URL(ownerUrl).username)) await grantAppRole(ownerUrl, appRole);
  }
} else {
  await restorePglite(file, e.PGLITE_DIR);
}
console.log(`[tamkin] restored from ${file}`);
