import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditLog, groups, memberships } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { readRoleFacts, roleProblems } from "@/db/app-role";
import type { Tx } from "@/db/client";
import { backend, createTestDb, type TestDb } from "../test-db";
import { rlsProblems, tenantTables } from "../security/catalog";
import { sqlState } from "../refusals";

async function count(tx: Tx, table: string): Promise<number> {
  const r = await tx.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return ((r as { rows?: { n: number }[] }).rows ?? (r as { n: number }[]))[0].n;
}

describe(`row-level security catalogue on ${backend}`, () => {
  let db: TestDb;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
  });
  afterAll(async () => db?.destroy());

  it("protects every table with an organisation column: ENABLE, FORCE, USING and WITH CHECK policies", async () => {
    const tables = await tenantTables(db.db);
    expect(tables).toEqual(expect.arrayContaining(["audit_log", "consortium_members", "groups", "memberships", "org_communes"]));
    expect(await rlsProblems(db.db)).toEqual([]);
  });

  it("fails on a new unprotected table or an unsafe view (the check itself can fail)", async () => {
    await db.db
      .transaction(async (tx) => {
        await tx.execute(sql`create table rls_probe (id int, owner_org_id uuid, group_id uuid)`);
        await tx.execute(sql`create view rls_probe_view as select * from groups`);
        const problems = await rlsProblems(tx);
        expect(problems).toEqual(
          expect.arrayContaining([
            "rls_probe: row-level security not enabled",
            "rls_probe: row-level security not forced",
            "rls_probe: no policy with USING for the application",
            "rls_probe_view: view without security_invoker bypasses row-level security",
            "rls_probe: no restrictive rls_probe_manager policy (a group manager would read every group)",
          ]),
        );
        await tx.execute(sql`select app_tenant_table('rls_probe', 'owner_org_id')`);
        await tx.execute(
          sql`create policy rls_probe_manager on rls_probe as restrictive for all using ((select app_current_group()) is null or group_id = (select app_current_group())) with check (true)`,
        );
        await tx.execute(sql`alter view rls_probe_view set (security_invoker = true)`);
        expect(await rlsProblems(tx)).toEqual([]);
        tx.rollback();
      })
      .catch((e) => {
        if (!/rollback/i.test(e instanceof Error ? e.message : String(e))) throw e;
      });
  });

  it("the application role is no superuser, owner or BYPASSRLS; the owner and superuser are refused", async () => {
    const app = await db.asApp({}, (tx) => readRoleFacts(tx));
    expect(roleProblems(app)).toEqual([]);
    expect(roleProblems(await readRoleFacts(db.db)).length).toBeGreaterThan(0);
  });
});

describe(`tenant isolation as the application role on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const org = (slug: keyof DemoIds["orgs"]) => ({ orgId: ids.orgs[slug] });

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
  });
  afterAll(async () => db?.destroy());

  it("sees nothing without a tenant context, even claiming maintenance", async () => {
    for (const t of ["groups", "memberships", "audit_log", "consortium_members", "org_communes"]) {
      expect(await db.asApp({}, (tx) => count(tx, t)), t).toBe(0);
      expect(
        await db.asApp({}, async (tx) => {
          await tx.execute(sql`select set_config('app.maintenance', 'on', true)`);
          return count(tx, t);
        }),
        `${t} with app.maintenance`,
      ).toBe(0);
    }
  });

  it("reads groups by ownership, consortium, network and territory; never another tenant's", async () => {
    const visible = async (slug: keyof DemoIds["orgs"]) => db.asApp(org(slug), (tx) => count(tx, "groups"));
    // Merged demo data: ADICOR supports 124 groups (in Fassala), ONG Sahel 3 (in Bassikounou),
    // ONG Tadamoun 3 (in Fassala, outside the consortium). Exactly the application's group scope
    // (lib/groups/scope.ts): before migration 0034 a network read every group of its communes and
    // an NGO every group of the communes it works in.
    expect(await visible("adicor")).toBe(124); // owner: not ONG Tadamoun's, in the same commune
    expect(await visible("tadamoun")).toBe(3); // owner: not ADICOR's, in the same commune
    expect(await visible("acor")).toBe(127); // consortium over its members (not ONG Tadamoun)
    expect(await visible("fassala")).toBe(127); // commune: the villages of its territory
    expect(await visible("femmes-fassala")).toBe(16); // network: its affiliated groups only
    expect(await visible("ong-sahel")).toBe(3); // another NGO, another commune: only its own
    expect(await visible("bassikounou")).toBe(3);
    const adicorSeenBy = (slug: keyof DemoIds["orgs"]) =>
      db.asApp(org(slug), async (tx) => {
        const r = await tx.execute(sql`select count(*)::int as n from groups where ngo_org_id = ${ids.orgs.adicor}`);
        return ((r as { rows?: { n: number }[] }).rows ?? (r as { n: number }[]))[0].n;
      });
    expect(await adicorSeenBy("ong-sahel")).toBe(0);
    expect(await adicorSeenBy("bassikounou")).toBe(0);
  });

  it("cannot change, delete, create or move another tenant's rows", async () => {
    const target = ids.groups.shops[0];
    const other = org("ong-sahel");
    const updated = await db.asApp(other, (tx) => tx.update(groups).set({ name: "pwned" }).where(eq(groups.id, target)).returning({ id: groups.id }));
    expect(updated).toEqual([]);
    const deleted = await db.asApp(other, (tx) => tx.delete(groups).where(eq(groups.id, target)).returning({ id: groups.id }));
    expect(deleted).toEqual([]);
    // A reader (the commune) may read but not write.
    expect(await db.asApp(org("fassala"), (tx) => tx.update(groups).set({ name: "pwned" }).where(eq(groups.id, target)).returning({ id: groups.id }))).toEqual(
      [],
    );
    const insert = (ctx: { orgId: string }) =>
      db.asApp(ctx, (tx) =>
        tx.insert(groups).values({
          ngoOrgId: ids.orgs.adicor,
          activityType: "shop",
          villageId: ids.places.settlements["Tenhamed"],
          name: "forged",
          startDate: "2024-01-01",
        }),
      );
    expect(await sqlState(insert(other))).toBe("42501");
    // The owner cannot hand its row to another tenant either.
    expect(await sqlState(db.asApp(org("adicor"), (tx) => tx.update(groups).set({ ngoOrgId: ids.orgs["ong-sahel"] }).where(eq(groups.id, target))))).toBe(
      "42501",
    );
    const [row] = await db.db.select().from(groups).where(eq(groups.id, target));
    expect(row.name).toBe("Boutique communautaire de Fassala");
    expect(row.ngoOrgId).toBe(ids.orgs.adicor);
    // ...while the owner itself may write.
    expect(await sqlState(insert(org("adicor")))).toBeNull();
  });

  it("keeps memberships and the audit trail inside their organisation", async () => {
    expect(await db.asApp(org("ong-sahel"), (tx) => count(tx, "memberships"))).toBe(3);
    const [adicorMember] = await db.db.select().from(memberships).where(eq(memberships.orgId, ids.orgs.adicor)).limit(1);
    expect(
      await sqlState(db.asApp(org("ong-sahel"), (tx) => tx.insert(memberships).values({ userId: adicorMember.userId, orgId: ids.orgs.adicor, role: "admin" }))),
    ).toBe("42501");
    const changed = await db.asApp(org("ong-sahel"), (tx) =>
      tx.update(memberships).set({ role: "viewer" }).where(eq(memberships.id, adicorMember.id)).returning(),
    );
    expect(changed).toEqual([]);
    // A user context alone shows that user's own memberships, nobody else's.
    expect(await db.asApp({ userId: adicorMember.userId }, (tx) => count(tx, "memberships"))).toBe(1);

    await db.asApp(org("adicor"), (tx) => tx.insert(auditLog).values({ orgId: ids.orgs.adicor, action: "probe", entity: "test" }));
    expect(await sqlState(db.asApp(org("ong-sahel"), (tx) => tx.insert(auditLog).values({ orgId: ids.orgs.adicor, action: "forged", entity: "test" })))).toBe(
      "42501",
    );
    expect(await db.asApp(org("ong-sahel"), (tx) => count(tx, "audit_log"))).toBe(0);
    expect(await db.asApp(org("adicor"), (tx) => count(tx, "audit_log"))).toBe(1);
  });

  it("lets the application role only append to the audit trail: update, delete and truncate fail", async () => {
    const ctx = org("adicor");
    // eslint-disable-next-line drizzle/enforce-update-with-where -- every row on purpose: the database must refuse it
    expect(await sqlState(db.asApp(ctx, (tx) => tx.update(auditLog).set({ action: "rewritten" })))).toBe("42501");
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- every row on purpose: the database must refuse it
    expect(await sqlState(db.asApp(ctx, (tx) => tx.delete(auditLog)))).toBe("42501");
    expect(await sqlState(db.asApp(ctx, (tx) => tx.execute(sql`truncate audit_log`)))).toBe("42501");
    // The owner too is stopped by the trigger.
    expect(await sqlState(db.db.execute(sql`truncate audit_log`))).not.toBeNull();
    // eslint-disable-next-line drizzle/enforce-update-with-where -- every row on purpose: the trigger must refuse it
    expect(await sqlState(db.db.update(auditLog).set({ action: "rewritten" }))).not.toBeNull();
  });
  it("isolates the areas' tables: group business through the group, prices by commune, cohesion and coaching", async () => {
    const n = (slug: keyof DemoIds["orgs"], table: string) => db.asApp(org(slug), (tx) => count(tx, table));
    const all = (table: string) => count(db.db as unknown as Tx, table);
    // Group business: ADICOR's ledger is read with its groups (owner, commune, consortium), never by ONG Sahel.
    for (const t of ["ledger_entries", "group_memberships"]) {
      const total = await all(t);
      expect(await n("ong-sahel", t), `${t} seen by ong-sahel`).toBeLessThan(total);
      expect(await n("adicor", t), `${t} seen by adicor`).toBeGreaterThan(0);
      expect(await n("fassala", t), `${t} seen by fassala`).toBeGreaterThan(0);
      expect(await n("bassikounou", t), `${t} seen by bassikounou`).toBeLessThan(await n("fassala", t));
    }
    // People are their NGO's alone (migration 0035): the commune reading their groups sees none.
    expect(await n("adicor", "people")).toBeGreaterThan(0);
    expect(await n("adicor", "people")).toBeLessThan(await all("people"));
    expect(await n("fassala", "people")).toBe(0);
    // A commune reads a group's ledger but cannot write it.
    const target = ids.groups.shops[0];
    expect(
      await sqlState(
        db.asApp(org("fassala"), (tx) =>
          tx.execute(
            sql`insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency) values (${ids.orgs.adicor}, ${target}, 'sale', '2025-01-01', 1, 'XOF')`,
          ),
        ),
      ),
    ).not.toBeNull();
    // Prices: Fassala's sessions are read by Fassala and ADICOR (which works there), not by Bassikounou or ONG Sahel.
    const fassalaSessions = await db.asApp(org("fassala"), (tx) => count(tx, "price_sessions"));
    expect(fassalaSessions).toBeGreaterThan(0);
    expect(await n("adicor", "price_sessions")).toBe(fassalaSessions);
    expect(await n("ong-sahel", "price_sessions")).toBe(await n("bassikounou", "price_sessions"));
    // Nothing without a tenant context.
    for (const t of [
      "ledger_entries",
      "people",
      "price_sessions",
      "price_settings",
      "cohesion_surveys",
      "coaching_visits",
      "quarter_locks",
      "exchange_rates",
    ]) {
      expect(await db.asApp({}, (tx) => count(tx, t)), `${t} without a tenant`).toBe(0);
    }
    // Cohesion and coaching: ONG Sahel sees none of ADICOR's coaching visits.
    expect(await n("adicor", "coaching_visits")).toBeGreaterThan(0);
    expect(
      await db.asApp(org("ong-sahel"), async (tx) => {
        const r = await tx.execute(sql`select count(*)::int as n from coaching_visits where ngo_org_id = ${ids.orgs.adicor}`);
        return ((r as { rows?: { n: number }[] }).rows ?? (r as { n: number }[]))[0].n;
      }),
    ).toBe(0);
    // The public board lookup returns a commune only for an enabled board's token.
    const board = (token: string) =>
      db.asApp({}, async (tx) => {
        const r = await tx.execute(sql`select app_board_commune(${token}) as id`);
        return ((r as { rows?: { id: string | null }[] }).rows ?? (r as { id: string | null }[]))[0].id;
      });
    expect(await board("no-such-token-000000000000")).toBeNull();
  });
});
