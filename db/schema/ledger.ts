import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { currency, groupMemberships, groups, profitRule } from "./groups";
import { organisations, users } from "./tenancy";

export const ledgerKind = pgEnum("ledger_kind", ["sale", "stock_purchase", "other_expense", "contribution"]);
/** A distribution's state: a draft until its meeting reached the quorum; `legacy`: recorded before meetings were. */
export const distributionStatus = pgEnum("distribution_status", ["draft", "final", "legacy"]);
/** How the shares were explained at the meeting. */
export const explainMethod = pgEnum("explain_method", ["read_aloud", "pictures", "counted_cash", "other"]);
export const customerCommunity = pgEnum("customer_community", ["host", "refugee", "other_village"]);

/**
 * One line of a group's ledger. `ngo_org_id` repeats the group's owner (kept equal by a composite
 * foreign key) so that tenant-scoped aggregates read one index: (org, group, date).
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id").notNull(),
    groupId: uuid("group_id").notNull(),
    kind: ledgerKind("kind").notNull(),
    occurredOn: date("occurred_on").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: currency("currency").notNull(),
    note: text("note").notNull().default(""),
    version: integer("version").notNull().default(1),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidReason: text("void_reason"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The submission's idempotency key (made by the form or the offline outbox): a retry finds it. */
    clientKey: uuid("client_key"),
  },
  (t) => [
    foreignKey({ columns: [t.groupId, t.ngoOrgId], foreignColumns: [groups.id, groups.ngoOrgId], name: "ledger_entries_group_fk" }),
    uniqueIndex("ledger_entries_client_key_idx").on(t.ngoOrgId, t.clientKey),
    index("ledger_entries_org_group_date_idx").on(t.ngoOrgId, t.groupId, t.occurredOn),
    index("ledger_entries_group_date_idx").on(t.groupId, t.occurredOn),
    // The ledger list's keyset order within an NGO, and the cut days of a dashboard period.
    index("ledger_entries_org_date_idx").on(t.ngoOrgId, t.occurredOn, t.createdAt, t.id),
    check("ledger_entries_amount_positive", sql`${t.amount} > 0`),
    check("ledger_entries_void_reason", sql`(${t.voidedAt} is null) = (${t.voidReason} is null)`),
  ],
);

/** Every correction or voiding of a ledger entry: who, when, the row before and after. */
export const ledgerEntryHistory = pgTable(
  "ledger_entry_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => ledgerEntries.id),
    action: text("action").notNull(),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    before: jsonb("before").notNull(),
    after: jsonb("after").notNull(),
  },
  (t) => [index("ledger_entry_history_entry_idx").on(t.entryId, t.changedAt)],
);

/** A sale on credit to a customer; the sale itself is a ledger entry. */
export const customerCredits = pgTable(
  "customer_credits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    saleEntryId: uuid("sale_entry_id").references(() => ledgerEntries.id),
    /**
     * Where writers put the customer's name; a trigger (migration 0040) moves it at once to
     * `customer_credit_names`, read by the supporting NGO only, so stored rows hold null here.
     */
    customerName: text("customer_name"),
    community: customerCommunity("community").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: currency("currency").notNull(),
    grantedOn: date("granted_on").notNull(),
    dueOn: date("due_on").notNull(),
    /** Set with its sale's voiding (trigger of migration 0013): a voided sale is no debt. */
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("customer_credits_group_idx").on(t.groupId, t.dueOn),
    check("customer_credits_amount_positive", sql`${t.amount} > 0`),
    check("customer_credits_due_after_grant", sql`${t.dueOn} >= ${t.grantedOn}`),
  ],
);

/**
 * Customers' names, person-level: read and written only in the context of the NGO supporting the
 * credit's group (row-level security, migration 0040), never by the group's other readers.
 */
export const customerCreditNames = pgTable("customer_credit_names", {
  /** The credit (foreign key, deferred to the end of the transaction: added in migration 0040). */
  creditId: uuid("credit_id").primaryKey(),
  ngoOrgId: uuid("ngo_org_id")
    .notNull()
    .references(() => organisations.id),
  customerName: text("customer_name").notNull(),
});

/**
 * Ledger notes, free text that may name a person: read and written only in the context of the NGO
 * supporting the entry's group (row-level security, migration 0051), never by the group's other
 * readers. Writers still put the note in `ledger_entries.note`; a BEFORE trigger moves it here at
 * once (the column keeps ''), so the forms, imports, the seed and COPY keep working.
 */
export const ledgerEntryNotes = pgTable("ledger_entry_notes", {
  /** The entry (foreign key, deferred to the end of the transaction: added in migration 0051). */
  entryId: uuid("entry_id").primaryKey(),
  ngoOrgId: uuid("ngo_org_id")
    .notNull()
    .references(() => organisations.id),
  groupId: uuid("group_id").notNull(),
  note: text("note").notNull(),
});

/** Every change of a ledger note (who, when, before and after), as readable as the notes. */
export const ledgerEntryNoteHistory = pgTable(
  "ledger_entry_note_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => ledgerEntries.id),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    groupId: uuid("group_id").notNull(),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    before: text("before").notNull(),
    after: text("after").notNull(),
  },
  (t) => [index("ledger_entry_note_history_entry_idx").on(t.entryId, t.changedAt)],
);

export const creditRepayments = pgTable(
  "credit_repayments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditId: uuid("credit_id")
      .notNull()
      .references(() => customerCredits.id),
    paidOn: date("paid_on").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The submission's idempotency key; unique per credit, hence within the credit's NGO. */
    clientKey: uuid("client_key"),
  },
  (t) => [
    index("credit_repayments_credit_idx").on(t.creditId),
    uniqueIndex("credit_repayments_client_key_idx").on(t.creditId, t.clientKey),
    check("credit_repayments_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** A recorded profit distribution for a period, with each member's share. */
export const profitDistributions = pgTable(
  "profit_distributions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    periodFrom: date("period_from").notNull(),
    periodTo: date("period_to").notNull(),
    currency: currency("currency").notNull(),
    profit: bigint("profit", { mode: "number" }).notNull(),
    rule: profitRule("rule").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Issue 17, point 4: a distribution is a draft until its open meeting reached the quorum
     * (migration 0043 refuses the finalisation otherwise). Those recorded before are `legacy`.
     */
    status: distributionStatus("status").notNull().default("draft"),
    meetingOn: date("meeting_on"),
    meetingPlace: text("meeting_place"),
    explainedBy: explainMethod("explained_by"),
    explanation: text("explanation"),
    finalisedBy: uuid("finalised_by").references(() => users.id),
    finalisedAt: timestamp("finalised_at", { withTimezone: true }),
  },
  (t) => [
    index("profit_distributions_group_idx").on(t.groupId, t.periodTo),
    check("profit_distributions_period", sql`${t.periodTo} >= ${t.periodFrom}`),
    check("profit_distributions_profit_positive", sql`${t.profit} > 0`),
  ],
);

export const profitShares = pgTable(
  "profit_shares",
  {
    distributionId: uuid("distribution_id")
      .notNull()
      .references(() => profitDistributions.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => groupMemberships.id),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("profit_shares_pk").on(t.distributionId, t.membershipId), check("profit_shares_nonnegative", sql`${t.amount} >= 0`)],
);

/** Dated XOF-per-MRU rates: a rate holds from its date until the next one. Reference data. */
export const exchangeRates = pgTable(
  "exchange_rates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    validFrom: date("valid_from").notNull(),
    xofPerMru: numeric("xof_per_mru", { precision: 14, scale: 7 }).notNull(),
    source: text("source").notNull().default(""),
    setByOrgId: uuid("set_by_org_id").references(() => organisations.id),
    setByUserId: uuid("set_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("exchange_rates_valid_from_key").on(t.validFrom),
    check("exchange_rates_positive", sql`${t.xofPerMru} > 0`),
    // Monthly rates, like the UN operational rates of exchange: a month converts at one rate, so
    // monthly rollups convert exactly as the rows would.
    check("exchange_rates_first_of_month", sql`extract(day from ${t.validFrom}) = 1`),
  ],
);

/** A figure as declared in a report, shown beside the figure computed from records. */
export const declaredFigures = pgTable(
  "declared_figures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    /** What the records compute for it (lib/groups/declared.ts). */
    metric: text("metric").notNull(),
    label: text("label").notNull(),
    declaredValue: bigint("declared_value", { mode: "number" }).notNull(),
    source: text("source").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("declared_figures_org_idx").on(t.orgId)],
);

/**
 * Live ledger totals per group, month, kind and currency: the dashboards read these instead of
 * the raw rows. Maintained only by the triggers of migration 0013 (statement-level, so a bulk
 * COPY pays once per statement); the application role may read them, never write them.
 * `npm run db:verify-rollups` recomputes them from the rows.
 */
export const ledgerRollups = pgTable(
  "ledger_rollups",
  {
    groupId: uuid("group_id").notNull(),
    month: date("month").notNull(),
    kind: ledgerKind("kind").notNull(),
    currency: currency("currency").notNull(),
    ngoOrgId: uuid("ngo_org_id").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [
    primaryKey({ name: "ledger_rollups_pk", columns: [t.groupId, t.month, t.kind, t.currency] }),
    index("ledger_rollups_ngo_kind_month_idx").on(t.ngoOrgId, t.kind, t.month),
    check("ledger_rollups_month_first", sql`extract(day from ${t.month}) = 1`),
  ],
);

/**
 * The same totals one level up, per the dimensions every dashboard filters and scopes on (NGO,
 * network, village, activity), so that a consortium's figures read thousands of rows, not
 * millions. Moved by trigger when a group changes village, activity or network.
 */
export const ledgerCube = pgTable(
  "ledger_cube",
  {
    ngoOrgId: uuid("ngo_org_id").notNull(),
    networkOrgId: uuid("network_org_id"),
    villageId: uuid("village_id").notNull(),
    activityType: text("activity_type").notNull(),
    month: date("month").notNull(),
    kind: ledgerKind("kind").notNull(),
    currency: currency("currency").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [
    // The unique key (NULLS NOT DISTINCT, for groups without a network) is in migration 0013.
    index("ledger_cube_ngo_kind_month_idx").on(t.ngoOrgId, t.kind, t.month),
    index("ledger_cube_village_idx").on(t.villageId, t.kind, t.month),
    index("ledger_cube_network_idx").on(t.networkOrgId, t.kind, t.month),
  ],
);

/**
 * The top level: live totals per NGO, activity, month, kind and currency (tens of thousands of
 * rows at national scale, where the cube has millions), for the consortium's dashboard and
 * comparison. Maintained by the same triggers as the other levels (migration 0020).
 */
export const ledgerNgoMonths = pgTable(
  "ledger_ngo_months",
  {
    ngoOrgId: uuid("ngo_org_id").notNull(),
    activityType: text("activity_type").notNull(),
    month: date("month").notNull(),
    kind: ledgerKind("kind").notNull(),
    currency: currency("currency").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [primaryKey({ name: "ledger_ngo_months_pk", columns: [t.ngoOrgId, t.activityType, t.month, t.kind, t.currency] })],
);

/**
 * Live sales per group, year and currency (a few rows a group, where the month rollups have
 * dozens): the top groups of a dashboard are ranked from these with the year's lowest and highest
 * monthly rates as bounds, then only the candidates' months are converted exactly
 * (lib/groups/dashboard.ts revenueByGroup). Independent of the rates, so a rate change moves
 * nothing here. Maintained by the ledger's statement-level triggers, and moved with its group
 * (migration 0031).
 */
export const ledgerGroupSalesYears = pgTable(
  "ledger_group_sales_years",
  {
    groupId: uuid("group_id").notNull(),
    year: date("year").notNull(),
    currency: currency("currency").notNull(),
    // The group's scope keys (as in the cube), for a read policy without a sub-select of groups.
    ngoOrgId: uuid("ngo_org_id").notNull(),
    networkOrgId: uuid("network_org_id"),
    villageId: uuid("village_id").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [
    primaryKey({ name: "ledger_group_sales_years_pk", columns: [t.groupId, t.year, t.currency] }),
    check("ledger_group_sales_years_year_first", sql`extract(doy from ${t.year}) = 1`),
  ],
);

/**
 * Live totals per cooperative network, activity, month, kind and currency (hundreds of rows a
 * network, where the cube has tens of thousands split by NGO and village): a network's
 * dashboard figures without a village or NGO filter. Maintained by the ledger's triggers and
 * moved with its group, like ledger_ngo_months (migration 0032).
 */
export const ledgerNetworkMonths = pgTable(
  "ledger_network_months",
  {
    networkOrgId: uuid("network_org_id").notNull(),
    activityType: text("activity_type").notNull(),
    month: date("month").notNull(),
    kind: ledgerKind("kind").notNull(),
    currency: currency("currency").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [primaryKey({ name: "ledger_network_months_pk", columns: [t.networkOrgId, t.activityType, t.month, t.kind, t.currency] })],
);

/**
 * How many groups share each set of scope keys (NGO, network, village, activity): about a third
 * of the groups' rows at national scale, so that group counts, a scope's filter options and the
 * comparison's counts are summed from these rather than from every group of a consortium.
 * Maintained by statement-level triggers on groups (insert, update of the keys, delete) in the
 * same transaction as the change (migration 0040); read like the cube, on the keys it carries.
 */
export const groupCounts = pgTable(
  "group_counts",
  {
    ngoOrgId: uuid("ngo_org_id").notNull(),
    networkOrgId: uuid("network_org_id"),
    villageId: uuid("village_id").notNull(),
    activityType: text("activity_type").notNull(),
    groups: integer("groups").notNull(),
  },
  (t) => [
    // The unique key (NULLS NOT DISTINCT, for groups without a network) is in the migration.
    index("group_counts_ngo_idx").on(t.ngoOrgId),
    index("group_counts_village_idx").on(t.villageId),
    index("group_counts_network_idx").on(t.networkOrgId),
    check("group_counts_not_negative", sql`${t.groups} >= 0`),
  ],
);
