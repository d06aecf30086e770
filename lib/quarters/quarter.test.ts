import { describe, expect, it } from "vitest";
import { isQuarter, lastQuarters, previousQuarter, quarterBounds, quarterOf } from "./quarter";

describe("quarters", () => {
  it("finds the quarter of a date", () => {
    expect(quarterOf("2026-01-01")).toBe("2026-Q1");
    expect(quarterOf("2026-03-31")).toBe("2026-Q1");
    expect(quarterOf("2026-04-01")).toBe("2026-Q2");
    expect(quarterOf("2026-12-31")).toBe("2026-Q4");
  });
  it("gives the bounds of a quarter, leap years included", () => {
    expect(quarterBounds("2024-Q1")).toEqual({ start: "2024-01-01", end: "2024-03-31" });
    expect(quarterBounds("2026-Q2")).toEqual({ start: "2026-04-01", end: "2026-06-30" });
    expect(quarterBounds("2026-Q4")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
  });
  it("steps back across years", () => {
    expect(previousQuarter("2026-Q1")).toBe("2025-Q4");
    expect(lastQuarters("2026-Q2", 4)).toEqual(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
  });
  it("recognises only well-formed quarters", () => {
    expect(isQuarter("2026-Q3")).toBe(true);
    expect(isQuarter("2026-Q5")).toBe(false);
    expect(isQuarter("26-Q1")).toBe(false);
  });
});
