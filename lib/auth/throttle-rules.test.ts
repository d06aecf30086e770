import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, afterFailure, beginAttempt, minutesLocked, refund, type ThrottleState } from "./throttle-rules";

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

  it("counts an attempt before its check: five go ahead, the sixth is refused and locks for 15 minutes", () => {
    let s: ThrottleState | undefined;
    for (let i = 0; i < 5; i++) {
      const r = beginAttempt(s, ACCOUNT_RULE, at(i));
      expect(r.allowed).toBe(true);
      s = r.next;
    }
    const sixth = beginAttempt(s, ACCOUNT_RULE, at(10));
    expect(sixth.allowed).toBe(false);
    expect(minutesLocked(sixth.next, at(10))).toBe(15);
    // Still locked a minute before the end, open again after it, with a fresh count.
    expect(beginAttempt(sixth.next, ACCOUNT_RULE, at(14 * 60_000)).allowed).toBe(false);
    const after = beginAttempt(sixth.next, ACCOUNT_RULE, at(15 * 60_000 + 10));
    expect(after).toMatchObject({ allowed: true, next: { failures: 1, lockedUntil: null } });
  });

  it("gives a successful attempt back, and opens a new window after the old one", () => {
    const r = beginAttempt(undefined, ACCOUNT_RULE, at(0));
    expect(refund(r.next).failures).toBe(0);
    let s = r.next;
    for (let i = 0; i < 3; i++) s = beginAttempt(s, ACCOUNT_RULE, at(1)).next;
    expect(beginAttempt(s, ACCOUNT_RULE, at(16 * 60_000)).next.failures).toBe(1);
  });
});
