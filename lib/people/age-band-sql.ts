import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { MAX_AGE, type AgeBand } from "./age-bands";

/**
 * The age band of a year-of-birth column, computed in SQL (so that dashboards aggregate in the
 * database) with exactly the rule of `ageBandOf`: age = reference year − year of birth; null when
 * unknown or implausible. `referenceDate` is an ISO date.
 */
export function ageBandSql(yearOfBirth: AnyPgColumn | SQL, referenceDate: string): SQL<AgeBand | null> {
  const age = sql`(extract(year from ${referenceDate}::date)::int - ${yearOfBirth})`;
  return sql<AgeBand | null>`case
    when ${yearOfBirth} is null or ${age} < 0 or ${age} > ${MAX_AGE} then null
    when ${age} >= 80 then '80+'
    when ${age} >= 70 then '70-79'
    when ${age} >= 60 then '60-69'
    when ${age} >= 50 then '50-59'
    when ${age} >= 18 then '18-49'
    when ${age} >= 13 then '13-17'
    when ${age} >= 6 then '6-12'
    else '0-5' end`;
}
