/**
 * Washington Group Short Set: six domains, four answers (plus "not asked"). Standard cut-off:
 * a person has a disability iff at least one domain is "a lot of difficulty" or "cannot do at
 * all". The set is asked of people aged 5 and over.
 */
export const wgDomains = ["seeing", "hearing", "walking", "cognition", "selfCare", "communication"] as const;
export type WgDomain = (typeof wgDomains)[number];
export const wgAnswers = ["none", "some", "a_lot", "cannot", "not_asked"] as const;
export type WgAnswer = (typeof wgAnswers)[number];
export type WgAnswers = Record<WgDomain, WgAnswer>;

export const WG_MIN_AGE = 5;
/** The cut-off used, stated on the pages: "a_lot" or "cannot" in at least one domain. */
export const WG_CUTOFF: readonly WgAnswer[] = ["a_lot", "cannot"];

export type DisabilityStatus = "disability" | "no_disability" | "unknown" | "too_young";

export function isWgDisabled(answers: WgAnswers): boolean {
  return wgDomains.some((d) => WG_CUTOFF.includes(answers[d]));
}

/**
 * The derived status: "unknown" when no domain meets the cut-off but some were not asked (the
 * missing answer might have), "too_young" under 5 (the set does not apply).
 */
export function wgStatus(answers: WgAnswers, birthYear: number, atYear: number): DisabilityStatus {
  if (atYear - birthYear < WG_MIN_AGE) return "too_young";
  if (isWgDisabled(answers)) return "disability";
  if (wgDomains.some((d) => answers[d] === "not_asked")) return "unknown";
  return "no_disability";
}

/** The six columns of a `people` row as answers. */
export function answersOf(p: {
  wgSeeing: WgAnswer;
  wgHearing: WgAnswer;
  wgWalking: WgAnswer;
  wgCognition: WgAnswer;
  wgSelfCare: WgAnswer;
  wgCommunication: WgAnswer;
}): WgAnswers {
  return {
    seeing: p.wgSeeing,
    hearing: p.wgHearing,
    walking: p.wgWalking,
    cognition: p.wgCognition,
    selfCare: p.wgSelfCare,
    communication: p.wgCommunication,
  };
}

/** SQL-side twin of isWgDisabled for aggregates, over a `people` row alias. */
export const WG_DISABLED_SQL = (alias: string) =>
  `(${["wg_seeing", "wg_hearing", "wg_walking", "wg_cognition", "wg_self_care", "wg_communication"]
    .map((c) => `${alias}.${c} in ('a_lot','cannot')`)
    .join(" or ")})`;
