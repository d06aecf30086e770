import { describe, expect, it } from "vitest";
import {
  answered,
  checkSurvey,
  communityGap,
  crossCommunityShare,
  meanScore,
  mixedGroupShare,
  onTimeShare,
  perceptionIndicators,
  positiveShare,
  repaymentRate,
  resolutionRate,
  score10,
  sumLevels,
  type LevelCounts,
} from "./indicators";

describe("cohesion indicators", () => {
  const c: LevelCounts = [2, 3, 10, 5]; // 20 answers

  it("counts the answers", () => expect(answered(c)).toBe(20));

  it("computes the mean answer on the 1–4 scale", () => {
    expect(meanScore(c)).toBe(2.9); // (2 + 6 + 30 + 20) / 20 = 2.9
    expect(meanScore([0, 0, 0, 7])).toBe(4);
    expect(meanScore([0, 0, 0, 0])).toBeNull();
  });

  it("computes the share of positive answers (mostly or completely)", () => {
    expect(positiveShare(c)).toBe(75);
    expect(positiveShare([1, 1, 1, 0])).toBe(33.3);
    expect(positiveShare([0, 0, 0, 0])).toBeNull();
  });

  it("rescales the mean to 0–10 like SCORE", () => {
    expect(score10([5, 0, 0, 0])).toBe(0);
    expect(score10([0, 0, 0, 5])).toBe(10);
    expect(score10(c)).toBe(6.3); // (2.9 − 1) × 10 / 3 = 6.33
    expect(score10([0, 0, 0, 0])).toBeNull();
  });

  it("computes the MCPGC resolution rate", () => {
    expect(resolutionRate(8, 6)).toBe(75);
    expect(resolutionRate(3, 1)).toBe(33.3);
    expect(resolutionRate(0, 0)).toBeNull();
    expect(resolutionRate(2, 5)).toBe(100);
  });

  it("computes the gap between communities", () => {
    expect(communityGap(62.5, 50)).toBe(-12.5);
    expect(communityGap(null, 50)).toBeNull();
  });

  it("adds level counts across villages", () => {
    expect(sumLevels([c, [1, 1, 1, 1]])).toEqual([3, 4, 11, 6]);
    expect(sumLevels([])).toEqual([0, 0, 0, 0]);
  });

  it("refuses more answers than respondents, and more resolved than referred disputes", () => {
    const zero: LevelCounts = [0, 0, 0, 0];
    const answers = Object.fromEntries(perceptionIndicators.map((i) => [i, { host: zero, refugee: zero }])) as Record<
      (typeof perceptionIndicators)[number],
      { host: LevelCounts; refugee: LevelCounts }
    >;
    const base = { respondents: { host: { women: 3, men: 2 }, refugee: { women: 1, men: 1 } }, answers, disputesReferred: 2, disputesResolved: 1 };
    expect(checkSurvey(base)).toEqual([]);
    const tooMany = { ...base, answers: { ...base.answers, trust: { host: zero, refugee: [1, 1, 1, 0] as LevelCounts } } };
    expect(checkSurvey(tooMany)).toEqual([{ field: "trust_refugee_1", key: "answersExceedRespondents" }]);
    expect(checkSurvey({ ...base, disputesResolved: 3 })).toEqual([{ field: "disputesResolved", key: "resolvedExceedsReferred" }]);
  });
});

describe("indicators derived from the records", () => {
  it("computes the share of credit sales to the other community among known communities", () => {
    expect(crossCommunityShare({ same: 6, cross: 2 })).toBe(25);
    expect(crossCommunityShare({ same: 0, cross: 3 })).toBe(100);
    expect(crossCommunityShare({ same: 2, cross: 1 })).toBe(33.3);
    // No credit at all (or only to customers of other villages): no share, not 0 %.
    expect(crossCommunityShare({ same: 0, cross: 0 })).toBeNull();
  });

  it("computes the repayment rate from the amounts granted and repaid", () => {
    expect(repaymentRate(1200, 900)).toBe(75);
    expect(repaymentRate(3, 1)).toBe(33.3);
    expect(repaymentRate(500, 0)).toBe(0);
    // A repayment above the credit does not make the rate exceed 100 %.
    expect(repaymentRate(500, 650)).toBe(100);
    // Nothing granted (no credit, or only amounts that cannot be converted): no rate.
    expect(repaymentRate(0, 0)).toBeNull();
    expect(repaymentRate(0, 40)).toBeNull();
  });

  it("computes the on-time share among credits past due", () => {
    expect(onTimeShare(8, 6)).toBe(75);
    expect(onTimeShare(0, 0)).toBeNull();
    expect(onTimeShare(2, 5)).toBe(100);
  });

  it("computes the share of mixed groups", () => {
    expect(mixedGroupShare(33, 11)).toBe(33.3);
    expect(mixedGroupShare(4, 0)).toBe(0);
    expect(mixedGroupShare(0, 0)).toBeNull();
  });
});
