import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { groups } from "./groups";
import { organisations, users } from "./tenancy";

/** A coach's visit to a group; owned by the NGO that supports the group. */
export const coachingVisits = pgTable(
  "coaching_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    visitedOn: date("visited_on").notNull(),
    coachUserId: uuid("coach_user_id").references(() => users.id),
    coachName: text("coach_name").notNull(),
    topics: text("topics").notNull(),
    findings: text("findings").notNull().default(""),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidReason: text("void_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    /** The idempotency key a form or the offline outbox made for this visit (issue 16): sent twice, recorded once. */
    clientKey: uuid("client_key"),
  },
  (t) => [
    index("coaching_visits_ngo_date_idx").on(t.ngoOrgId, t.visitedOn),
    uniqueIndex("coaching_visits_client_key_idx").on(t.ngoOrgId, t.clientKey),
    index("coaching_visits_group_idx").on(t.groupId),
    check("coaching_visits_void_reason", sql`(${t.voidedAt} is null) = (${t.voidReason} is null)`),
  ],
);

/** A follow-up action agreed during a visit, with its due date. */
export const coachingFollowUps = pgTable(
  "coaching_follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    visitId: uuid("visit_id")
      .notNull()
      .references(() => coachingVisits.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    dueOn: date("due_on").notNull(),
    doneOn: date("done_on"),
  },
  (t) => [index("coaching_follow_ups_ngo_due_idx").on(t.ngoOrgId, t.dueOn), index("coaching_follow_ups_visit_idx").on(t.visitId)],
);

/** The project experts' quarterly evaluation of a group; score on a 0–10 scale. */
export const groupEvaluations = pgTable(
  "group_evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    quarter: text("quarter").notNull(),
    evaluatedOn: date("evaluated_on").notNull(),
    rulesRespected: boolean("rules_respected").notNull(),
    booksKept: boolean("books_kept").notNull(),
    stockChecked: boolean("stock_checked").notNull(),
    score: integer("score").notNull(),
    comments: text("comments").notNull().default(""),
    evaluatorUserId: uuid("evaluator_user_id").references(() => users.id),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidReason: text("void_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("group_evaluations_group_quarter_key")
      .on(t.groupId, t.quarter)
      .where(sql`${t.voidedAt} is null`),
    index("group_evaluations_ngo_quarter_idx").on(t.ngoOrgId, t.quarter),
    check("group_evaluations_quarter_format", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("group_evaluations_score_scale", sql`${t.score} between 0 and 10`),
    check("group_evaluations_void_reason", sql`(${t.voidedAt} is null) = (${t.voidReason} is null)`),
  ],
);

/**
 * An NGO's locked quarter: its records dated in that quarter can no longer be created, changed
 * or voided. Unlocking closes the row (with a reason); the history stays.
 */
export const quarterLocks = pgTable(
  "quarter_locks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    quarter: text("quarter").notNull(),
    lockedAt: timestamp("locked_at", { withTimezone: true }).notNull().defaultNow(),
    lockedBy: uuid("locked_by").references(() => users.id),
    unlockedAt: timestamp("unlocked_at", { withTimezone: true }),
    unlockedBy: uuid("unlocked_by").references(() => users.id),
    unlockReason: text("unlock_reason"),
  },
  (t) => [
    uniqueIndex("quarter_locks_active_key")
      .on(t.ngoOrgId, t.quarter)
      .where(sql`${t.unlockedAt} is null`),
    check("quarter_locks_quarter_format", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("quarter_locks_unlock_reason", sql`(${t.unlockedAt} is null) = (${t.unlockReason} is null)`),
  ],
);
