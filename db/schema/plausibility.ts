import { sql } from "drizzle-orm";
import { bigint, check, date, pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { currency } from "./groups";
import { organisations, users } from "./tenancy";

/** What a typed amount is, for its limits: a ledger kind, a credit repayment, a group's starting capital. */
export const amountKind = pgEnum("amount_kind", ["sale", "stock_purchase", "other_expense", "contribution", "repayment", "starting_capital"]);

/**
 * The default limits per kind and currency, the one place they are set: rows written by
 * migration 0019 (the reasons are there). Read by everyone; no application writes them.
 * `ceiling`: above it an amount is refused, by the database too. `soft_limit`: above it the form
 * asks to confirm before saving.
 */
export const plausibilityDefaults = pgTable(
  "plausibility_defaults",
  {
    kind: amountKind("kind").notNull(),
    currency: currency("currency").notNull(),
    ceiling: bigint("ceiling", { mode: "number" }).notNull(),
    softLimit: bigint("soft_limit", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "plausibility_defaults_pk", columns: [t.kind, t.currency] }),
    check("plausibility_defaults_order", sql`0 < ${t.softLimit} and ${t.softLimit} <= ${t.ceiling}`),
  ],
);

/** An NGO's own limits for a kind and currency, in place of the default (its admins set them). */
export const plausibilityLimits = pgTable(
  "plausibility_limits",
  {
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    kind: amountKind("kind").notNull(),
    currency: currency("currency").notNull(),
    ceiling: bigint("ceiling", { mode: "number" }).notNull(),
    softLimit: bigint("soft_limit", { mode: "number" }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "plausibility_limits_pk", columns: [t.ngoOrgId, t.kind, t.currency] }),
    // The same bounds as the forms' amount (lib/groups/schema.ts): a limit is an amount.
    check("plausibility_limits_order", sql`0 < ${t.softLimit} and ${t.softLimit} <= ${t.ceiling} and ${t.ceiling} <= 1000000000000`),
  ],
);

/**
 * An NGO's data-entry settings. `date_floor`: no money record (ledger entry, credit, repayment,
 * distribution, group start) is dated before it; no row: the default of `app_default_date_floor()`
 * (migration 0019).
 */
export const ngoSettings = pgTable(
  "ngo_settings",
  {
    ngoOrgId: uuid("ngo_org_id")
      .primaryKey()
      .references(() => organisations.id),
    dateFloor: date("date_floor").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("ngo_settings_date_floor", sql`${t.dateFloor} >= '1990-01-01'`)],
);
