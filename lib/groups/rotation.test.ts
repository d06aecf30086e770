import { describe, expect, it } from "vitest";
import { checkRotation, termEnded } from "./rotation";

const teams = [
  { id: "A", memberIds: ["m1", "m2"] },
  { id: "B", memberIds: ["m3"] },
];
const term = (teamId: string, startsOn: string, endsOn: string) => ({ teamId, startsOn, endsOn });

describe("rotation warning", () => {
  it("flags members who belong to no team over a full cycle", () => {
    const r = checkRotation(["m1", "m2", "m3", "m4"], teams, [term("A", "2024-01-01", "2024-03-31"), term("B", "2024-04-01", "2024-06-30")], "2024-07-15");
    expect(r.cycle?.map((t) => t.teamId)).toEqual(["A", "B"]);
    expect(r.leftOut).toEqual(["m4"]);
  });

  it("nobody is left out when every member is in a team that served", () => {
    const r = checkRotation(["m1", "m2", "m3"], teams, [term("A", "2024-01-01", "2024-03-31"), term("B", "2024-04-01", "2024-06-30")], "2024-07-15");
    expect(r.leftOut).toEqual([]);
    expect(r.unservedTeams).toEqual([]);
  });

  it("the cycle is the latest run of ended terms covering every team", () => {
    const r = checkRotation(
      ["m1", "m3"],
      teams,
      [
        term("B", "2023-01-01", "2023-06-30"),
        term("A", "2023-07-01", "2023-12-31"),
        term("A", "2024-01-01", "2024-06-30"),
        term("B", "2024-07-01", "2024-12-31"),
      ],
      "2025-01-10",
    );
    expect(r.cycle?.map((t) => t.startsOn)).toEqual(["2024-01-01", "2024-07-01"]);
  });

  it("flags the members of a team that never served, with no full cycle; future terms do not count", () => {
    const r = checkRotation(["m1", "m3", "m9"], teams, [term("A", "2024-01-01", "2024-01-31"), term("B", "2030-01-01", "2030-03-31")], "2024-02-01");
    expect(r.cycle).toBeNull();
    expect(r.unservedTeams).toEqual(["B"]);
    expect(r.leftOut).toEqual(["m3", "m9"]);
  });

  it("a team that never held any term: its members are left out and the group has no full cycle", () => {
    const three = [...teams, { id: "C", memberIds: ["m5", "m6"] }];
    const r = checkRotation(
      ["m1", "m2", "m3", "m5", "m6"],
      three,
      [term("A", "2024-01-01", "2024-03-31"), term("B", "2024-04-01", "2024-06-30")],
      "2024-07-15",
    );
    expect(r.cycle).toBeNull();
    expect(r.unservedTeams).toEqual(["C"]);
    expect(r.leftOut).toEqual(["m5", "m6"]);
  });

  it("a running term is not served: the team managing now is still left out until its term ends", () => {
    const terms = [term("A", "2024-01-01", "2024-06-30"), term("B", "2024-07-01", "2024-12-31")];
    const running = checkRotation(["m1", "m3"], teams, terms, "2024-09-15");
    expect(running.cycle).toBeNull();
    expect(running.leftOut).toEqual(["m3"]);
    const after = checkRotation(["m1", "m3"], teams, terms, "2025-01-01");
    expect(after.cycle?.map((t) => t.teamId)).toEqual(["A", "B"]);
    expect(after.leftOut).toEqual([]);
  });

  it("a running term is not part of the last full cycle, which stays the last completed one", () => {
    const terms = [term("A", "2024-01-01", "2024-06-30"), term("B", "2024-07-01", "2024-12-31"), term("A", "2025-01-01", "2025-06-30")];
    const r = checkRotation(["m1", "m3"], teams, terms, "2025-03-01");
    expect(r.cycle?.map((t) => t.startsOn)).toEqual(["2024-01-01", "2024-07-01"]);
  });

  it("the last day of a term is part of it: a term ending on the reference date is still running", () => {
    const terms = [term("A", "2024-01-01", "2024-06-30"), term("B", "2024-07-01", "2024-12-31")];
    expect(termEnded(terms[1], "2024-12-31")).toBe(false);
    expect(termEnded(terms[1], "2025-01-01")).toBe(true);
    const onLastDay = checkRotation(["m1", "m3"], teams, terms, "2024-12-31");
    expect(onLastDay.cycle).toBeNull();
    expect(onLastDay.leftOut).toEqual(["m3"]);
    expect(checkRotation(["m1", "m3"], teams, terms, "2025-01-01").leftOut).toEqual([]);
  });

  it("members in no team at all are flagged, with or without a full cycle, and in a group without teams", () => {
    expect(checkRotation(["m1", "m9"], teams, [], "2024-07-15").leftOut).toEqual(["m1", "m9"]);
    const none = checkRotation(["m1", "m9"], [], [], "2024-07-15");
    expect(none).toEqual({ cycle: null, leftOut: ["m1", "m9"], unservedTeams: [] });
  });

  it("a cycle completed long ago, then a new team: no full cycle any more, and the new team's members are flagged", () => {
    const withNew = [...teams, { id: "N", memberIds: ["m7"] }];
    const terms = [term("A", "2020-01-01", "2020-06-30"), term("B", "2020-07-01", "2020-12-31"), term("A", "2024-01-01", "2024-06-30")];
    const before = checkRotation(["m1", "m3", "m7"], teams, terms, "2025-01-01");
    expect(before.cycle?.map((t) => t.startsOn)).toEqual(["2020-07-01", "2024-01-01"]);
    expect(before.leftOut).toEqual(["m7"]);
    const after = checkRotation(["m1", "m3", "m7"], withNew, terms, "2025-01-01");
    expect(after.cycle).toBeNull();
    expect(after.unservedTeams).toEqual(["N"]);
    expect(after.leftOut).toEqual(["m7"]);
    // Once the new team's first term has ended, the cycle closes again over the three teams.
    const served = checkRotation(["m1", "m3", "m7"], withNew, [...terms, term("N", "2025-01-01", "2025-06-30")], "2025-07-01");
    expect(served.cycle?.map((t) => t.teamId)).toEqual(["B", "A", "N"]);
    expect(served.leftOut).toEqual([]);
  });

  it("terms of another group's team are ignored; a member in several teams served if any of them did", () => {
    const overlapping = [
      { id: "A", memberIds: ["m1"] },
      { id: "B", memberIds: ["m1", "m2"] },
    ];
    const r = checkRotation(["m1", "m2"], overlapping, [term("A", "2024-01-01", "2024-03-31"), term("Z", "2024-04-01", "2024-06-30")], "2024-07-15");
    expect(r.cycle).toBeNull();
    expect(r.leftOut).toEqual(["m2"]);
  });
});
