import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { cohesionAnswers, cohesionIndicators, cohesionSurveys, organisations, places } from "@/db/schema";
import type { Community, LevelCounts, PerceptionIndicator } from "./indicators";

export interface CohesionAggregate {
  /** The quarter, or the village id, depending on the grouping. */
  key: string;
  surveys: number;
  respondents: Record<Community, { women: number; men: number }>;
  disputesReferred: number;
  disputesResolved: number;
  answers: Partial<Record<PerceptionIndicator, Partial<Record<Community, LevelCounts>>>>;
}

/**
 * Survey totals of the given (already visibility-checked) villages, summed in SQL per quarter or
 * per village; `quarter` restricts to one quarter.
 */
export async function aggregateSurveys(
  db: Queryable,
  villageIds: readonly string[],
  by: "quarter" | "village",
  filter: { quarter?: string } = {},
): Promise<CohesionAggregate[]> {
  if (villageIds.length === 0) return [];
  const key = by === "quarter" ? cohesionSurveys.quarter : cohesionSurveys.villageId;
  const where = and(inArray(cohesionSurveys.villageId, [...villageIds]), filter.quarter ? eq(cohesionSurveys.quarter, filter.quarter) : undefined);
  const totals = await db
    .select({
      key: sql<string>`${key}::text`,
      surveys: sql<number>`count(*)::int`,
      hostWomen: sql<number>`sum(${cohesionSurveys.hostWomen})::int`,
      hostMen: sql<number>`sum(${cohesionSurveys.hostMen})::int`,
      refugeeWomen: sql<number>`sum(${cohesionSurveys.refugeeWomen})::int`,
      refugeeMen: sql<number>`sum(${cohesionSurveys.refugeeMen})::int`,
      disputesReferred: sql<number>`sum(${cohesionSurveys.disputesReferred})::int`,
      disputesResolved: sql<number>`sum(${cohesionSurveys.disputesResolved})::int`,
    })
    .from(cohesionSurveys)
    .where(where)
    .groupBy(key)
    .orderBy(asc(key));
  const answers = await db
    .select({
      key: sql<string>`${key}::text`,
      indicator: cohesionAnswers.indicatorCode,
      community: cohesionAnswers.community,
      l1: sql<number>`sum(${cohesionAnswers.level1})::int`,
      l2: sql<number>`sum(${cohesionAnswers.level2})::int`,
      l3: sql<number>`sum(${cohesionAnswers.level3})::int`,
      l4: sql<number>`sum(${cohesionAnswers.level4})::int`,
    })
    .from(cohesionAnswers)
    .innerJoin(cohesionSurveys, eq(cohesionSurveys.id, cohesionAnswers.surveyId))
    .where(where)
    .groupBy(key, cohesionAnswers.indicatorCode, cohesionAnswers.community);
  return totals.map((t) => {
    const agg: CohesionAggregate = {
      key: t.key,
      surveys: t.surveys,
      respondents: { host: { women: t.hostWomen, men: t.hostMen }, refugee: { women: t.refugeeWomen, men: t.refugeeMen } },
      disputesReferred: t.disputesReferred,
      disputesResolved: t.disputesResolved,
      answers: {},
    };
    for (const a of answers.filter((x) => x.key === t.key)) {
      const ind = a.indicator as PerceptionIndicator;
      agg.answers[ind] = { ...agg.answers[ind], [a.community]: [a.l1, a.l2, a.l3, a.l4] as const };
    }
    return agg;
  });
}

/** Quarters with at least one survey among the given villages, newest first. */
export async function listSurveyQuarters(db: Queryable, villageIds: readonly string[]): Promise<string[]> {
  if (villageIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ quarter: cohesionSurveys.quarter })
    .from(cohesionSurveys)
    .where(inArray(cohesionSurveys.villageId, [...villageIds]))
    .orderBy(sql`${cohesionSurveys.quarter} desc`);
  return rows.map((r) => r.quarter);
}

/** The surveys entered by this organisation, newest first (for its editors). */
export async function listOwnSurveys(db: Queryable, orgId: string, limit = 50) {
  return db
    .select({ id: cohesionSurveys.id, quarter: cohesionSurveys.quarter, surveyedOn: cohesionSurveys.surveyedOn, village: places.name })
    .from(cohesionSurveys)
    .innerJoin(places, eq(places.id, cohesionSurveys.villageId))
    .where(eq(cohesionSurveys.orgId, orgId))
    .orderBy(sql`${cohesionSurveys.quarter} desc`, asc(places.name))
    .limit(limit);
}

/** Who entered the surveys of these villages (shown beside the figures). */
export async function listSurveyEnterers(db: Queryable, villageIds: readonly string[]) {
  if (villageIds.length === 0) return [];
  return db
    .selectDistinct({ name: organisations.name })
    .from(cohesionSurveys)
    .innerJoin(organisations, eq(organisations.id, cohesionSurveys.orgId))
    .where(inArray(cohesionSurveys.villageId, [...villageIds]))
    .orderBy(asc(organisations.name));
}

export async function listIndicatorTexts(db: Queryable) {
  return db.select().from(cohesionIndicators).orderBy(asc(cohesionIndicators.sortOrder));
}
