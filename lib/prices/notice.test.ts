import { describe, expect, it } from "vitest";
import { addDays, addMonths, localDate } from "@/lib/dates";
import { checkEffectiveDate, checkNotice, isAnnouncedOnTime, isUnannouncedIncrease } from "./notice";

const base = { previousPrice: 1000, newPrice: 1100, noticeDays: 7 };

describe("checkNotice", () => {
  it("accepts an increase exactly N days after the notice is recorded, refuses one day less and names the earliest date", () => {
    expect(checkNotice({ ...base, recordedAt: "2026-03-01", effectiveOn: "2026-03-08" })).toEqual({
      ok: true,
      isIncrease: true,
      earliest: "2026-03-08",
    });
    expect(checkNotice({ ...base, recordedAt: "2026-03-01", effectiveOn: "2026-03-07" })).toEqual({
      ok: false,
      reason: "tooShort",
      earliest: "2026-03-08",
    });
  });

  it("lets a decrease or an unchanged price take effect at once, and a first price too", () => {
    expect(checkNotice({ ...base, newPrice: 900, recordedAt: "2026-03-01", effectiveOn: "2026-03-01" }).ok).toBe(true);
    expect(checkNotice({ ...base, newPrice: 1000, recordedAt: "2026-03-01", effectiveOn: "2026-03-01" }).ok).toBe(true);
    expect(checkNotice({ ...base, previousPrice: null, recordedAt: "2026-03-01", effectiveOn: "2026-03-01" }).ok).toBe(true);
  });

  it("counts days from the moment the notice is recorded, in Africa/Nouakchott (UTC+0, no daylight saving)", () => {
    // 23:59:59 UTC on 1 March is still 1 March in Nouakchott; one second later it is 2 March.
    const late = new Date("2026-03-01T23:59:59Z");
    const next = new Date("2026-03-02T00:00:00Z");
    expect(localDate(late)).toBe("2026-03-01");
    expect(localDate(next)).toBe("2026-03-02");
    expect(checkNotice({ ...base, recordedAt: late, effectiveOn: "2026-03-08" }).ok).toBe(true);
    expect(checkNotice({ ...base, recordedAt: next, effectiveOn: "2026-03-08" })).toMatchObject({ ok: false, earliest: "2026-03-09" });
    // Entered at 23:30 in Paris (22:30 UTC, winter) is still the same day in Nouakchott.
    expect(localDate(new Date("2026-01-10T23:30:00+01:00"))).toBe("2026-01-10");
  });

  it("crosses month and leap-year ends", () => {
    expect(addDays("2028-02-25", 7)).toBe("2028-03-03");
    expect(addDays("2027-02-25", 7)).toBe("2027-03-04");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(addMonths("2026-01", -3)).toBe("2025-10");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
  });

  it("with a zero-day notice an increase may start on the day it is recorded", () => {
    expect(checkNotice({ ...base, noticeDays: 0, recordedAt: "2026-03-01", effectiveOn: "2026-03-01" }).ok).toBe(true);
  });

  it("judges recorded increases on time or late, from the day the notice was recorded", () => {
    expect(isAnnouncedOnTime("2026-03-01", "2026-03-08", 7)).toBe(true);
    expect(isAnnouncedOnTime("2026-03-02", "2026-03-08", 7)).toBe(false);
    expect(isAnnouncedOnTime(new Date("2026-03-01T23:59:00Z"), "2026-03-08", 7)).toBe(true);
  });
});

describe("checkEffectiveDate", () => {
  it("refuses a date before the day the decision is recorded, accepts that day", () => {
    expect(checkEffectiveDate({ effectiveOn: "2026-02-28", today: "2026-03-01", horizonDays: 365 })).toEqual({ ok: false, reason: "past" });
    expect(checkEffectiveDate({ effectiveOn: "2026-03-01", today: "2026-03-01", horizonDays: 365 })).toEqual({ ok: true });
  });

  it("refuses a date beyond the horizon and names the latest one", () => {
    expect(checkEffectiveDate({ effectiveOn: "2027-03-01", today: "2026-03-01", horizonDays: 365 })).toEqual({ ok: true });
    expect(checkEffectiveDate({ effectiveOn: "2027-03-02", today: "2026-03-01", horizonDays: 365 })).toEqual({
      ok: false,
      reason: "beyondHorizon",
      latest: "2027-03-01",
    });
    expect(checkEffectiveDate({ effectiveOn: "2099-01-01", today: "2026-03-01", horizonDays: 3650 })).toMatchObject({ ok: false, reason: "beyondHorizon" });
  });
});

describe("isUnannouncedIncrease", () => {
  const today = "2026-03-01";
  const later = { sellingPrice: 120, effectiveOn: "2026-04-01" };
  it("a scheduled version above the one now before it needs a notice recorded in time", () => {
    expect(isUnannouncedIncrease({ previous: { sellingPrice: 100 }, version: later, notice: null, today })).toBe(true);
    const early = { recordedAt: new Date("2026-03-20T10:00:00Z"), noticeDays: 7 };
    expect(isUnannouncedIncrease({ previous: { sellingPrice: 100 }, version: later, notice: early, today })).toBe(false);
    const tooLate = { recordedAt: new Date("2026-03-28T10:00:00Z"), noticeDays: 7 };
    expect(isUnannouncedIncrease({ previous: { sellingPrice: 100 }, version: later, notice: tooLate, today })).toBe(true);
  });

  it("a decrease, a first price or a version already in force needs nothing", () => {
    expect(isUnannouncedIncrease({ previous: { sellingPrice: 130 }, version: later, notice: null, today })).toBe(false);
    expect(isUnannouncedIncrease({ previous: null, version: later, notice: null, today })).toBe(false);
    expect(isUnannouncedIncrease({ previous: { sellingPrice: 100 }, version: { ...later, effectiveOn: "2026-02-01" }, notice: null, today })).toBe(false);
  });
});
