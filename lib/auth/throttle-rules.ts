/**
 * Pure rules of the sign-in throttle: how many attempts in which window lock for how long.
 *
 * An attempt is counted *before* its password is checked (`beginAttempt`), in the same
 * statement-level row lock that decides whether it may go ahead, so parallel attempts can
 * never check more passwords than the limit; a successful sign-in gives its attempt back
 * (`refund`). The counter therefore holds failed attempts plus those still being checked.
 */

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Guesses at one account from devices that never signed in to it. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Guesses from one client address, across accounts. */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Guesses from one known device (a device that signed in to the account before). */
export const DEVICE_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** Whole minutes left before the next attempt is allowed, or 0 when allowed now. */
export function minutesLocked(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000));
}

/** The state with an expired window or lock forgotten. */
function current(state: ThrottleState | undefined, rule: ThrottleRule, now: Date): ThrottleState {
  if (!state) return { failures: 0, windowStartedAt: now, lockedUntil: null };
  if (state.lockedUntil) return state.lockedUntil > now ? state : { failures: 0, windowStartedAt: now, lockedUntil: null };
  return now.getTime() - state.windowStartedAt.getTime() < rule.windowMs ? state : { failures: 0, windowStartedAt: now, lockedUntil: null };
}

/**
 * Whether one more attempt may check its password now, and the state counting it. Once the
 * limit is reached, the next attempt is refused and locks the key for `lockMs`.
 */
export function beginAttempt(state: ThrottleState | undefined, rule: ThrottleRule, now: Date): { allowed: boolean; next: ThrottleState } {
  const s = current(state, rule, now);
  if (minutesLocked(s, now) > 0) return { allowed: false, next: s };
  if (s.failures >= rule.maxFailures) return { allowed: false, next: { ...s, lockedUntil: new Date(now.getTime() + rule.lockMs) } };
  return { allowed: true, next: { ...s, failures: s.failures + 1 } };
}

/** A successful attempt gives back the attempt it had counted. */
export function refund(state: ThrottleState): ThrottleState {
  return { ...state, failures: Math.max(0, state.failures - 1) };
}

/** The state after one more failure, counted after the fact (kept for the rules' tests). */
export function afterFailure(state: ThrottleState | undefined, rule: ThrottleRule, now: Date): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < rule.windowMs;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null;
  return { failures, windowStartedAt, lockedUntil };
}
