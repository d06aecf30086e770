import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { eq, sql } from "drizzle-orm";
import { auditLog, groups } from "@/db/schema";
import { seedDemo, type DemoIds } from "@/db/seed/demo";
import { openDb } from "@/db/client";
import { backupPglite, backupPostgres, restorePglite, restorePostgres, tableChecksums } from "@/db/backup";
import { grantAppRole } from "@/db/grants";
import { appUrl, backend, createTestDb, dropTestDatabase, type TestDb } from "../test-db";

describe(`backup and restore on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const dir = mkdtempSync(path.join(os.tmpdir(), "tamkin-backup-"));

  beforeAll(async () => {
    db = await createTestDb({ onDisk: true });
    ids = await seedDemo(db.db);
    await db.db.insert(auditLog).values({ orgId: ids.orgs.adicor, action: "test.backup", entity: "test", after: { note: "عربية ✓ \u200f" } });
  });
  let closed = false;
  afterAll(async () => {
    if (!closed) await db?.destroy();
  });

  it("restores into a fresh database with the same rows and checksum in every table", async () => {
    const before = await tableChecksums(db.db);
    expect(before.groups.rows).toBe(130); // the merged demo data: ADICOR 124, ONG Sahel 3, ONG Tadamoun 3
    expect(before.audit_log.rows).toBeGreaterThan(0);

    if (db.kind === "postgres") {
      const file = path.join(dir, "tamkin.dump");
      backupPostgres(db.ownerUrl!, file);
      const name = `tamkin_restore_${randomBytes(5).toString("hex")}`;
      const target = new URL(db.ownerUrl!);
      const admin = postgres(target.toString(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      target.pathname = `/${name}`;
      try {
        restorePostgres(target.toString(), file);
        const restored = await openDb({ url: target.toString(), maintenance: true, max: 1 });
        expect(await tableChecksums(restored.db)).toEqual(before);
        // Row-level security came back with the data: the owner without maintenance sees nothing.
        await restored.close();
        const plain = await openDb({ url: target.toString(), max: 1 });
        expect(await plain.db.select().from(groups)).toEqual([]);
        await plain.close();
        if (appUrl) {
          await grantAppRole(target.toString(), decodeURIComponent(new URL(appUrl).username));
          const app = new URL(appUrl);
          app.pathname = `/${name}`;
          const appDb = await openDb({ url: app.toString(), max: 1 });
          // Closed before any assertion: the owner cannot end the application role's session.
          const seen = await appDb.db
            .transaction(async (tx) => {
              await tx.execute(sql`select set_config('app.org_id', ${ids.orgs.adicor}, true)`);
              return tx.select().from(groups).where(eq(groups.ngoOrgId, ids.orgs.adicor));
            })
            .finally(() => appDb.close());
          expect(seen).toHaveLength(124); // ADICOR's groups in the merged demo data
        }
      } finally {
        // With retries: an autovacuum worker of the superuser on the restored rows is not the owner's to end.
        await dropTestDatabase(db.ownerUrl!, name);
      }
    } else {
      // The embedded database is backed up while no one has it open.
      await db.close();
      const file = path.join(dir, "tamkin.tar.gz");
      await backupPglite(db.dataDir!, file);
      const restoredDir = path.join(dir, "restored");
      await restorePglite(file, restoredDir);
      await expect(restorePglite(file, restoredDir)).rejects.toThrow(/not empty/);
      const restored = await openDb({ dataDir: restoredDir });
      expect(await tableChecksums(restored.db)).toEqual(before);
      await restored.close();
      closed = true;
    }
  });
});
