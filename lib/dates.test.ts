import { afterEach, describe, expect, it, vi } from "vitest";
import { addDays, addMonths, isIsoDate, isoDate, localDate, localStamp, monthOf, today } from "./dates";
import { cohesionSurveySchema } from "./cohesion/schema";
import { coachingVisitSchema } from "./coaching/schema";
import { createSessionSchema } from "./prices/schema";
import { recordEntrySchema } from "./groups/schema";

describe("lib/dates", () => {
  afterEach(() => vi.useRealTimers());

  it("today() is the calendar date in Nouakchott, which is UTC all year", () => {
    vi.useFakeTimers();
    // Late evening and just after midnight, in winter and in summer: no offset, no daylight saving.
    vi.setSystemTime(new Date("2026-01-15T23:59:59Z"));
    expect(today()).toBe("2026-01-15");
    vi.setSystemTime(new Date("2026-07-01T00:00:01Z"));
    expect(today()).toBe("2026-07-01");
    vi.setSystemTime(new Date("2026-12-31T23:30:00Z"));
    expect(today()).toBe("2026-12-31");
  });

  it("dates and stamps an instant in Nouakchott time", () => {
    expect(localDate(new Date("2025-03-01T00:10:00Z"))).toBe("2025-03-01");
    expect(localStamp(new Date("2025-03-01T17:05:00Z"))).toBe("2025-03-01 17:05");
  });

  it("refuses impossible and malformed dates", () => {
    for (const ok of ["2025-02-28", "2024-02-29", "2025-12-31", "2000-01-01"]) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ["2025-02-30", "2025-02-29", "2023-04-31", "2025-13-01", "2025-00-10", "2025-1-5", "25-01-05", "2025-01-05T00:00", " 2025-01-05", ""]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(isoDate.safeParse("2025-02-30").success).toBe(false);
    expect(isoDate.safeParse("2025-02-28").success).toBe(true);
    expect(isoDate.safeParse("2025-02-30").error?.issues[0].message).toBe("dateInvalid");
    expect(isoDate.safeParse(20250228).error?.issues[0].message).toBe("dateInvalid");
  });

  it("counts days and months across month and year ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(monthOf("2025-07-19")).toBe("2025-07");
    expect(addMonths("2025-01", -1)).toBe("2024-12");
    expect(addMonths("2025-11", 3)).toBe("2026-02");
    expect(addMonths("2025-06", -18)).toBe("2023-12");
  });

  it("every area's form schema refuses 2025-02-30 with the same message", () => {
    const id = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    const dateError = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
      r.error?.issues.find((i) => i.path[0] === field)?.message;
    expect(dateError(createSessionSchema.safeParse({ heldOn: "2025-02-30", place: "Fassala" }), "heldOn")).toBe("dateInvalid");
    expect(dateError(cohesionSurveySchema.safeParse({ villageId: id, surveyedOn: "2025-02-30" }), "surveyedOn")).toBe("dateInvalid");
    expect(dateError(coachingVisitSchema.safeParse({ groupId: id, visitedOn: "2025-02-30" }), "visitedOn")).toBe("dateInvalid");
    expect(dateError(recordEntrySchema.safeParse({ groupId: id, occurredOn: "2025-02-30" }), "occurredOn")).toBe("dateInvalid");
    // And each takes a real date (no date error, whatever else the form lacks).
    expect(dateError(createSessionSchema.safeParse({ heldOn: "2025-02-28", place: "Fassala" }), "heldOn")).toBeUndefined();
    expect(dateError(cohesionSurveySchema.safeParse({ villageId: id, surveyedOn: "2025-02-28" }), "surveyedOn")).toBeUndefined();
    expect(dateError(coachingVisitSchema.safeParse({ groupId: id, visitedOn: "2025-02-28" }), "visitedOn")).toBeUndefined();
    expect(dateError(recordEntrySchema.safeParse({ groupId: id, occurredOn: "2025-02-28" }), "occurredOn")).toBeUndefined();
  });
});
