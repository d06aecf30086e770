/**
 * Which value of each detail the person kept ends with when a duplicate is merged into them (pure).
 *
 * The details are those a person edit changes (lib/people/edit-schema.ts: name, sex, year of
 * birth, the six Washington Group answers) and the household the person belongs to (its village,
 * status and size come with it). For each detail where the two records differ the writer chooses
 * the record it comes from; the form proposes the kept record's value, or the duplicate's where
 * the kept record has none (no household, a question not asked).
 */
export const mergeDetailFields = [
  "name",
  "sex",
  "birthYear",
  "household",
  "wgSeeing",
  "wgHearing",
  "wgWalking",
  "wgCognition",
  "wgSelfCare",
  "wgCommunication",
] as const;
export type MergeDetailField = (typeof mergeDetailFields)[number];
export type DetailSource = "kept" | "duplicate";
export const detailSources = ["kept", "duplicate"] as const satisfies readonly DetailSource[];

/** The form field that carries a detail's choice. */
export const choiceField = <F extends MergeDetailField>(f: F) => `${f}From` as const;
export type ChoiceField = ReturnType<typeof choiceField<MergeDetailField>>;

/**
 * Counted in the inclusion figures (sex, age, disability, household status): a change is refused
 * while a quarter of the person's memberships is locked, as an edit's is (migration 0033). The
 * name is free.
 */
export const isCountedDetail = (f: MergeDetailField) => f !== "name";

type Answer = "none" | "some" | "a_lot" | "cannot" | "not_asked";
export interface PersonDetails {
  name: string;
  sex: "female" | "male";
  birthYear: number;
  householdId: string | null;
  wgSeeing: Answer;
  wgHearing: Answer;
  wgWalking: Answer;
  wgCognition: Answer;
  wgSelfCare: Answer;
  wgCommunication: Answer;
}

/** A record's details only (a row of `people` holds more). */
export function detailsOf(p: PersonDetails): PersonDetails {
  const { name, sex, birthYear, householdId, wgSeeing, wgHearing, wgWalking, wgCognition, wgSelfCare, wgCommunication } = p;
  return { name, sex, birthYear, householdId, wgSeeing, wgHearing, wgWalking, wgCognition, wgSelfCare, wgCommunication };
}

/** A detail's value on a record (the household by its id). */
export function detailOf(p: PersonDetails, f: MergeDetailField): string | number | null {
  return f === "household" ? p.householdId : p[f];
}

/** A value the record does not really hold: no household, a question not asked. */
export function isBlankDetail(f: MergeDetailField, v: string | number | null): boolean {
  return v === null || v === "" || (f.startsWith("wg") && v === "not_asked");
}

/** The details on which the two records differ, in the form's order. */
export function differingDetails(kept: PersonDetails, duplicate: PersonDetails): MergeDetailField[] {
  return mergeDetailFields.filter((f) => detailOf(kept, f) !== detailOf(duplicate, f));
}

/** What the form proposes for a detail: the kept record's value, unless it is blank and the duplicate's is not. */
export function proposedSource(f: MergeDetailField, kept: PersonDetails, duplicate: PersonDetails): DetailSource {
  return isBlankDetail(f, detailOf(kept, f)) && !isBlankDetail(f, detailOf(duplicate, f)) ? "duplicate" : "kept";
}

/**
 * The details the kept person ends with, given a source per detail (absent: the kept record's),
 * and the details taken from the duplicate (only those where the records differ).
 */
export function chooseDetails(
  kept: PersonDetails,
  duplicate: PersonDetails,
  choices: Partial<Record<MergeDetailField, DetailSource>>,
): { values: PersonDetails; fromDuplicate: MergeDetailField[] } {
  const values = detailsOf(kept);
  const fromDuplicate: MergeDetailField[] = [];
  for (const f of differingDetails(kept, duplicate)) {
    if (choices[f] !== "duplicate") continue;
    fromDuplicate.push(f);
    if (f === "household") values.householdId = duplicate.householdId;
    else (values as unknown as Record<string, unknown>)[f] = duplicate[f];
  }
  return { values, fromDuplicate };
}
