import { describe, expect, it } from "vitest";
import { checkRotation } from "./rotation";

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
  });

  it("the cycle is the latest run of terms covering every team", () => {
    const r = checkRotation(
      ["m1", "m3"],
      teams,
      [term("B", "2023-01-01", "2023-06-30"), term("A", "2023-07-01", "2023-12-31"), term("A", "2024-01-01", "2024-06-30"), term("B", "2024-07-01", "2024-12-31")],
      "2025-01-10",
    );
    expect(r.cycle?.map((t) => t.startsOn)).toEqual(["2024-01-01", "2024-07-01"]);
  });

  it("before a full cycle, only members in no team at all are flagged; future terms do not count", () => {
    const r = checkRotation(["m1", "m3", "m9"], teams, [term("A", "2024-01-01", "2024-03-31"), term("B", "2030-01-01", "2030-03-31")], "2024-02-01");
    expect(r.cycle).toBeNull();
    expect(r.leftOut).toEqual(["m9"]);
  });
});
