import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { currency, groups } from "./groups";
import { ledgerEntries } from "./ledger";
import { products, purchaseOrderLines } from "./prices";
import { users } from "./tenancy";

/**
 * Issue 17, point 1: the stock of a group business. An item is a product of the commune's list
 * (its unit with it) or the group's own; every change of stock is a movement, never changed nor
 * deleted (app_append_only, migration 0046): the level of an item is the sum of its movements.
 * A delivery of a grouped purchase feeds the stock by a trigger on the order line; a count
 * records the shrinkage (expected − counted) as a movement; a stock-out runs from the day an
 * item ran out to the day it was back. Row-level security and the triggers are in migration 0046.
 */
export const stockMovementKind = pgEnum("stock_movement_kind", ["received", "sold", "shrinkage"]);

export const stockItems = pgTable(
  "stock_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    /** The commune's product, if the item is one (its names and unit are the product's). */
    productId: uuid("product_id").references(() => products.id),
    /** The group's own item: its name and unit. */
    name: text("name"),
    unit: text("unit").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("stock_items_product_key")
      .on(t.groupId, t.productId)
      .where(sql`${t.productId} is not null`),
    uniqueIndex("stock_items_name_key")
      .on(t.groupId, t.name)
      .where(sql`${t.productId} is null`),
    check("stock_items_named", sql`(${t.productId} is null) <> (${t.name} is null) and length(${t.unit}) between 1 and 40`),
  ],
);

/** A change of an item's stock, in its unit: + received, − sold, − shrinkage (+ when a count found more). */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    itemId: uuid("item_id")
      .notNull()
      .references(() => stockItems.id),
    kind: stockMovementKind("kind").notNull(),
    occurredOn: date("occurred_on").notNull(),
    quantity: integer("quantity").notNull(),
    /** The grouped purchase's line whose delivery this is (set by the delivery trigger). */
    orderLineId: uuid("order_line_id").references(() => purchaseOrderLines.id),
    /** The count whose difference this is. */
    countId: uuid("count_id"),
    /**
     * A sale entered per item (migration 0048), or stock bought and paid (0049): the ledger's sale or
     * stock purchase entry that holds its money, of the same group and day. Without it the money is
     * in the ledger's totals of the day only.
     */
    ledgerEntryId: uuid("ledger_entry_id").references(() => ledgerEntries.id),
    /** The sale this movement gives back to the stock, when its ledger entry was voided (set by the database). */
    reversesId: uuid("reverses_id").references((): AnyPgColumn => stockMovements.id),
    /** What the received stock cost, if bought (in `currency`). */
    cost: bigint("cost", { mode: "number" }),
    currency: currency("currency"),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    /**
     * The form's or the outbox's idempotency key (migration 0057): the same receipt or sale sent
     * twice (a double post without JavaScript, a retried sync) is recorded once, with or without
     * its ledger entry.
     */
    clientKey: uuid("client_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("stock_movements_item_idx").on(t.itemId, t.occurredOn),
    index("stock_movements_group_idx").on(t.groupId, t.occurredOn),
    uniqueIndex("stock_movements_ledger_entry_key")
      .on(t.ledgerEntryId)
      .where(sql`${t.ledgerEntryId} is not null and ${t.reversesId} is null`),
    uniqueIndex("stock_movements_reverses_key")
      .on(t.reversesId)
      .where(sql`${t.reversesId} is not null`),
    uniqueIndex("stock_movements_client_key_idx")
      .on(t.groupId, t.clientKey)
      .where(sql`${t.clientKey} is not null`),
    check(
      "stock_movements_sale_link",
      sql`(${t.ledgerEntryId} is null or ${t.kind} in ('sold', 'received')) and (${t.reversesId} is null or ${t.ledgerEntryId} is not null)`,
    ),
    check(
      "stock_movements_sign",
      sql`${t.quantity} <> 0 and (${t.kind} <> 'sold' or ${t.quantity} < 0 or ${t.reversesId} is not null) and (${t.kind} <> 'received' or ${t.quantity} > 0 or ${t.orderLineId} is not null or ${t.reversesId} is not null)`,
    ),
    check("stock_movements_cost", sql`(${t.cost} is null) = (${t.currency} is null) and coalesce(${t.cost}, 0) >= 0`),
  ],
);

/** An inventory of an item on a date: what was counted, and what the movements said (set by the database). */
export const stockCounts = pgTable(
  "stock_counts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    itemId: uuid("item_id")
      .notNull()
      .references(() => stockItems.id),
    countedOn: date("counted_on").notNull(),
    counted: integer("counted").notNull(),
    expected: integer("expected").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stock_counts_item_idx").on(t.itemId, t.countedOn), check("stock_counts_counted", sql`${t.counted} >= 0`)],
);

/** An item out of stock from `started_on` until `ended_on` (open while null); at most one open per item. */
export const stockOuts = pgTable(
  "stock_outs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    itemId: uuid("item_id")
      .notNull()
      .references(() => stockItems.id),
    startedOn: date("started_on").notNull(),
    endedOn: date("ended_on"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    endedBy: uuid("ended_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("stock_outs_open_key")
      .on(t.itemId)
      .where(sql`${t.endedOn} is null`),
    index("stock_outs_group_idx").on(t.groupId, t.startedOn),
    check("stock_outs_dates", sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
  ],
);
