import { describe, expect, it } from "vitest";
import { disabledWithoutAid, emptyCounts, participation, participationByCategory, percent, refugees } from "./indicators";
import { inclusionParams } from "./params";

describe("inclusion indicators", () => {
  it("computes a percentage with one decimal, none on an empty base", () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 5)).toBe(0);
    expect(percent(0, 0)).toBeNull();
  });

  it("sets a category's share of the managers beside its share of the members", () => {
    // 40 members of whom 10 women; 12 managers of whom 6 women: women are under-represented
    // among members (25%) and over-represented among managers (50%); 60% of them served.
    expect(participation({ members: 10, managers: 6 }, { members: 40, managers: 12 })).toEqual({
      members: 10,
      managers: 6,
      shareOfMembers: 25,
      shareOfManagers: 50,
      servedRate: 60,
    });
    expect(participation({ members: 0, managers: 0 }, { members: 0, managers: 0 })).toEqual({
      members: 0,
      managers: 0,
      shareOfMembers: null,
      shareOfManagers: null,
      servedRate: null,
    });
  });

  it("derives women, men, members with a disability and everyone from the cycle counts", () => {
    const c = emptyCounts();
    c.cycle = { members: 20, women: 15, disabled: 4 };
    c.managers = { members: 8, women: 5, disabled: 1 };
    const p = participationByCategory(c);
    expect(p.women).toMatchObject({ members: 15, managers: 5, shareOfMembers: 75, shareOfManagers: 62.5, servedRate: 33.3 });
    expect(p.men).toMatchObject({ members: 5, managers: 3, shareOfMembers: 25, shareOfManagers: 37.5, servedRate: 60 });
    expect(p.disabled).toMatchObject({ members: 4, managers: 1, shareOfMembers: 20, shareOfManagers: 12.5, servedRate: 25 });
    expect(p.all).toMatchObject({ members: 20, managers: 8, shareOfMembers: 100, shareOfManagers: 100, servedRate: 40 });
  });

  it("counts people with a disability without aid, and refugees in and out of the camp", () => {
    expect(disabledWithoutAid({ disabled: 8, disabledWithAid: 6 })).toBe(2);
    const c = emptyCounts();
    c.status = { host: 10, refugee_out_of_camp: 3, refugee_in_camp: 2, returnee: 4, unknown: 1 };
    expect(refugees(c)).toBe(5);
  });

  it("keeps only well-formed parameters", () => {
    const now = () => "2026-11-29";
    expect(inclusionParams({}, now)).toEqual({ by: "activity", on: "2026-11-29" });
    expect(inclusionParams({ by: "village", on: "2025-02-28" }, now)).toEqual({ by: "village", on: "2025-02-28" });
    expect(inclusionParams({ by: "person", on: "2025-02-30" }, now)).toEqual({ by: "activity", on: "2026-11-29" });
    expect(inclusionParams({ by: ["village"], on: "'; drop table people; --" }, now)).toEqual({ by: "activity", on: "2026-11-29" });
  });
});
