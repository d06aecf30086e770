import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";
import { places } from "./places";
import { organisations } from "./tenancy";

export const currency = pgEnum("currency", ["XOF", "MRU"]);
export const activityKind = pgEnum("activity_kind", ["group", "individual"]);
export const groupStatus = pgEnum("group_status", ["active", "paused", "closed"]);
/** How a group shares its profit: equally, or weighted by manager team (lib/groups/profit.ts). */
export const profitRule = pgEnum("profit_rule", ["equal", "team_weighted"]);

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
    profitRule: profitRule("profit_rule").notNull().default("equal"),
    version: integer("version").notNull().default(1),
    /** Archived: out of pickers and new entries (migration 0033), its history and figures kept. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("groups_ngo_idx").on(t.ngoOrgId),
    // Target of the composite foreign keys that keep a child's owner equal to its group's.
    uniqueIndex("groups_id_ngo_key").on(t.id, t.ngoOrgId),
    index("groups_network_idx").on(t.networkOrgId),
    index("groups_village_idx").on(t.villageId),
    check("groups_capital_nonnegative", sql`${t.startingCapitalAmount} >= 0`),
  ],
);

/** A person's membership of a group; leaving closes it, history is kept. */
export const groupMemberships = pgTable(
  "group_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    joinedOn: date("joined_on").notNull(),
    leftOn: date("left_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("group_memberships_group_idx").on(t.groupId),
    index("group_memberships_person_idx").on(t.personId),
    // No person active twice in the same group.
    uniqueIndex("group_memberships_one_active")
      .on(t.groupId, t.personId)
      .where(sql`${t.leftOn} is null`),
    check("group_memberships_dates", sql`${t.leftOn} is null or ${t.leftOn} >= ${t.joinedOn}`),
  ],
);

/** A named set of members who manage the group together during its terms. */
export const managerTeams = pgTable(
  "manager_teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    name: text("name").notNull(),
    /** Share weight when the group's profit rule is team_weighted. */
    weight: integer("weight").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("manager_teams_group_idx").on(t.groupId), check("manager_teams_weight_positive", sql`${t.weight} between 1 and 100`)],
);

export const managerTeamMembers = pgTable(
  "manager_team_members",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => managerTeams.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => groupMemberships.id),
  },
  (t) => [uniqueIndex("manager_team_members_pk").on(t.teamId, t.membershipId)],
);

/** A team's term of management; terms of one group never overlap (trigger in 0004). */
export const managerTerms = pgTable(
  "manager_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => managerTeams.id),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
  },
  (t) => [index("manager_terms_group_idx").on(t.groupId, t.startsOn), check("manager_terms_dates", sql`${t.endsOn} >= ${t.startsOn}`)],
);
