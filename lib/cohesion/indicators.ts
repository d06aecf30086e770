/**
 * Social-cohesion indicators in the spirit of the SCORE index. Each perception question is put to
 * hosts and refugees alike and answered on one 4-point scale; the survey stores, per community,
 * how many respondents gave each answer. Question texts and scales live in the reference table
 * `cohesion_indicators` (fr/ar/en), whose codes are these.
 */
export const communities = ["host", "refugee"] as const;
export type Community = (typeof communities)[number];

export const perceptionIndicators = ["trust", "trade", "lend", "joint_meetings", "security"] as const;
export type PerceptionIndicator = (typeof perceptionIndicators)[number];

/** 1 not at all · 2 a little · 3 mostly · 4 completely. */
export const scaleLevels = [1, 2, 3, 4] as const;
/** Answers at or above this level count as positive. */
export const POSITIVE_FROM = 3;

/** Counts of respondents per answer level, level 1 first. */
export type LevelCounts = readonly [number, number, number, number];

export const answered = (c: LevelCounts) => c[0] + c[1] + c[2] + c[3];

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Mean answer on the 1–4 scale, one decimal; null without answers. */
export function meanScore(c: LevelCounts): number | null {
  const n = answered(c);
  if (n === 0) return null;
  return round1((c[0] * 1 + c[1] * 2 + c[2] * 3 + c[3] * 4) / n);
}

/** Share (%) of answers "mostly" or "completely", one decimal; null without answers. */
export function positiveShare(c: LevelCounts): number | null {
  const n = answered(c);
  if (n === 0) return null;
  return round1(((c[POSITIVE_FROM - 1] + c[POSITIVE_FROM]) * 100) / n);
}

/** The mean rescaled to 0–10, as SCORE publishes its indicators; null without answers. */
export function score10(c: LevelCounts): number | null {
  const n = answered(c);
  if (n === 0) return null;
  const exactMean = (c[0] * 1 + c[1] * 2 + c[2] * 3 + c[3] * 4) / n;
  return round1(((exactMean - 1) * 10) / 3);
}

/** Share (%) of disputes referred to the MCPGC that were resolved; null when none was referred. */
export function resolutionRate(referred: number, resolved: number): number | null {
  if (referred <= 0) return null;
  return round1((Math.min(resolved, referred) * 100) / referred);
}

/** Refugees' figure minus hosts': positive when refugees answer more positively. */
export function communityGap(host: number | null, refugee: number | null): number | null {
  return host == null || refugee == null ? null : round1(refugee - host);
}

/** Sum of level counts, e.g. over the villages of a commune. */
export function sumLevels(rows: readonly LevelCounts[]): LevelCounts {
  const s = [0, 0, 0, 0];
  for (const r of rows) for (let i = 0; i < 4; i++) s[i] += r[i];
  return s as unknown as LevelCounts;
}

/** Survey rules the database cannot express: answers never exceed respondents, resolved ≤ referred. */
export function checkSurvey(s: {
  respondents: Record<Community, { women: number; men: number }>;
  answers: Record<PerceptionIndicator, Record<Community, LevelCounts>>;
  disputesReferred: number;
  disputesResolved: number;
}): { field: string; key: string }[] {
  const problems: { field: string; key: string }[] = [];
  for (const ind of perceptionIndicators) {
    for (const com of communities) {
      const n = s.respondents[com].women + s.respondents[com].men;
      if (answered(s.answers[ind][com]) > n) problems.push({ field: `${ind}_${com}_1`, key: "answersExceedRespondents" });
    }
  }
  if (s.disputesResolved > s.disputesReferred) problems.push({ field: "disputesResolved", key: "resolvedExceedsReferred" });
  return problems;
}

/** `part` as a share (%) of `whole`, one decimal; null when the whole is zero. */
export function sharePct(part: number, whole: number): number | null {
  return whole > 0 ? round1((part * 100) / whole) : null;
}

// Indicators derived from the group-business records (lib/cohesion/records.ts sums them in SQL).

/** Share (%) of credit sales, among customers of a known community, made to the other community. */
export const crossCommunityShare = (c: { same: number; cross: number }) => sharePct(c.cross, c.same + c.cross);

/** Amount repaid as a share (%) of the amount granted; a repayment beyond the credit counts once. */
export const repaymentRate = (granted: number, repaid: number) => sharePct(Math.min(repaid, granted), granted);

/** Share (%) of credits past their due date that were repaid in full by that date. */
export const onTimeShare = (due: number, onTime: number) => sharePct(Math.min(onTime, due), due);

/** Share (%) of groups with both host and refugee active members. */
export const mixedGroupShare = (groups: number, mixed: number) => sharePct(mixed, groups);
