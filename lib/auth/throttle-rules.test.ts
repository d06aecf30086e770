import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, afterFailure, minutesLocked, type ThrottleState } from "./throttle-rules";

const t0 = new Date("2026-11-29T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("sign-in throttle rules", () => {
  it("locks after the fifth failure within the window, for 15 minutes", () => {
    let s: ThrottleState | undefined;
    for (let i = 0; i < 4; i++) {
      s = afterFailure(s, ACCOUNT_RULE, at(i * 1000));
      expect(minutesLocked(s, at(i * 1000))).toBe(0);
    }
    s = afterFailure(s, ACCOUNT_RULE, at(5000));
    expect(minutesLocked(s, at(5000))).toBe(15);
    expect(minutesLocked(s, at(5000 + 14 * 60_000 + 1))).toBe(1);
    expect(minutesLocked(s, at(5000 + 15 * 60_000))).toBe(0);
  });

  it("forgets failures older than the window", () => {
    let s: ThrottleState | undefined;
    for (let i = 0; i < 4; i++) s = afterFailure(s, ACCOUNT_RULE, at(0));
    s = afterFailure(s, ACCOUNT_RULE, at(16 * 60_000));
    expect(s.failures).toBe(1);
    expect(minutesLocked(s, at(16 * 60_000))).toBe(0);
  });
});
