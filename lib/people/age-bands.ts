/**
 * Age bands of the disaggregation standard (SADDD): 0-5, 6-12, 13-17, 18-49, 50-59, 60-69,
 * 70-79, 80+. Only the year of birth is recorded, so the age used is the age reached during
 * the reference date's year (reference year − year of birth); say so wherever bands are shown.
 */
export const ageBands = ["0-5", "6-12", "13-17", "18-49", "50-59", "60-69", "70-79", "80+"] as const;
export type AgeBand = (typeof ageBands)[number];

/** Lower bound of each band, in the order of `ageBands`. */
const lowerBounds = [0, 6, 13, 18, 50, 60, 70, 80] as const;

/** Oldest plausible age; anything above is treated as a data-entry error. */
export const MAX_AGE = 120;

export function ageInYear(yearOfBirth: number, referenceDate: Date | string): number | null {
  const refYear = typeof referenceDate === "string" ? Number(referenceDate.slice(0, 4)) : referenceDate.getUTCFullYear();
  if (!Number.isInteger(yearOfBirth) || !Number.isInteger(refYear)) return null;
  const age = refYear - yearOfBirth;
  return age < 0 || age > MAX_AGE ? null : age;
}

export function ageBandOfAge(age: number): AgeBand | null {
  if (!Number.isInteger(age) || age < 0 || age > MAX_AGE) return null;
  for (let i = lowerBounds.length - 1; i >= 0; i--) if (age >= lowerBounds[i]) return ageBands[i];
  return null;
}

/** The band of a person born in `yearOfBirth` at `referenceDate`; null when unknown or implausible. */
export function ageBandOf(yearOfBirth: number | null | undefined, referenceDate: Date | string): AgeBand | null {
  if (yearOfBirth == null) return null;
  const age = ageInYear(yearOfBirth, referenceDate);
  return age == null ? null : ageBandOfAge(age);
}

/** Counts per band (every band present, zero included) plus the unknown ones. */
export function countByAgeBand(
  yearsOfBirth: readonly (number | null | undefined)[],
  referenceDate: Date | string,
): { bands: Record<AgeBand, number>; unknown: number } {
  const bands = Object.fromEntries(ageBands.map((b) => [b, 0])) as Record<AgeBand, number>;
  let unknown = 0;
  for (const y of yearsOfBirth) {
    const b = ageBandOf(y, referenceDate);
    if (b) bands[b] += 1;
    else unknown += 1;
  }
  return { bands, unknown };
}
