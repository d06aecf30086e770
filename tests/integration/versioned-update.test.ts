import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { groups } from "@/db/schema";
import { seedDemo, type DemoIds } from "@/db/seed/demo";
import { updateVersioned } from "@/lib/versioned-update";
import { AppError } from "@/lib/errors";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`versioned updates on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;

  beforeAll(async () => {
    db = await createTestDb();
    ids = await seedDemo(db.db);
  });
  afterAll(async () => db?.destroy());

  const scopeOf = (orgId: string) => eq(groups.ngoOrgId, orgId);

  it("of two writers that read the same version, exactly one wins and the other gets a conflict", async () => {
    const id = ids.groups.shops[1];
    const adicor = { orgId: ids.orgs.adicor };
    const [read] = await db.asApp(adicor, (tx) => tx.select().from(groups).where(eq(groups.id, id)));
    const first = await db.asApp(adicor, (tx) =>
      updateVersioned(tx, groups, { id, version: read.version, scope: scopeOf(ids.orgs.adicor) }, { name: "Boutique A" }),
    );
    expect(first.version).toBe(read.version + 1);
    const second = db.asApp(adicor, (tx) =>
      updateVersioned(tx, groups, { id, version: read.version, scope: scopeOf(ids.orgs.adicor) }, { name: "Boutique B" }),
    );
    await expect(second).rejects.toMatchObject({ code: "conflict", messageKey: "conflict" });
    const [after] = await db.db.select().from(groups).where(eq(groups.id, id));
    expect(after).toMatchObject({ name: "Boutique A", version: read.version + 1 });
  });

  it("answers not found for another tenant's record, whatever the version", async () => {
    const id = ids.groups.shops[2];
    const other = { orgId: ids.orgs["ong-sahel"] };
    const attempt = db.asApp(other, (tx) => updateVersioned(tx, groups, { id, version: 1, scope: scopeOf(ids.orgs["ong-sahel"]) }, { name: "x" }));
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
  });
});
