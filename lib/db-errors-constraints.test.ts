import { describe, expect, it } from "vitest";
import { appErrorFromDb } from "./db-errors";

/** Constraint violations a form can cause (a race, a reference that is data) are the form's refusals, not internal errors. */
describe("appErrorFromDb: constraints", () => {
  it("names the field for a racing duplicate or an unknown reference, as postgres.js and PGlite report them", () => {
    const wrapped = { message: "Failed query", cause: { code: "23505", constraint_name: "users_email_key" } };
    expect(appErrorFromDb(wrapped)).toMatchObject({ code: "validation", messageKey: "emailTaken", fieldErrors: { email: "emailTaken" } });
    const pglite = { code: "23503", constraint: "groups_activity_type_activity_types_code_fk" };
    expect(appErrorFromDb(pglite)).toMatchObject({ code: "validation", messageKey: "invalid", fieldErrors: { activityType: "invalid" } });
  });

  it("answers a conflict when two entries of what exists once arrive at the same time", () => {
    for (const c of ["exchange_rates_valid_from_key", "cohesion_surveys_village_quarter_key", "group_evaluations_group_quarter_key"]) {
      expect(appErrorFromDb({ cause: { code: "23505", constraint_name: c } })).toMatchObject({ code: "conflict", messageKey: "conflict" });
    }
  });

  it("leaves any other constraint to the generic internal error", () => {
    expect(appErrorFromDb({ code: "23505", constraint_name: "some_other_key" })).toBeNull();
  });
});
