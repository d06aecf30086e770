import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { groups, products, stockCounts, stockItems, stockMovements, users } from "../schema";
import { addDays, today } from "@/lib/dates";
import type { DemoIds } from "./demo";

/**
 * Stock of the demo's community shops and butcheries (issue 17, point 6). The shops' items came
 * with the delivered grouped purchase (the delivery trigger received them 100 days ago); each shop
 * then sells every two weeks, buys alone when it runs low (some too late: stock-outs), and counted
 * its stock three weeks ago (a little shrinkage). Butcheries buy goat meat alone and sell it.
 * Quantities only: no ledger entry is added, so the field report's revenue figures stay as they are.
 * One movement at a time, so the database's rules (levels, counts, stock-outs) apply to each.
 */
export async function seedStock(tx: Tx, ids: DemoIds) {
  const now = today();
  const [editor] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
  const [goat] = await tx
    .select({ id: products.id, unit: products.unit })
    .from(products)
    .where(and(eq(products.communeOrgId, ids.orgs.fassala), eq(products.nameFr, "Viande de chèvre")));
  const butcheries = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.ngoOrgId, ids.orgs.adicor), eq(groups.activityType, "butchery")))
    .orderBy(groups.name);
  for (const b of butcheries) {
    await tx.insert(stockItems).values({ groupId: b.id, productId: goat.id, unit: goat.unit, createdBy: editor.id });
  }
  const items = await tx
    .select({ id: stockItems.id, groupId: stockItems.groupId })
    .from(stockItems)
    .orderBy(stockItems.groupId, stockItems.createdAt, stockItems.id);
  const shopIndex = new Map(ids.groups.shops.map((id, i) => [id, i]));
  const butcheryIndex = new Map(butcheries.map((b, i) => [b.id, i]));
  const levels = new Map<string, number>(
    (
      await tx
        .select({ itemId: stockMovements.itemId, level: sql<number>`sum(${stockMovements.quantity})::int` })
        .from(stockMovements)
        .groupBy(stockMovements.itemId)
    ).map((r) => [r.itemId, r.level]),
  );
  const move = async (item: { id: string; groupId: string }, kind: "received" | "sold", day: number, quantity: number) => {
    const level = levels.get(item.id) ?? 0;
    const q = kind === "sold" ? Math.min(level, quantity) : quantity;
    if (q <= 0) return;
    levels.set(item.id, level + (kind === "sold" ? -q : q));
    await tx.insert(stockMovements).values({
      groupId: item.groupId,
      itemId: item.id,
      kind,
      occurredOn: addDays(now, day),
      quantity: kind === "sold" ? -q : q,
      note: kind === "received" ? "Achat seul" : "",
      createdBy: editor.id,
    });
  };
  let k = 0;
  for (const item of items) {
    const shop = shopIndex.get(item.groupId);
    const butchery = butcheryIndex.get(item.groupId);
    if (shop === undefined && butchery === undefined) continue;
    k++;
    if (shop !== undefined) {
      const delivered = levels.get(item.id) ?? 0;
      const sale = Math.max(1, Math.ceil(delivered / 5));
      // Bought alone at day -45 (in time), -35 (after a stock-out) or not at all (still out).
      const restock = k % 5 === 0 ? null : k % 3 === 0 ? -35 : -45;
      for (let day = -94; day < 0; day += 14) {
        if (restock !== null && day > restock && day - 14 <= restock) await move(item, "received", restock, delivered);
        if (day > -20 && day - 14 <= -20) {
          // The count, three weeks ago: a few units missing (k % 4).
          const level = levels.get(item.id) ?? 0;
          const counted = Math.max(0, level - (k % 4));
          await tx.insert(stockCounts).values({ groupId: item.groupId, itemId: item.id, countedOn: addDays(now, -20), counted, createdBy: editor.id });
          levels.set(item.id, counted);
        }
        await move(item, "sold", day, sale);
      }
    } else {
      // Butchery: 20 kg bought every 10 days, 8 kg sold every 4 days (a few days out before each purchase).
      for (let day = -90; day < 0; day += 2) {
        if ((day + 90) % 10 === 0) await move(item, "received", day, 16 + 2 * (butchery! % 3));
        if ((day + 90) % 4 === 0) await move(item, "sold", day, 8);
      }
    }
  }
}
