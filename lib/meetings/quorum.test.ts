import { describe, expect, it } from "vitest";
import { quorum } from "./quorum";

describe("profit meeting quorum", () => {
  it("asks a majority by default: 2 of 3, 3 of 4, 51 of 100", () => {
    expect(quorum(3, 1, 50)).toEqual({ required: 2, reached: false });
    expect(quorum(3, 2, 50)).toEqual({ required: 2, reached: true });
    expect(quorum(4, 2, 50)).toEqual({ required: 3, reached: false });
    expect(quorum(100, 51, 50).reached).toBe(true);
    expect(quorum(100, 50, 50).reached).toBe(false);
  });
  it("takes everyone at 100 %, and a lone member's presence suffices", () => {
    expect(quorum(5, 4, 100)).toEqual({ required: 5, reached: false });
    expect(quorum(5, 5, 100).reached).toBe(true);
    expect(quorum(1, 1, 50).reached).toBe(true);
    expect(quorum(0, 0, 50).reached).toBe(false);
  });
});
