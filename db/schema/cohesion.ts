import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { places, settlementCommunity } from "./places";
import { organisations, users } from "./tenancy";

export const cohesionIndicatorKind = pgEnum("cohesion_indicator_kind", ["perception", "count"]);

/**
 * Reference data (seeded by migration): each indicator's exact question and scale in the three
 * languages, so that a survey means the same thing wherever it is read.
 */
export const cohesionIndicators = pgTable("cohesion_indicators", {
  code: text("code").primaryKey(),
  kind: cohesionIndicatorKind("kind").notNull(),
  questionFr: text("question_fr").notNull(),
  questionAr: text("question_ar").notNull(),
  questionEn: text("question_en").notNull(),
  scaleFr: text("scale_fr").notNull(),
  scaleAr: text("scale_ar").notNull(),
  scaleEn: text("scale_en").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

/** One quarterly cohesion survey of a village, owned by the organisation that entered it. */
export const cohesionSurveys = pgTable(
  "cohesion_surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    villageId: uuid("village_id")
      .notNull()
      .references(() => places.id),
    quarter: text("quarter").notNull(),
    surveyedOn: date("surveyed_on").notNull(),
    hostWomen: integer("host_women").notNull(),
    hostMen: integer("host_men").notNull(),
    refugeeWomen: integer("refugee_women").notNull(),
    refugeeMen: integer("refugee_men").notNull(),
    disputesReferred: integer("disputes_referred").notNull().default(0),
    disputesResolved: integer("disputes_resolved").notNull().default(0),
    notes: text("notes"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("cohesion_surveys_village_quarter_key").on(t.villageId, t.quarter),
    index("cohesion_surveys_org_idx").on(t.orgId),
    check("cohesion_surveys_quarter_format", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check(
      "cohesion_surveys_counts_nonnegative",
      sql`${t.hostWomen} >= 0 and ${t.hostMen} >= 0 and ${t.refugeeWomen} >= 0 and ${t.refugeeMen} >= 0 and ${t.disputesReferred} >= 0 and ${t.disputesResolved} >= 0`,
    ),
    check("cohesion_surveys_resolved_le_referred", sql`${t.disputesResolved} <= ${t.disputesReferred}`),
  ],
);

/** Per survey, indicator and community: how many respondents gave each answer (1 to 4). */
export const cohesionAnswers = pgTable(
  "cohesion_answers",
  {
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => cohesionSurveys.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    indicatorCode: text("indicator_code")
      .notNull()
      .references(() => cohesionIndicators.code),
    community: settlementCommunity("community").notNull(),
    level1: integer("level1").notNull().default(0),
    level2: integer("level2").notNull().default(0),
    level3: integer("level3").notNull().default(0),
    level4: integer("level4").notNull().default(0),
  },
  (t) => [
    uniqueIndex("cohesion_answers_pk").on(t.surveyId, t.indicatorCode, t.community),
    index("cohesion_answers_org_idx").on(t.orgId),
    check("cohesion_answers_nonnegative", sql`${t.level1} >= 0 and ${t.level2} >= 0 and ${t.level3} >= 0 and ${t.level4} >= 0`),
  ],
);
