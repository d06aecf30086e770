import { describe, expect, it } from "vitest";
import { addDays, addMonths, localDate } from "./dates";
import { checkNotice, isAnnouncedOnTime } from "./notice";

const base = { previousPrice: 1000, newPrice: 1100, noticeDays: 7 };

describe("checkNotice", () => {
  it("accepts an increase exactly N days after publication, refuses one day less and names the earliest date", () => {
    expect(checkNotice({ ...base, publishedOn: "2026-03-01", effectiveOn: "2026-03-08" })).toEqual({
      ok: true,
      isIncrease: true,
      earliest: "2026-03-08",
    });
    expect(checkNotice({ ...base, publishedOn: "2026-03-01", effectiveOn: "2026-03-07" })).toEqual({
      ok: false,
      reason: "tooShort",
      earliest: "2026-03-08",
    });
  });

  it("lets a decrease or an unchanged price take effect at once, and a first price too", () => {
    expect(checkNotice({ ...base, newPrice: 900, publishedOn: "2026-03-01", effectiveOn: "2026-03-01" }).ok).toBe(true);
    expect(checkNotice({ ...base, newPrice: 1000, publishedOn: "2026-03-01", effectiveOn: "2026-03-01" }).ok).toBe(true);
    expect(checkNotice({ ...base, previousPrice: null, publishedOn: "2026-03-01", effectiveOn: "2026-03-01" }).ok).toBe(true);
  });

  it("counts days from the publication date in Africa/Nouakchott (UTC+0, no daylight saving)", () => {
    // 23:59:59 UTC on 1 March is still 1 March in Nouakchott; one second later it is 2 March.
    const late = new Date("2026-03-01T23:59:59Z");
    const next = new Date("2026-03-02T00:00:00Z");
    expect(localDate(late)).toBe("2026-03-01");
    expect(localDate(next)).toBe("2026-03-02");
    expect(checkNotice({ ...base, publishedOn: late, effectiveOn: "2026-03-08" }).ok).toBe(true);
    expect(checkNotice({ ...base, publishedOn: next, effectiveOn: "2026-03-08" })).toMatchObject({ ok: false, earliest: "2026-03-09" });
    // Published at 23:30 in Paris (22:30 UTC, winter) is still the same day in Nouakchott.
    expect(localDate(new Date("2026-01-10T23:30:00+01:00"))).toBe("2026-01-10");
  });

  it("crosses month and leap-year ends", () => {
    expect(addDays("2028-02-25", 7)).toBe("2028-03-03");
    expect(addDays("2027-02-25", 7)).toBe("2027-03-04");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(addMonths("2026-01", -3)).toBe("2025-10");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
  });

  it("with a zero-day notice an increase may start on the publication day", () => {
    expect(checkNotice({ ...base, noticeDays: 0, publishedOn: "2026-03-01", effectiveOn: "2026-03-01" }).ok).toBe(true);
  });

  it("judges recorded increases on time or late", () => {
    expect(isAnnouncedOnTime("2026-03-01", "2026-03-08", 7)).toBe(true);
    expect(isAnnouncedOnTime("2026-03-02", "2026-03-08", 7)).toBe(false);
  });
});
