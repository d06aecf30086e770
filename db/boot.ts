import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { assertAppRole } from "./app-role";
import { openDb, type DbHandle } from "./client";
import { organisations } from "./schema";

async function seedIfEmpty(handle: DbHandle, ownerUrl: string | undefined): Promise<void> {
  const existing = await handle.db.select({ id: organisations.id }).from(organisations).limit(1);
  if (existing.length > 0) return;
  const { seedDemo } = await import("./seed/demo");
  if (handle.kind === "pglite") {
    await seedDemo(handle.db);
  } else {
    // The application role cannot write across tenants: the owner seeds, in maintenance mode.
    if (!ownerUrl) throw new Error("TAMKIN_DEMO_SEED on PostgreSQL needs DATABASE_OWNER_URL (run npm run db:seed instead)");
    const owner = await openDb({ url: ownerUrl, maintenance: true, max: 1 });
    try {
      await seedDemo(owner.db);
    } finally {
      await owner.close();
    }
  }
  logger().info("demo data seeded");
}

/**
 * Open the database; the embedded one is created, migrated and (demo) seeded on first start.
 * Then check that the connection's role is one that row-level security restrains (not a
 * superuser, not an owner, no BYPASSRLS, tenant tables forced), or refuse to serve.
 */
export async function bootDatabase(): Promise<DbHandle> {
  const e = env();
  const handle = await openDb({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR, pooler: e.DATABASE_POOLER });
  if (handle.kind === "pglite") await handle.migrate();
  if (e.TAMKIN_DEMO_SEED) await seedIfEmpty(handle, e.DATABASE_OWNER_URL);
  await handle.useAppRole();
  await assertAppRole(handle.db);
  return handle;
}

/**
 * The read replica for dashboards and exports (DATABASE_READ_URL), checked like the primary;
 * null when there is none. Reads there may lag the primary by the replication delay.
 */
export async function bootReadReplica(): Promise<DbHandle | null> {
  const e = env();
  if (!e.DATABASE_READ_URL || !e.DATABASE_URL) return null;
  const handle = await openDb({ url: e.DATABASE_READ_URL, pooler: e.DATABASE_POOLER });
  await assertAppRole(handle.db);
  return handle;
}
