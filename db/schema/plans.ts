import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { currency, groupMemberships, groups } from "./groups";
import { profitDistributions } from "./ledger";
import { organisations, users } from "./tenancy";

/**
 * Issue 17, points 3 and 4: a group's business plan and internal rules (each change a new
 * version, the old ones kept), the members present at a profit meeting, and each member's
 * acknowledgement of the rules. Row-level security and the rules are in migration 0043.
 */

/** An NGO's rule for its groups' profit meetings: more than `quorum_pct` % of the members present, or all. */
export const meetingSettings = pgTable(
  "meeting_settings",
  {
    ngoOrgId: uuid("ngo_org_id")
      .primaryKey()
      .references(() => organisations.id),
    quorumPct: integer("quorum_pct").notNull().default(50),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("meeting_settings_quorum", sql`${t.quorumPct} between 50 and 100`)],
);

/** A member present at the open meeting of a profit distribution. */
export const profitMeetingAttendees = pgTable(
  "profit_meeting_attendees",
  {
    distributionId: uuid("distribution_id")
      .notNull()
      .references(() => profitDistributions.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => groupMemberships.id),
  },
  (t) => [primaryKey({ columns: [t.distributionId, t.membershipId] })],
);

/** One version of a group's business plan; the newest version is the plan. Amounts in `currency`. */
export const businessPlans = pgTable(
  "business_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    version: integer("version").notNull(),
    currency: currency("currency").notNull(),
    plannedCapital: bigint("planned_capital", { mode: "number" }).notNull(),
    monthlySales: bigint("monthly_sales", { mode: "number" }).notNull(),
    /** Gross margin planned: (sales − stock purchases) / sales, in whole percent. */
    marginPct: integer("margin_pct").notNull(),
    /** Days between two restockings. */
    reorderDays: integer("reorder_days").notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("business_plans_version_idx").on(t.groupId, t.version),
    check("business_plans_version_positive", sql`${t.version} >= 1`),
    check("business_plans_amounts", sql`${t.plannedCapital} >= 0 and ${t.monthlySales} >= 0`),
    check("business_plans_margin", sql`${t.marginPct} between -100 and 100`),
    check("business_plans_reorder", sql`${t.reorderDays} between 1 and 365`),
  ],
);

/** One version of a group's internal rules (a short text); the newest version is in force. */
export const groupRules = pgTable(
  "group_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("group_rules_version_idx").on(t.groupId, t.version),
    check("group_rules_version_positive", sql`${t.version} >= 1`),
    check("group_rules_body", sql`length(${t.body}) between 1 and 4000`),
  ],
);

/** A member's acknowledgement of one version of the group's rules, on a date, recorded by a user. */
export const ruleAcknowledgements = pgTable(
  "rule_acknowledgements",
  {
    rulesId: uuid("rules_id")
      .notNull()
      .references(() => groupRules.id),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => groupMemberships.id),
    acknowledgedOn: date("acknowledged_on").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.rulesId, t.membershipId] }), index("rule_acknowledgements_membership_idx").on(t.membershipId)],
);
