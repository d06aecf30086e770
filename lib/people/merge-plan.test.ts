import { describe, expect, it } from "vitest";
import { lockedCountedBetween, planAidMerge, planMembershipMerge, subtractPeriods } from "./merge-plan";

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

const aid = (id: string, aidType: string, receivedOn: string) => ({ id, aidType, receivedOn });

describe("planAidMerge", () => {
  it("keeps the earlier of the same aid on both records, and removes the later, whichever record it is on", () => {
    expect(planAidMerge([aid("k1", "glasses", "2025-03-01")], [aid("d1", "glasses", "2025-05-01")], [], [])).toEqual({
      merged: [{ stays: aid("k1", "glasses", "2025-03-01"), removed: aid("d1", "glasses", "2025-05-01"), removedFrom: "duplicate", laterKept: null }],
      moved: [],
      quarters: ["2025-Q2"],
      locked: null,
    });
    const earlier = planAidMerge([aid("k1", "glasses", "2025-05-01")], [aid("d1", "glasses", "2025-03-01")], [], ["2025-Q1", "2025-Q2", "2025-Q3"]);
    expect(earlier.merged).toEqual([
      { stays: aid("d1", "glasses", "2025-03-01"), removed: aid("k1", "glasses", "2025-05-01"), removedFrom: "kept", laterKept: null },
    ]);
    // The duplicate's row moves, and changes the counts only until the kept row's date.
    expect(earlier.moved).toEqual([aid("d1", "glasses", "2025-03-01")]);
    expect(earlier.quarters).toEqual(["2025-Q1", "2025-Q2"]);
    // Received the same day: the kept record's stays.
    expect(planAidMerge([aid("k1", "glasses", "2025-03-01")], [aid("d1", "glasses", "2025-03-01")], [], []).merged[0]).toMatchObject({
      stays: { id: "k1" },
      removedFrom: "duplicate",
    });
  });
  it("moves the aids of kinds only one record has, and pairs a kind's aids in the order they were received", () => {
    const plan = planAidMerge(
      [aid("k2", "wheelchair", "2024-06-01"), aid("k1", "wheelchair", "2023-01-10"), aid("k3", "glasses", "2024-01-01")],
      [aid("d1", "wheelchair", "2023-02-01"), aid("d2", "hearing_aid", "2024-01-01")],
      [],
      [],
    );
    expect(plan.merged).toEqual([
      { stays: aid("k1", "wheelchair", "2023-01-10"), removed: aid("d1", "wheelchair", "2023-02-01"), removedFrom: "duplicate", laterKept: null },
    ]);
    expect(plan.moved).toEqual([aid("d2", "hearing_aid", "2024-01-01")]);
  });
  it("keeps the kept record's later row, and removes the duplicate's, when giving way would change a locked quarter's figures", () => {
    // The person kept is counted in 2025-Q2, locked, between the two dates.
    const plan = planAidMerge([aid("k1", "glasses", "2025-08-01")], [aid("d1", "glasses", "2025-01-15")], ["2025-Q2"], ["2025-Q2", "2025-Q3"]);
    expect(plan.merged).toEqual([
      { stays: aid("k1", "glasses", "2025-08-01"), removed: aid("d1", "glasses", "2025-01-15"), removedFrom: "duplicate", laterKept: "2025-Q2" },
    ]);
    expect(plan).toMatchObject({ moved: [], locked: null, quarters: ["2025-Q1"] });
    // The kept row's own quarter is locked: the database would refuse its removal.
    expect(planAidMerge([aid("k1", "glasses", "2025-05-01")], [aid("d1", "glasses", "2025-01-15")], ["2025-Q2"], []).merged[0]).toMatchObject({
      stays: { id: "k1" },
      laterKept: "2025-Q2",
    });
    // A locked quarter after both dates changes nothing: the earlier row stays.
    expect(planAidMerge([aid("k1", "glasses", "2025-05-01")], [aid("d1", "glasses", "2025-01-15")], ["2025-Q3"], ["2025-Q3"])).toMatchObject({
      merged: [{ stays: { id: "d1" }, removedFrom: "kept" }],
      locked: null,
    });
  });
  it("is refused by a locked quarter the duplicate's rows are in, or one a moved row adds to where the person kept is counted", () => {
    expect(planAidMerge([], [aid("d1", "glasses", "2025-05-01")], ["2025-Q2"], []).locked).toBe("2025-Q2");
    expect(planAidMerge([], [aid("d1", "glasses", "2025-02-01")], ["2025-Q3"], ["2025-Q3"]).locked).toBe("2025-Q3");
    // Not counted there: nothing locked changes.
    expect(planAidMerge([], [aid("d1", "glasses", "2025-02-01")], ["2025-Q3"], ["2025-Q4"]).locked).toBeNull();
    // Locked before the row was received: nothing there changes.
    expect(planAidMerge([], [aid("d1", "glasses", "2025-08-01")], ["2025-Q2"], ["2025-Q2", "2025-Q3"]).locked).toBeNull();
  });
});

describe("lockedCountedBetween", () => {
  it("is the first locked quarter between two quarters, or after one, in which the person is counted", () => {
    expect(lockedCountedBetween("2025-Q1", "2025-Q2", ["2025-Q3", "2024-Q4"], ["2024-Q4", "2025-Q1", "2025-Q3"])).toBeNull();
    expect(lockedCountedBetween("2025-Q1", null, ["2026-Q1", "2025-Q3"], ["2025-Q3", "2026-Q1"])).toBe("2025-Q3");
    expect(lockedCountedBetween("2025-Q1", null, ["2025-Q3"], ["2025-Q2"])).toBeNull();
  });
});
