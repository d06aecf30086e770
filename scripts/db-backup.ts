/**
 * npm run db:backup [file]: PostgreSQL (DATABASE_OWNER_URL, else DATABASE_URL) with pg_dump in
 * custom format as the owner; or the embedded database (PGLITE_DIR; stop the server first).
 */
import { backupPglite, backupPostgres } from "../db/backup";
import { env, ownerDatabaseUrl } from "../lib/env";

const e = env();
const ownerUrl = ownerDatabaseUrl(e);
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = process.argv[2] ?? `backups/tamkin-${stamp}.${ownerUrl ? "dump" : "tar.gz"}`;
if (ownerUrl) backupPostgres(ownerUrl, file);
else await backupPglite(e.PGLITE_DIR, file);
console.log(`[tamkin] backup written to ${file}`);
