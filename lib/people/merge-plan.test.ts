import { describe, expect, it } from "vitest";
import { planMembershipMerge, subtractPeriods } from "./merge-plan";

const m = (id: string, groupId: string, joinedOn: string, leftOn: string | null) => ({ id, groupId, joinedOn, leftOn });

describe("subtractPeriods", () => {
  it("keeps a period that overlaps nothing", () => {
    expect(subtractPeriods({ joinedOn: "2025-01-01", leftOn: "2025-03-01" }, [{ joinedOn: "2025-03-01", leftOn: null }])).toEqual([
      { joinedOn: "2025-01-01", leftOn: "2025-03-01" },
    ]);
  });
  it("cuts the days before, after, and on both sides of another period", () => {
    expect(subtractPeriods({ joinedOn: "2025-01-01", leftOn: null }, [{ joinedOn: "2025-02-01", leftOn: null }])).toEqual([
      { joinedOn: "2025-01-01", leftOn: "2025-02-01" },
    ]);
    expect(subtractPeriods({ joinedOn: "2025-01-01", leftOn: null }, [{ joinedOn: "2024-06-01", leftOn: "2025-02-01" }])).toEqual([
      { joinedOn: "2025-02-01", leftOn: null },
    ]);
    expect(subtractPeriods({ joinedOn: "2025-01-01", leftOn: null }, [{ joinedOn: "2025-02-01", leftOn: "2025-03-01" }])).toEqual([
      { joinedOn: "2025-01-01", leftOn: "2025-02-01" },
      { joinedOn: "2025-03-01", leftOn: null },
    ]);
  });
  it("leaves nothing of a period inside another, and ignores periods of no day", () => {
    expect(subtractPeriods({ joinedOn: "2025-02-01", leftOn: "2025-03-01" }, [{ joinedOn: "2025-01-01", leftOn: null }])).toEqual([]);
    expect(subtractPeriods({ joinedOn: "2025-02-01", leftOn: null }, [{ joinedOn: "2025-02-01", leftOn: "2025-02-01" }])).toEqual([
      { joinedOn: "2025-02-01", leftOn: null },
    ]);
  });
});

describe("planMembershipMerge", () => {
  it("moves a membership of a group the kept person is not in unchanged", () => {
    const plan = planMembershipMerge([m("k1", "g1", "2025-01-01", null)], [m("d1", "g2", "2025-01-01", null)]);
    expect(plan).toEqual({ moved: [{ ...m("d1", "g2", "2025-01-01", null), before: { joinedOn: "2025-01-01", leftOn: null } }], added: [] });
  });
  it("closes on its first day a membership wholly inside the kept one: one open membership per group", () => {
    const plan = planMembershipMerge([m("k1", "g1", "2025-01-01", null)], [m("d1", "g1", "2025-01-01", null)]);
    expect(plan.moved).toEqual([{ ...m("d1", "g1", "2025-01-01", "2025-01-01"), before: { joinedOn: "2025-01-01", leftOn: null } }]);
    expect(plan.added).toEqual([]);
  });
  it("keeps the days before the kept membership began, and splits around a kept one in its middle", () => {
    const earlier = planMembershipMerge([m("k1", "g1", "2025-03-01", null)], [m("d1", "g1", "2025-01-01", null)]);
    expect(earlier.moved[0]).toMatchObject({ joinedOn: "2025-01-01", leftOn: "2025-03-01" });
    const split = planMembershipMerge([m("k1", "g1", "2025-02-01", "2025-03-01")], [m("d1", "g1", "2025-01-01", null)]);
    expect(split.moved[0]).toMatchObject({ id: "d1", joinedOn: "2025-01-01", leftOn: "2025-02-01" });
    expect(split.added).toEqual([{ groupId: "g1", joinedOn: "2025-03-01", leftOn: null, from: "d1" }]);
  });
});
