/**
 * The list filters' options (issue 10, lists that scale): a consortium's scope spans thousands of
 * villages at national scale, so its village list waits for an NGO once the scope has more than
 * the limit, keeping the village already chosen; with an NGO chosen, the villages are that NGO's.
 * Read as the application role under the tenant context, as the pages read them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { organisations, users } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { Tx } from "@/db/client";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { listGroupFilterOptions } from "@/lib/groups/queries";
import { rowsOf } from "@/lib/groups/scope";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`filter options on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let orgs: Record<string, TenantOrg>;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    const rows = await db.db.select().from(organisations);
    orgs = Object.fromEntries(rows.map((o) => [o.slug, { id: o.id, slug: o.slug, name: o.name, type: o.type }]));
  });
  afterAll(async () => db?.destroy());

  async function asViewer<T>(slug: string, read: (tx: Tx) => Promise<T>) {
    const [u] = await db.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, `viewer@${slug}.demo`));
    return db.asApp({ orgId: orgs[slug].id, userId: u.id }, read);
  }

  /** The villages of an NGO's groups, by the owner (maintenance: every row). */
  async function villagesOf(ngoId: string) {
    const r = rowsOf<{ id: string }>(await db.db.execute(sql`select distinct village_id::text as id from groups where ngo_org_id = ${ngoId}`));
    return r.map((x) => x.id).sort();
  }

  it("lists a consortium's villages under the limit, and only the chosen NGO's once one is chosen", async () => {
    const all = await asViewer("acor", (tx) => listGroupFilterOptions(tx, orgs.acor));
    expect(all.villagesNeedNgo).toBe(false);
    expect(all.villages.length).toBeGreaterThan(3);
    expect(all.ngos.map((n) => n.id)).toContain(ids.orgs.adicor);
    const adicor = await asViewer("acor", (tx) => listGroupFilterOptions(tx, orgs.acor, { ngo: ids.orgs.adicor }));
    expect(adicor.villages.map((v) => v.id).sort()).toEqual(await villagesOf(ids.orgs.adicor));
    // The NGO list stays whole, so that another NGO can be chosen.
    expect(adicor.ngos).toEqual(all.ngos);
  });

  it("over the limit, lists no village until an NGO is chosen, except the one already chosen", async () => {
    const over = await asViewer("acor", (tx) => listGroupFilterOptions(tx, orgs.acor, {}, 2));
    expect(over.villagesNeedNgo).toBe(true);
    expect(over.villages).toEqual([]);
    const chosen = (await villagesOf(ids.orgs.adicor))[0];
    const kept = await asViewer("acor", (tx) => listGroupFilterOptions(tx, orgs.acor, { village: chosen }, 2));
    expect(kept.villages.map((v) => v.id)).toEqual([chosen]);
    // A hostile value is no village.
    const hostile = await asViewer("acor", (tx) => listGroupFilterOptions(tx, orgs.acor, { village: "x'; drop table groups; --", ngo: "\u0000" }, 2));
    expect(hostile.villages).toEqual([]);
  });

  it("never lists another NGO's villages to an NGO", async () => {
    const own = await asViewer("adicor", (tx) => listGroupFilterOptions(tx, orgs.adicor, { ngo: ids.orgs.tadamoun }));
    const theirs = new Set(await villagesOf(ids.orgs.tadamoun));
    const mine = new Set(await villagesOf(ids.orgs.adicor));
    expect(own.villages.filter((v) => theirs.has(v.id) && !mine.has(v.id))).toEqual([]);
    expect(own.ngos.map((n) => n.id)).toEqual([ids.orgs.adicor]);
  });
});
