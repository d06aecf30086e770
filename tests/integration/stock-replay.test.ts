/**
 * A stock receipt or an item's sale posted twice (a double click without JavaScript, a form sent
 * again after a dropped connection) is recorded once: the stock page's forms carry an idempotency
 * key, the service answers a replay "already recorded", and the database holds one movement per
 * key and group whatever the path. Through the server actions, as the application role; twice
 * in a row and twice at once, with and without an amount.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { groups, ledgerEntries, stockMovements } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { idleState } from "@/lib/action-state";
import { stockItemAction, stockReceiveAction, stockSaleAction } from "@/lib/stock/actions";
import { today } from "@/lib/dates";
import { request } from "../request-scope";
import { sqlState } from "../refusals";
import { serve, signedIn, unserve } from "../serving";
import { backend, createTestDb, type TestDb } from "../test-db";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (orig) => (await import("../request-scope")).session(await orig()));

describe(`stock receipts and sales sent twice on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let groupId: string;
  let itemId: string;

  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    fd.set("org", "adicor");
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  };
  const movements = async (key: string) =>
    (
      await db.db
        .select({ n: sql<number>`count(*)::int` })
        .from(stockMovements)
        .where(and(eq(stockMovements.groupId, groupId), eq(stockMovements.clientKey, key)))
    )[0].n;
  const level = async () =>
    (
      await db.db
        .select({ q: sql<number>`coalesce(sum(quantity), 0)::int` })
        .from(stockMovements)
        .where(eq(stockMovements.itemId, itemId))
    )[0].q;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db);
    request.user = await signedIn(db, "editor@adicor.demo", "10.91.0.11");
    const [grp] = await db.db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.ngoOrgId, ids.orgs.adicor), eq(groups.activityType, "shop"), sql`${groups.archivedAt} is null`))
      .limit(1);
    groupId = grp.id;
    expect(await stockItemAction(idleState, form({ groupId, name: "Allumettes (test)", unit: "boîte" }))).toMatchObject({ status: "ok" });
    [{ id: itemId }] = await db.db
      .select({ id: sql<string>`id` })
      .from(sql`stock_items`)
      .where(sql`group_id = ${groupId} and name = 'Allumettes (test)'`);
  }, 120_000);
  afterAll(async () => {
    request.user = null;
    await unserve(db);
  });

  it("a receipt without the ledger, sent twice in a row: one movement, the second answered 'already recorded'", async () => {
    const key = crypto.randomUUID();
    const fields = { groupId, clientKey: key, itemId, occurredOn: today(), quantity: "40", inLedger: "no", currency: "MRU" };
    expect(await stockReceiveAction(idleState, form(fields))).toMatchObject({ status: "ok" });
    expect(await stockReceiveAction(idleState, form(fields))).toEqual({ status: "ok", message: { key: "alreadyRecorded" } });
    expect(await movements(key)).toBe(1);
    expect(await level()).toBe(40);
  });

  it("a sale without an amount, sent twice at once: one movement", async () => {
    const key = crypto.randomUUID();
    const fields = { groupId, clientKey: key, itemId, occurredOn: today(), quantity: "3", currency: "MRU" };
    const answers = await Promise.all([stockSaleAction(idleState, form(fields)), stockSaleAction(idleState, form(fields))]);
    expect(answers.map((a) => a.status)).toEqual(["ok", "ok"]);
    expect(answers.filter((a) => a.status === "ok" && a.message?.key === "alreadyRecorded")).toHaveLength(1);
    expect(await movements(key)).toBe(1);
    expect(await level()).toBe(37);
  });

  it("a sale with its amount, sent twice: one movement and one ledger entry", async () => {
    const key = crypto.randomUUID();
    const fields = { groupId, clientKey: key, itemId, occurredOn: today(), quantity: "2", amount: "60", currency: "MRU" };
    expect(await stockSaleAction(idleState, form(fields))).toMatchObject({ status: "ok" });
    expect(await stockSaleAction(idleState, form(fields))).toEqual({ status: "ok", message: { key: "alreadyRecorded" } });
    expect(await movements(key)).toBe(1);
    expect(
      (
        await db.db
          .select({ n: sql<number>`count(*)::int` })
          .from(ledgerEntries)
          .where(eq(ledgerEntries.clientKey, key))
      )[0].n,
    ).toBe(1);
    expect(await level()).toBe(35);
  });

  it("without the key, two sales are two sales; and the database refuses a second movement under a used key, whatever the path", async () => {
    const fields = { groupId, itemId, occurredOn: today(), quantity: "1", currency: "MRU" };
    expect(await stockSaleAction(idleState, form(fields))).toMatchObject({ status: "ok" });
    expect(await stockSaleAction(idleState, form(fields))).toMatchObject({ status: "ok" });
    expect(await level()).toBe(33);
    const [used] = await db.db
      .select({ key: stockMovements.clientKey })
      .from(stockMovements)
      .where(and(eq(stockMovements.itemId, itemId), sql`${stockMovements.clientKey} is not null`))
      .limit(1);
    expect(
      await sqlState(
        db.asApp({ orgId: ids.orgs.adicor, userId: request.user!.id }, (tx) =>
          tx.insert(stockMovements).values({ groupId, itemId, kind: "sold", occurredOn: today(), quantity: -1, clientKey: used.key }),
        ),
      ),
    ).toBe("23505");
  });
});
