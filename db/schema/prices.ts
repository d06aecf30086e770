import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { currency, groups } from "./groups";
import { places } from "./places";
import { organisations, users } from "./tenancy";

/**
 * The communal price committee. Every table carries `commune_org_id`, the commune that owns the
 * row, so that tenant filters (and row-level security later) key on one column.
 */
export const productCategory = pgEnum("product_category", ["staple", "meat", "fabric_dye", "other"]);
export const constituency = pgEnum("constituency", ["mcpgc", "beneficiaries", "commune", "traders_federation"]);
export const priceSessionStatus = pgEnum("price_session_status", ["draft", "closed"]);
export const purchaseOrderStatus = pgEnum("purchase_order_status", ["draft", "ordered", "delivered"]);
export const noticeChannel = pgEnum("notice_channel", ["village_meeting", "crier", "radio", "printed_board"]);

const communeOrgId = () =>
  uuid("commune_org_id")
    .notNull()
    .references(() => organisations.id);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    nameFr: text("name_fr").notNull(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    unit: text("unit").notNull(),
    /** The unit in Arabic, for the Arabic board (falls back to `unit`). */
    unitAr: text("unit_ar"),
    category: productCategory("category").notNull(),
    /** Key of a built-in pictogram (lib/prices/pictograms.ts). */
    pictogram: text("pictogram").notNull().default("other"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("products_commune_idx").on(t.communeOrgId, t.sortOrder)],
);

/** Traders of the federation with whom the committee negotiates. */
export const suppliers = pgTable(
  "suppliers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    name: text("name").notNull(),
    phone: text("phone"),
    createdAt: createdAt(),
  },
  (t) => [index("suppliers_commune_idx").on(t.communeOrgId)],
);

/** One row per commune: quorum minima, notice period, stability threshold, public board link. */
export const priceSettings = pgTable(
  "price_settings",
  {
    communeOrgId: uuid("commune_org_id")
      .primaryKey()
      .references(() => organisations.id),
    minMcpgc: integer("min_mcpgc").notNull().default(1),
    minBeneficiaries: integer("min_beneficiaries").notNull().default(1),
    minCommune: integer("min_commune").notNull().default(1),
    minTradersFederation: integer("min_traders_federation").notNull().default(1),
    noticeDays: integer("notice_days").notNull().default(7),
    stabilityThresholdPct: integer("stability_threshold_pct").notNull().default(20),
    publicBoardEnabled: boolean("public_board_enabled").notNull().default(false),
    publicBoardToken: text("public_board_token"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("price_settings_token_key").on(t.publicBoardToken),
    check(
      "price_settings_minima",
      sql`${t.minMcpgc} >= 1 and ${t.minBeneficiaries} >= 1 and ${t.minCommune} >= 1 and ${t.minTradersFederation} >= 1`,
    ),
    check("price_settings_notice", sql`${t.noticeDays} between 0 and 90`),
    check("price_settings_threshold", sql`${t.stabilityThresholdPct} between 1 and 100`),
  ],
);

export const priceSessions = pgTable(
  "price_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    heldOn: date("held_on").notNull(),
    place: text("place").notNull(),
    minutes: text("minutes").notNull().default(""),
    status: priceSessionStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("price_sessions_commune_idx").on(t.communeOrgId, t.heldOn)],
);

export const sessionAttendees = pgTable(
  "session_attendees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => priceSessions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    constituency: constituency("constituency").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("session_attendees_session_idx").on(t.sessionId)],
);

/**
 * Negotiated prices are append-only versions: a new decision supersedes the one in force
 * (`supersedes_id`); a trigger refuses updates and deletes.
 */
export const negotiatedPrices = pgTable(
  "negotiated_prices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => priceSessions.id),
    supplierId: uuid("supplier_id").references(() => suppliers.id),
    purchasePrice: bigint("purchase_price", { mode: "number" }).notNull(),
    sellingPrice: bigint("selling_price", { mode: "number" }).notNull(),
    currency: currency("currency").notNull().default("MRU"),
    effectiveOn: date("effective_on").notNull(),
    supersedesId: uuid("supersedes_id"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("negotiated_prices_product_idx").on(t.communeOrgId, t.productId, t.effectiveOn),
    check("negotiated_prices_positive", sql`${t.purchasePrice} > 0 and ${t.sellingPrice} > 0`),
  ],
);

/** How and where a price change was announced to villagers. */
export const priceNotices = pgTable(
  "price_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    priceId: uuid("price_id")
      .notNull()
      .references(() => negotiatedPrices.id),
    publishedOn: date("published_on").notNull(),
    effectiveOn: date("effective_on").notNull(),
    isIncrease: boolean("is_increase").notNull(),
    channels: noticeChannel("channels").array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("price_notices_price_key").on(t.priceId), index("price_notices_commune_idx").on(t.communeOrgId)],
);

export const priceNoticeVillages = pgTable(
  "price_notice_villages",
  {
    communeOrgId: communeOrgId(),
    noticeId: uuid("notice_id")
      .notNull()
      .references(() => priceNotices.id, { onDelete: "cascade" }),
    villageId: uuid("village_id")
      .notNull()
      .references(() => places.id),
  },
  (t) => [uniqueIndex("price_notice_villages_pk").on(t.noticeId, t.villageId)],
);

export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => priceSessions.id),
    supplierId: uuid("supplier_id").references(() => suppliers.id),
    status: purchaseOrderStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("purchase_orders_commune_idx").on(t.communeOrgId, t.sessionId)],
);

export const purchaseOrderLines = pgTable(
  "purchase_order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull(),
    unitPrice: bigint("unit_price", { mode: "number" }).notNull(),
    currency: currency("currency").notNull().default("MRU"),
    deliveredQuantity: integer("delivered_quantity"),
  },
  (t) => [
    index("purchase_order_lines_order_idx").on(t.orderId),
    uniqueIndex("purchase_order_lines_key").on(t.orderId, t.groupId, t.productId),
    check("purchase_order_lines_quantities", sql`${t.quantity} > 0 and coalesce(${t.deliveredQuantity}, 0) >= 0`),
  ],
);

/** Observed retail prices on markets, to watch stability. */
export const marketObservations = pgTable(
  "market_observations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communeOrgId: communeOrgId(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    observedOn: date("observed_on").notNull(),
    price: bigint("price", { mode: "number" }).notNull(),
    currency: currency("currency").notNull().default("MRU"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("market_observations_product_idx").on(t.communeOrgId, t.productId, t.observedOn),
    check("market_observations_positive", sql`${t.price} > 0`),
  ],
);
