import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
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
    /** The unit in English (falls back to `unit`). */
    unitEn: text("unit_en"),
    category: productCategory("category").notNull(),
    /** Key of a built-in pictogram (lib/prices/pictograms.ts). */
    pictogram: text("pictogram").notNull().default("other"),
    sortOrder: integer("sort_order").notNull().default(0),
    version: integer("version").notNull().default(1),
    /** Archived: out of pickers and new decisions, observations and orders (migration 0033). */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
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
    version: integer("version").notNull().default(1),
    /** Archived: out of pickers and new decisions and orders (migration 0033). */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("suppliers_commune_idx").on(t.communeOrgId)],
);

/**
 * One row per commune: quorum minima, notice period, how far ahead a price may be set (horizon),
 * stability threshold. (The public board's link is in `public_boards`, readable by the commune only.)
 */
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
    /** The latest effective date a decision may set: this many days after the day it is recorded. */
    horizonDays: integer("horizon_days").notNull().default(365),
    stabilityThresholdPct: integer("stability_threshold_pct").notNull().default(20),
    /** The digits of the Arabic price board: Latin (123) or Arabic-Indic (١٢٣), as the commune's readers expect. */
    boardDigits: text("board_digits", { enum: ["latn", "arab"] })
      .notNull()
      .default("latn"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("price_settings_minima", sql`${t.minMcpgc} >= 1 and ${t.minBeneficiaries} >= 1 and ${t.minCommune} >= 1 and ${t.minTradersFederation} >= 1`),
    check("price_settings_notice", sql`${t.noticeDays} between 0 and 90`),
    check("price_settings_horizon", sql`${t.horizonDays} between 1 and 3650`),
    check("price_settings_threshold", sql`${t.stabilityThresholdPct} between 1 and 100`),
    check("price_settings_board_digits", sql`${t.boardDigits} in ('latn', 'arab')`),
  ],
);

/**
 * The public board's links of a commune. A token is never reused: disabling revokes it for good
 * (a trigger refuses to clear `revoked_at`, change a token or delete a row, migration 0023) and
 * enabling again makes a new one; at most one live token per commune. Read and written only by
 * the commune itself (row-level security), so no other organisation can read its token; the
 * board opens it through `app_board_commune(token)`.
 */
export const publicBoards = pgTable(
  "public_boards",
  {
    token: text("token").primaryKey(),
    communeOrgId: uuid("commune_org_id")
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("public_boards_live_key")
      .on(t.communeOrgId)
      .where(sql`${t.revokedAt} is null`),
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

/**
 * One row per person present. A name appears once per session, compared normalised (case,
 * accents, spaces, Arabic diacritics: unique index in migration 0016); once the session has a
 * decision, attendees can no longer be changed or removed (trigger).
 */
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
 * Negotiated prices are versions: a new decision supersedes the one in force (`supersedes_id`).
 * Nothing is overwritten or deleted (triggers, migrations 0005 and 0016): while its session is a
 * draft a decision may only be withdrawn, once, with a reason; a correction is a new decision that
 * names the withdrawn one (`corrects_id`). Decisions are public once their session is closed.
 * The quorum a decision was taken under is stored with it, by the database.
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
    /** The withdrawn decision of the same session that this one corrects. */
    correctsId: uuid("corrects_id").references((): AnyPgColumn => negotiatedPrices.id),
    /** Minimum attendees per constituency when the decision was taken (set by the database). */
    quorumMinima: jsonb("quorum_minima")
      .$type<Record<string, number>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** Attendees per constituency when the decision was taken (set by the database). */
    quorumCounts: jsonb("quorum_counts")
      .$type<Record<string, number>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
    withdrawReason: text("withdraw_reason"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("negotiated_prices_product_idx").on(t.communeOrgId, t.productId, t.effectiveOn),
    index("negotiated_prices_session_idx").on(t.sessionId),
    uniqueIndex("negotiated_prices_corrects_key").on(t.correctsId),
    check("negotiated_prices_positive", sql`${t.purchasePrice} > 0 and ${t.sellingPrice} > 0`),
    check("negotiated_prices_withdrawal", sql`(${t.withdrawnAt} is null) = (${t.withdrawReason} is null)`),
  ],
);

/**
 * How and where a price change was announced to villagers. `recorded_at` is when the notice was
 * entered, set by the database; the notice period runs from its date in Africa/Nouakchott
 * (`published_on`, set from it), never from a typed date. `notice_days` is the period in force
 * then. At least one channel and one village (migration 0016). Append-only.
 */
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
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    noticeDays: integer("notice_days").notNull().default(7),
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
    // A commune's observations newest first, in the order the list, the export and the API's cursor read them (issue 14.5).
    index("market_observations_commune_key_idx").on(t.communeOrgId, t.observedOn, t.createdAt, t.id),
    check("market_observations_positive", sql`${t.price} > 0`),
  ],
);
