import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { places } from "./places";
import { organisations } from "./tenancy";

export const currency = pgEnum("currency", ["XOF", "MRU"]);
export const activityKind = pgEnum("activity_kind", ["group", "individual"]);
export const groupStatus = pgEnum("group_status", ["active", "paused", "closed"]);

/** Reference data: community shop, village butchery, sewing/dyeing; fattening, laundry. */
export const activityTypes = pgTable("activity_types", {
  code: text("code").primaryKey(),
  kind: activityKind("kind").notNull(),
  nameFr: text("name_fr").notNull(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

/**
 * A group business, owned by its supporting NGO (the tenant that writes it). An individual
 * activity is a one-member group of an individual type, so every revenue is in one ledger.
 */
export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    networkOrgId: uuid("network_org_id").references(() => organisations.id),
    activityType: text("activity_type")
      .notNull()
      .references(() => activityTypes.code),
    villageId: uuid("village_id")
      .notNull()
      .references(() => places.id),
    name: text("name").notNull(),
    startDate: date("start_date").notNull(),
    startingCapitalAmount: bigint("starting_capital_amount", { mode: "number" }).notNull().default(0),
    startingCapitalCurrency: currency("starting_capital_currency").notNull().default("MRU"),
    status: groupStatus("status").notNull().default("active"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("groups_ngo_idx").on(t.ngoOrgId),
    index("groups_network_idx").on(t.networkOrgId),
    index("groups_village_idx").on(t.villageId),
    check("groups_capital_nonnegative", sql`${t.startingCapitalAmount} >= 0`),
  ],
);
