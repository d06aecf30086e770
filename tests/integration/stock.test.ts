/**
 * Stock per group business (issue 17, point 1): a grouped purchase's delivery feeds the group's
 * stock by itself (database trigger, whoever records it); sales per item and counts move it; the
 * level reconciles as received − sold − shrinkage with the deliveries, counts and sales; stock-out
 * days come from the stock-out records; movements and counts are append-only; another NGO's group
 * is not found. The demo's stock (shops and butcheries) is checked for the same identity.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { priceSessions, products, purchaseOrderLines, purchaseOrders, stockCounts, stockItems, stockMovements, stockOuts, users } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { correctEntry, createGroup, voidEntry } from "@/lib/groups/service";
import { rowsOf } from "@/lib/groups/scope";
import { addItem, receiveStock, recordCount, recordSale, recordStockOut } from "@/lib/stock/service";
import { listCounts, listSalesReconciliation, listStockItems, listStockOuts } from "@/lib/stock/queries";
import { dueToReorder, nextPurchaseOn, outsAndRevenue, shrinkageByMonth, stockOutDays } from "@/lib/stock/supply";
import { addDays, monthOf, today } from "@/lib/dates";
import type { Tx } from "@/db/client";
import { failure, shown, sqlState } from "../refusals";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`stock per group business on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: string;
  let communeEditor: string;
  let sahelEditor: string;
  let group: string;
  let sugar: { id: string; unit: string };
  const now = today();
  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const asAdicor = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor, userId: editor }, fn);

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    const u = async (email: string) => (await db.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
    [editor, communeEditor, sahelEditor] = [await u("editor@adicor.demo"), await u("editor@fassala.demo"), await u("editor@ong-sahel.demo")];
    const g = await asAdicor((tx) =>
      createGroup(tx, adicor(), {
        name: "Boutique (test du stock)",
        activityType: "shop",
        villageId: ids.places.settlements["Tenhamed"],
        startDate: "2024-01-01",
        startingCapitalAmount: 50_000,
        startingCapitalCurrency: "MRU",
        profitRule: "equal",
      }),
    );
    group = g.id;
    [sugar] = await db.db
      .select({ id: products.id, unit: products.unit })
      .from(products)
      .where(and(eq(products.communeOrgId, ids.orgs.fassala), eq(products.nameFr, "Sucre")));
  }, 120_000);
  afterAll(async () => db?.destroy());

  /** The commune records a grouped purchase's delivery for the test group, as its own order page does. */
  const deliver = async (quantity: number, delivered: number) =>
    db.asApp({ orgId: ids.orgs.fassala, userId: communeEditor }, async (tx) => {
      const [session] = await tx.select({ id: priceSessions.id }).from(priceSessions).where(eq(priceSessions.communeOrgId, ids.orgs.fassala)).limit(1);
      const [order] = await tx.insert(purchaseOrders).values({ communeOrgId: ids.orgs.fassala, sessionId: session.id, status: "ordered" }).returning();
      const [line] = await tx
        .insert(purchaseOrderLines)
        .values({ communeOrgId: ids.orgs.fassala, orderId: order.id, groupId: group, productId: sugar.id, quantity, unitPrice: 34, currency: "MRU" })
        .returning();
      await tx.update(purchaseOrders).set({ status: "delivered", updatedAt: new Date() }).where(eq(purchaseOrders.id, order.id));
      await tx.update(purchaseOrderLines).set({ deliveredQuantity: delivered }).where(eq(purchaseOrderLines.id, line.id));
      return line.id;
    });

  it("a delivery feeds the group's stock by itself: the item of the product, with its unit, received at the line's price", async () => {
    const lineId = await deliver(50, 48);
    const [item] = await db.db.select().from(stockItems).where(eq(stockItems.groupId, group));
    expect(item).toMatchObject({ productId: sugar.id, unit: sugar.unit });
    const moves = await db.db.select().from(stockMovements).where(eq(stockMovements.itemId, item.id));
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ kind: "received", quantity: 48, orderLineId: lineId, cost: 48 * 34, currency: "MRU", occurredOn: now });
    // The commune recorded it; the NGO's page shows it.
    const [row] = await asAdicor((tx) => listStockItems(tx, group, "fr"));
    expect(row).toMatchObject({ name: "Sucre", level: 48, received: 48, sold: 0, shrinkage: 0 });
  });

  it("reconciles: expected stock = received − sold − shrinkage, against deliveries, counts and sales", async () => {
    const [item] = await db.db.select().from(stockItems).where(eq(stockItems.groupId, group));
    await asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 10 }));
    await asAdicor((tx) => receiveStock(tx, adicor(), editor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 12, cost: 420, currency: "MRU" }));
    await asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 15 }));
    // 48 + 12 − 10 − 15 = 35 expected; 32 counted: 3 missing.
    const count = await asAdicor((tx) => recordCount(tx, adicor(), editor, { groupId: group, itemId: item.id, countedOn: now, counted: 32 }));
    expect(count).toMatchObject({ expected: 35, counted: 32 });
    await asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 2 }));

    const delivered = rowsOf<{ n: number }>(
      await db.db.execute(sql`select coalesce(sum(delivered_quantity), 0)::int as n from purchase_order_lines where group_id = ${group}`),
    )[0].n;
    const [row] = await asAdicor((tx) => listStockItems(tx, group, "fr"));
    expect(row).toMatchObject({ received: delivered + 12, sold: 27, shrinkage: 3, level: 30 });
    expect(row.level).toBe(row.received - row.sold - row.shrinkage);
    const counts = await asAdicor((tx) => listCounts(tx, group, "fr"));
    expect(counts).toEqual([expect.objectContaining({ item: "Sucre", expected: 35, counted: 32, shrinkage: 3 })]);
    // A sale beyond the level is refused; nothing is dated before the last count.
    expect(
      (await shown(asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 31 })))).messageKey,
    ).toBe("stockInsufficient");
    expect(
      (await shown(asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: item.id, occurredOn: addDays(now, -1), quantity: 1 }))))
        .messageKey,
    ).toBe("stockCounted");
  });

  it("records stock-outs when an item runs out and when it is back, and counts their days from the records", async () => {
    const [item] = await db.db.select().from(stockItems).where(eq(stockItems.groupId, group));
    // Selling the last 30 opens a stock-out today; a count of zero changes nothing.
    await asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 30 }));
    let outs = await asAdicor((tx) => listStockOuts(tx, group, "fr"));
    expect(outs).toEqual([expect.objectContaining({ startedOn: now, endedOn: null, days: 1 })]);
    // Stock received again closes it (the database follows the level).
    await asAdicor((tx) => receiveStock(tx, adicor(), editor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 5 }));
    outs = await asAdicor((tx) => listStockOuts(tx, group, "fr"));
    expect(outs[0]).toMatchObject({ endedOn: now, days: 0 });
    // An own item recorded out by hand 12 days ago and back 4 days ago: 8 days out.
    const beans = await asAdicor((tx) => addItem(tx, adicor(), editor, { groupId: group, name: "Beignets", unit: "pièce" }));
    await asAdicor((tx) => recordStockOut(tx, adicor(), editor, { groupId: group, itemId: beans.id, on: addDays(now, -12), intent: "out" }));
    expect((await shown(asAdicor((tx) => recordStockOut(tx, adicor(), editor, { groupId: group, itemId: beans.id, on: now, intent: "out" })))).messageKey).toBe(
      "stockOutOpen",
    );
    await asAdicor((tx) => recordStockOut(tx, adicor(), editor, { groupId: group, itemId: beans.id, on: addDays(now, -4), intent: "back" }));
    const items = await asAdicor((tx) => listStockItems(tx, group, "fr"));
    expect(items.find((i) => i.id === beans.id)).toMatchObject({ outDays: 8, outSince: null });
    // The dashboard's days per month add up to the records' days (8 + 1 + 0 here, over at most two months).
    const days = await asAdicor((tx) => stockOutDays(tx, adicor(), "fr"));
    const mine = days.filter((d) => d.village === "Tenhamed" && (d.item === "Beignets" || d.item === "Sucre"));
    const recorded = rowsOf<{ n: number }>(
      await db.db.execute(sql`select sum(coalesce(ended_on, ${now}::date + 1) - started_on)::int as n from stock_outs where group_id = ${group}`),
    )[0].n;
    expect(recorded).toBe(8);
    expect(mine.filter((d) => d.item === "Beignets").reduce((s, d) => s + d.days, 0)).toBe(8);
    // A stock-out only ends, once.
    expect(await sqlState(db.db.update(stockOuts).set({ startedOn: "2020-01-01" }).where(eq(stockOuts.groupId, group)))).toBe("TK433");
  });

  it("keeps the stock's history: movements and counts are never changed nor deleted", async () => {
    expect(await sqlState(db.db.update(stockMovements).set({ quantity: 1 }).where(eq(stockMovements.groupId, group)))).toBe("TK430");
    expect(await sqlState(db.db.delete(stockMovements).where(eq(stockMovements.groupId, group)))).toBe("TK430");
    expect(await sqlState(db.db.update(stockCounts).set({ counted: 35 }).where(eq(stockCounts.groupId, group)))).toBe("TK430");
    expect(await sqlState(db.db.delete(stockCounts).where(eq(stockCounts.groupId, group)))).toBe("TK430");
    expect(await sqlState(db.db.delete(stockItems).where(eq(stockItems.groupId, group)))).toBe("TK430");
    // Through the application role too (its write policy would let it try).
    expect(await sqlState(asAdicor((tx) => tx.delete(stockMovements).where(eq(stockMovements.groupId, group))))).toBe("TK430");
  });

  it("another NGO's group is not found, and another NGO reads none of its stock", async () => {
    const [item] = await db.db.select().from(stockItems).where(eq(stockItems.groupId, group)).limit(1);
    const sahel = { id: ids.orgs["ong-sahel"], type: "ngo" as const };
    const asSahel = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: sahel.id, userId: sahelEditor }, fn);
    for (const attempt of <((tx: Tx) => Promise<unknown>)[]>[
      (tx: Tx) => recordSale(tx, sahel, sahelEditor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 1 }),
      (tx: Tx) => recordCount(tx, sahel, sahelEditor, { groupId: group, itemId: item.id, countedOn: now, counted: 0 }),
      (tx: Tx) => receiveStock(tx, sahel, sahelEditor, { groupId: group, itemId: item.id, occurredOn: now, quantity: 1 }),
      (tx: Tx) => recordStockOut(tx, sahel, sahelEditor, { groupId: group, itemId: item.id, on: now, intent: "out" }),
      (tx: Tx) => addItem(tx, sahel, sahelEditor, { groupId: group, name: "X", unit: "kg" }),
    ]) {
      expect((await failure(asSahel(attempt)))?.code).toBe("not_found");
    }
    expect(await asSahel((tx) => tx.select().from(stockMovements).where(eq(stockMovements.groupId, group)))).toEqual([]);
    // An item of one group cannot be moved in another's name.
    const [other] = await db.db
      .select()
      .from(stockItems)
      .where(sql`${stockItems.groupId} <> ${group}`)
      .limit(1);
    expect(
      (await shown(asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: other.id, occurredOn: now, quantity: 1 })))).messageKey,
    ).toBe("stockItemUnknown");
  });

  it("the demo's stock reconciles and feeds the supply dashboard (stock-outs, reorders, shrinkage, revenue)", async () => {
    const bad = rowsOf<Record<string, unknown>>(
      await db.db.execute(sql`select * from (
        select i.id, coalesce(sum(m.quantity), 0) as level,
          coalesce(sum(m.quantity) filter (where m.kind = 'received'), 0) + coalesce(sum(m.quantity) filter (where m.kind = 'sold'), 0)
            + coalesce(sum(m.quantity) filter (where m.kind = 'shrinkage'), 0) as parts,
          (select coalesce(sum(c.counted - c.expected), 0) from stock_counts c where c.item_id = i.id) as counted_diff,
          coalesce(sum(m.quantity) filter (where m.kind = 'shrinkage'), 0) as shrink,
          coalesce(sum(m.quantity) filter (where m.kind = 'received' and m.order_line_id is not null), 0) as from_orders,
          (select coalesce(sum(l.delivered_quantity), 0) from purchase_order_lines l where l.group_id = i.group_id and l.product_id = i.product_id) as delivered
        from stock_items i left join stock_movements m on m.item_id = i.id group by i.id) x
        where level <> parts or level < 0 or shrink <> counted_diff or from_orders <> delivered`),
    );
    expect(bad).toEqual([]);
    const demo = (fn: (tx: Tx) => Promise<unknown>) => asAdicor(fn);
    const outDays = (await demo((tx) => stockOutDays(tx, adicor(), "fr"))) as Awaited<ReturnType<typeof stockOutDays>>;
    expect(outDays.length).toBeGreaterThan(0);
    const shrink = (await demo((tx) => shrinkageByMonth(tx, adicor(), "fr"))) as Awaited<ReturnType<typeof shrinkageByMonth>>;
    expect(shrink.some((r) => r.shrinkage > 0 && r.month === monthOf(addDays(now, -20)))).toBe(true);
    const due = (await demo((tx) => dueToReorder(tx, adicor(), "fr"))) as Awaited<ReturnType<typeof dueToReorder>>;
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((r) => r.daysLeft < r.daysToNext)).toBe(true);
    const revenue = (await demo((tx) => outsAndRevenue(tx, adicor()))) as Awaited<ReturnType<typeof outsAndRevenue>>;
    expect(
      revenue.some((r) => r.outDays > 0),
      JSON.stringify(revenue),
    ).toBe(true);
    // The commune sees the stock of the groups of its territory; the other commune none.
    const communeDays = await db.asApp({ orgId: ids.orgs.fassala, userId: communeEditor }, (tx) =>
      stockOutDays(tx, { id: ids.orgs.fassala, type: "commune" }, "fr"),
    );
    expect(communeDays.length).toBeGreaterThan(0);
    const other = await db.asApp({ orgId: ids.orgs.bassikounou, userId: null }, (tx) => stockOutDays(tx, { id: ids.orgs.bassikounou, type: "commune" }, "fr"));
    expect(other).toEqual([]);
  });

  it("a sale per item with its amount is the ledger's sale too; both reconcile, a void gives the quantity back, and the database keeps the link", async () => {
    const soap = await asAdicor((tx) => addItem(tx, adicor(), editor, { groupId: group, name: "Savon", unit: "pain" }));
    await asAdicor((tx) => receiveStock(tx, adicor(), editor, { groupId: group, itemId: soap.id, occurredOn: now, quantity: 20 }));
    const level = async () => (await asAdicor((tx) => listStockItems(tx, group, "fr"))).find((r) => r.name === "Savon")!.level;
    const month = now.slice(0, 7);
    const reconciliation = () => asAdicor((tx) => listSalesReconciliation(tx, group, "fr", `${month}-01`));
    const before = (await reconciliation()).months.find((m) => m.month === month && m.currency === "MRU");
    const key = "0b0f3c1e-8d1a-4b59-9a53-6f3b2f0d7e11";

    // With its amount: one write, the ledger's sale entry and the item's sale, linked.
    const sale = { groupId: group, itemId: soap.id, occurredOn: now, quantity: 5, amount: 1500, currency: "MRU" as const, clientKey: key };
    const { movement, entry } = await asAdicor((tx) => recordSale(tx, adicor(), editor, sale));
    expect(entry).toMatchObject({ kind: "sale", amount: 1500, currency: "MRU", occurredOn: now, groupId: group, note: "Savon × 5 pain" });
    expect(movement).toMatchObject({ kind: "sold", quantity: -5, ledgerEntryId: entry!.id });
    // Sent again under the same key (a retry, the outbox): already recorded, nothing more.
    expect((await failure(asAdicor((tx) => recordSale(tx, adicor(), editor, sale))))?.constructor.name).toBe("AlreadyRecorded");
    // Without amount: the stock only; its money is in the day's total.
    await asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: soap.id, occurredOn: now, quantity: 2 }));
    expect(await level()).toBe(13);

    const r1 = await reconciliation();
    const m1 = r1.months.find((m) => m.month === month && m.currency === "MRU")!;
    expect(m1.perItem - (before?.perItem ?? 0)).toBe(1500);
    expect(m1.total - (before?.total ?? 0)).toBe(1500);
    expect(m1.total).toBe(m1.perItem + m1.moneyOnly);
    expect(r1.items.find((r) => r.item === "Savon" && r.month === month)).toMatchObject({ withAmount: 5, amountMru: 1500, amountXof: 0, withoutAmount: 2 });

    // The entry keeps its kind and day; its amount (the price) may be corrected.
    const moved = await shown(
      asAdicor((tx) =>
        correctEntry(tx, adicor(), editor, {
          entryId: entry!.id,
          version: entry!.version,
          kind: "sale",
          occurredOn: addDays(now, -1),
          amount: 1500,
          currency: "MRU",
          note: "",
        }),
      ),
    );
    expect(moved.messageKey).toBe("entryHasItems");
    const corrected = await asAdicor((tx) =>
      correctEntry(tx, adicor(), editor, {
        entryId: entry!.id,
        version: entry!.version,
        kind: "sale",
        occurredOn: now,
        amount: 1600,
        currency: "MRU",
        note: entry!.note,
      }),
    );
    expect(corrected.entry).toMatchObject({ amount: 1600 });
    expect((await reconciliation()).items.find((r) => r.item === "Savon" && r.month === month)).toMatchObject({ withAmount: 5, amountMru: 1600 });

    // The database refuses a link that does not reconcile, whoever writes it (the application role here).
    const [expense] = await asAdicor((tx) =>
      tx.execute(sql`insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency, note)
        values (${ids.orgs.adicor}, ${group}, 'other_expense', ${now}::date, 100, 'MRU', '') returning id`),
    ).then((r) => rowsOf<{ id: string }>(r));
    const [otherSale] = rowsOf<{ id: string }>(
      await db.db.execute(
        sql`select id from ledger_entries where ngo_org_id = ${ids.orgs.adicor} and group_id <> ${group} and kind = 'sale' and voided_at is null limit 1`,
      ),
    );
    const link = (entryId: string, extra: Partial<typeof stockMovements.$inferInsert> = {}) =>
      sqlState(
        asAdicor((tx) =>
          tx.insert(stockMovements).values({ groupId: group, itemId: soap.id, kind: "sold", occurredOn: now, quantity: -1, ledgerEntryId: entryId, ...extra }),
        ),
      );
    expect(await link(expense.id)).toBe("TK434");
    expect(await link(otherSale.id)).toBe("TK434");
    expect(await link(entry!.id)).toBe("23505"); // one item sale per entry
    expect(await link(entry!.id, { quantity: 5, reversesId: movement.id })).toBe("TK434"); // only the database gives back

    // Voided: the quantity comes back to the stock, and the sale counts nowhere.
    await asAdicor((tx) => voidEntry(tx, adicor(), editor, { entryId: entry!.id, reason: "erreur de saisie" }));
    expect(await level()).toBe(18);
    const back = await db.db.select().from(stockMovements).where(eq(stockMovements.reversesId, movement.id));
    expect(back).toEqual([expect.objectContaining({ kind: "sold", quantity: 5, ledgerEntryId: entry!.id, occurredOn: now })]);
    const r2 = await reconciliation();
    const m2 = r2.months.find((m) => m.month === month && m.currency === "MRU");
    expect((m2?.perItem ?? 0) - (before?.perItem ?? 0)).toBe(0);
    expect(r2.items.find((r) => r.item === "Savon" && r.month === month)).toMatchObject({ withAmount: 0, withoutAmount: 2 });
  });

  it("stock bought alone and paid is the ledger's stock purchase too; a void takes it back out unless it was sold", async () => {
    const oil = await asAdicor((tx) => addItem(tx, adicor(), editor, { groupId: group, name: "Huile", unit: "litre" }));
    const level = async () => (await asAdicor((tx) => listStockItems(tx, group, "fr"))).find((r) => r.name === "Huile")!.level;
    const month = now.slice(0, 7);
    const purchases = async () =>
      (await asAdicor((tx) => listSalesReconciliation(tx, group, "fr", `${month}-01`))).purchases.find((m) => m.month === month && m.currency === "MRU");
    const before = await purchases();
    const buy = (quantity: number, cost: number) =>
      asAdicor((tx) =>
        receiveStock(tx, adicor(), editor, { groupId: group, itemId: oil.id, occurredOn: now, quantity, cost, currency: "MRU", inLedger: "yes" }),
      );

    const first = await buy(10, 4000);
    expect(first.entry).toMatchObject({ kind: "stock_purchase", amount: 4000, currency: "MRU", note: "Huile × 10 litre" });
    expect(first.movement).toMatchObject({ kind: "received", quantity: 10, ledgerEntryId: first.entry!.id });
    const second = await buy(5, 2000);
    expect(await level()).toBe(15);
    expect(((await purchases())?.perItem ?? 0) - (before?.perItem ?? 0)).toBe(6000);
    // Without "in the ledger", the cost stays the stock's own.
    const alone = await asAdicor((tx) =>
      receiveStock(tx, adicor(), editor, { groupId: group, itemId: oil.id, occurredOn: now, quantity: 1, cost: 400, currency: "MRU" }),
    );
    expect(alone.entry).toBeUndefined();
    // A receipt names a stock purchase, never a sale.
    expect(
      await sqlState(
        asAdicor((tx) =>
          tx.insert(stockMovements).values({ groupId: group, itemId: oil.id, kind: "sold", occurredOn: now, quantity: -1, ledgerEntryId: second.entry!.id }),
        ),
      ),
    ).toBe("TK434");

    // Voided: the quantity goes back out of the stock.
    await asAdicor((tx) => voidEntry(tx, adicor(), editor, { entryId: second.entry!.id, reason: "acheté deux fois" }));
    expect(await level()).toBe(11);
    expect(((await purchases())?.perItem ?? 0) - (before?.perItem ?? 0)).toBe(4000);
    // Sold since: the goods are gone, the purchase cannot be voided (its amount can be corrected).
    await asAdicor((tx) => recordSale(tx, adicor(), editor, { groupId: group, itemId: oil.id, occurredOn: now, quantity: 8 }));
    const refused = await shown(asAdicor((tx) => voidEntry(tx, adicor(), editor, { entryId: first.entry!.id, reason: "erreur" })));
    expect(refused.messageKey).toBe("stockInsufficient");
    expect(await level()).toBe(3);
  });

  it("the next grouped purchase follows the commune's sessions", () => {
    expect(nextPurchaseOn("2026-06-01", { nextOn: "2026-06-20", firstOn: null, lastOn: null, sessions: 0 })).toBe("2026-06-20");
    expect(nextPurchaseOn("2026-06-01", { nextOn: null, firstOn: "2026-01-01", lastOn: "2026-05-01", sessions: 3 })).toBe(addDays("2026-05-01", 60));
    expect(nextPurchaseOn("2026-06-01", { nextOn: null, firstOn: "2026-05-01", lastOn: "2026-05-01", sessions: 1 })).toBeNull();
  });
});
