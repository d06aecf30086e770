import type { Tx } from "../client";
import { coachingFollowUps, coachingVisits, cohesionAnswers, cohesionSurveys, groupEvaluations, quarterLocks } from "../schema";
import { communities, perceptionIndicators, type PerceptionIndicator } from "@/lib/cohesion/indicators";
import { today as todayIso } from "@/lib/dates";
import { lastQuarters, previousQuarter, quarterBounds, quarterOf } from "@/lib/quarters/quarter";
import { fassalaCampements, fassalaVillages, type DemoIds } from "./demo";

/** Deterministic pseudo-random numbers, so that every demo database shows the same figures. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

/** Answer counts for n respondents of whom about `share` answer positively (3 or 4). */
function levels(n: number, share: number): [number, number, number, number] {
  const positive = Math.max(0, Math.min(n, Math.round(n * share)));
  const l4 = Math.round(positive * 0.4);
  const negative = n - positive;
  const l1 = Math.round(negative * 0.35);
  return [l1, negative - l1, positive - l4, l4];
}

/** Baseline positive share per indicator and community; trust and lending start low and rise. */
const baseline: Record<PerceptionIndicator, { host: number; refugee: number }> = {
  trust: { host: 0.38, refugee: 0.46 },
  trade: { host: 0.62, refugee: 0.7 },
  lend: { host: 0.22, refugee: 0.3 },
  joint_meetings: { host: 0.3, refugee: 0.26 },
  security: { host: 0.7, refugee: 0.55 },
};

/**
 * Cohesion and coaching demo data for Fassala: six quarters of surveys (ADICOR in the villages,
 * the commune in the campements), coaching visits with one overdue follow-up, the last
 * quarter's evaluations of the 12 shops, and that quarter locked by ADICOR.
 */
export async function seedCohesion(tx: Tx, ids: DemoIds, today = todayIso()) {
  const random = rng(20260401);
  const lastQ = previousQuarter(quarterOf(today));
  const quarters = lastQuarters(lastQ, 6);
  const settlements = [
    ...fassalaVillages.map((name) => ({ name, refugeeSettlement: false })),
    ...fassalaCampements.map((name) => ({ name, refugeeSettlement: true })),
  ];
  for (const [qi, quarter] of quarters.entries()) {
    const progress = qi / (quarters.length - 1); // 0 → 1 over the six quarters
    for (const s of settlements) {
      const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
      const respondents = s.refugeeSettlement
        ? { hostWomen: between(2, 6), hostMen: between(1, 5), refugeeWomen: between(8, 14), refugeeMen: between(5, 10) }
        : { hostWomen: between(6, 12), hostMen: between(4, 9), refugeeWomen: between(3, 10), refugeeMen: between(2, 7) };
      const referred = between(0, 4);
      const { start } = quarterBounds(quarter);
      const [survey] = await tx
        .insert(cohesionSurveys)
        .values({
          orgId: s.refugeeSettlement ? ids.orgs.fassala : ids.orgs.adicor,
          villageId: ids.places.settlements[s.name],
          quarter,
          surveyedOn: addDays(start, 40 + between(0, 30)),
          ...respondents,
          disputesReferred: referred,
          disputesResolved: Math.min(referred, Math.round(referred * (0.5 + 0.4 * progress))),
        })
        .returning({ id: cohesionSurveys.id, orgId: cohesionSurveys.orgId });
      await tx.insert(cohesionAnswers).values(
        perceptionIndicators.flatMap((ind) =>
          communities.map((com) => {
            const n = com === "host" ? respondents.hostWomen + respondents.hostMen : respondents.refugeeWomen + respondents.refugeeMen;
            const share = Math.min(0.95, baseline[ind][com] + 0.28 * progress + (random() - 0.5) * 0.12);
            const [level1, level2, level3, level4] = levels(n, share);
            return { surveyId: survey.id, orgId: survey.orgId, indicatorCode: ind, community: com, level1, level2, level3, level4 };
          }),
        ),
      );
    }
  }

  // Coaching: visits to six shops in the last quarter and this one; one follow-up left overdue.
  const shops = ids.groups.shops;
  const last = quarterBounds(lastQ);
  const visit = async (
    groupIndex: number,
    visitedOn: string,
    topics: string,
    findings: string,
    followUps: { action: string; dueOn: string; doneOn?: string }[],
  ) => {
    const [v] = await tx
      .insert(coachingVisits)
      .values({ ngoOrgId: ids.orgs.adicor, groupId: shops[groupIndex], visitedOn, coachName: "Mariem Mint Sidi", topics, findings })
      .returning({ id: coachingVisits.id });
    if (followUps.length) await tx.insert(coachingFollowUps).values(followUps.map((f) => ({ ngoOrgId: ids.orgs.adicor, visitId: v.id, ...f })));
  };
  await visit(0, addDays(last.start, 10), "Cahier de caisse, inventaire", "Caisse tenue chaque jour ; inventaire du mois non fait.", [
    { action: "Faire l'inventaire mensuel avec l'équipe de gestion", dueOn: addDays(last.start, 25), doneOn: addDays(last.start, 22) },
  ]);
  await visit(1, addDays(last.start, 30), "Crédits aux clients", "Trois clients en retard de remboursement.", [
    { action: "Relancer les trois clients en retard et noter les remboursements", dueOn: addDays(last.end, -5) },
  ]);
  await visit(2, addDays(last.start, 45), "Rotation de l'équipe de gestion", "Nouvelle équipe en place ; une membre malvoyante bien intégrée.", []);
  await visit(4, addDays(last.start, 60), "Prix affichés", "Prix négociés affichés en arabe et en images.", [
    { action: "Afficher la prochaine hausse de prix une semaine à l'avance", dueOn: addDays(last.end, 20), doneOn: addDays(last.end, 15) },
  ]);

  // The last quarter's evaluations of the 12 shops, then the quarter is locked.
  await tx.insert(groupEvaluations).values(
    shops.map((groupId, i) => ({
      ngoOrgId: ids.orgs.adicor,
      groupId,
      quarter: lastQ,
      evaluatedOn: addDays(last.end, -3),
      rulesRespected: i % 5 !== 3,
      booksKept: i % 4 !== 1,
      stockChecked: i % 3 !== 2,
      score: 5 + ((i * 7) % 5),
      comments: i % 4 === 1 ? "Cahier de caisse incomplet" : "",
    })),
  );
  await tx.insert(quarterLocks).values({ ngoOrgId: ids.orgs.adicor, quarter: lastQ });
  return { lastQuarter: lastQ, quarters };
}
