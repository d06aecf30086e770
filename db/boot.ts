import { env, isTrue } from "@/lib/env";
import { openDb, type DbHandle } from "./client";
import { organisations } from "./schema";

/** Open the database; the embedded one is created, migrated and (demo) seeded on first start. */
export async function bootDatabase(): Promise<DbHandle> {
  const e = env();
  const handle = await openDb({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR });
  if (handle.kind === "pglite") await handle.migrate();
  if (isTrue(e.TAMKIN_DEMO_SEED)) {
    const existing = await handle.db.select({ id: organisations.id }).from(organisations).limit(1);
    if (existing.length === 0) {
      const { seedDemo } = await import("./seed/demo");
      await seedDemo(handle.db);
      console.log("[tamkin] demo data seeded");
    }
  }
  return handle;
}
