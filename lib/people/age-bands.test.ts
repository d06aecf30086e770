import { describe, expect, it } from "vitest";
import { ageBandOf, ageBandOfAge, ageBands, ageInYear, countByAgeBand } from "./age-bands";

describe("age bands", () => {
  it("puts each boundary age in the right band", () => {
    const cases: [number, string][] = [
      [0, "0-5"],
      [5, "0-5"],
      [6, "6-12"],
      [12, "6-12"],
      [13, "13-17"],
      [17, "13-17"],
      [18, "18-49"],
      [49, "18-49"],
      [50, "50-59"],
      [59, "50-59"],
      [60, "60-69"],
      [69, "60-69"],
      [70, "70-79"],
      [79, "70-79"],
      [80, "80+"],
      [120, "80+"],
    ];
    for (const [age, band] of cases) expect(ageBandOfAge(age), `age ${age}`).toBe(band);
  });

  it("uses the age reached in the reference year", () => {
    expect(ageInYear(2008, "2026-01-01")).toBe(18);
    expect(ageBandOf(2008, "2026-01-01")).toBe("18-49");
    expect(ageBandOf(2008, new Date(Date.UTC(2025, 11, 31)))).toBe("13-17");
    expect(ageBandOf(1946, "2026-06-30")).toBe("80+");
  });

  it("gives no band to an unknown, future or implausible year of birth", () => {
    expect(ageBandOf(null, "2026-01-01")).toBeNull();
    expect(ageBandOf(2027, "2026-01-01")).toBeNull();
    expect(ageBandOf(1890, "2026-01-01")).toBeNull();
    expect(ageBandOfAge(-1)).toBeNull();
    expect(ageBandOfAge(4.5)).toBeNull();
  });

  it("counts every band, zero included, and the unknown apart", () => {
    const { bands, unknown } = countByAgeBand([2024, 2015, 1990, 1990, 1960, null, 2030], "2026-03-31");
    expect(Object.keys(bands)).toEqual([...ageBands]);
    expect(bands).toMatchObject({ "0-5": 1, "6-12": 1, "18-49": 2, "60-69": 1, "80+": 0 });
    expect(unknown).toBe(2);
  });
});
