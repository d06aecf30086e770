/**
 * A second NGO working in Fassala (issue 11, point 2): ONG Tadamoun supports three groups of its
 * own in Fassala's villages, with their members, households and ledgers, so that isolation
 * between two NGOs of the same commune shows in the demo and the tests. It has its own PRNG and
 * identifiers and is seeded after everything else, so ADICOR's records (the field report's
 * figures) are exactly what they were. It is not a member of the ACOR consortium (the
 * consortium's figures stay the report's) nor affiliated to the women's network; the commune of
 * Fassala reads its groups, as it reads every group of its territory.
 */
import type { Tx } from "../client";
import { customerCredits, groupMemberships, groups, households, ledgerEntries, people } from "../schema";
import type { DemoIds } from "./demo";
import { monthsFrom, personName, prng } from "./groups-plan";

const uuid = (() => {
  let n = 0;
  return () => `7ad00000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
})();

/** The groups of ONG Tadamoun: village, activity, name, members' sexes. */
export const tadamounGroups = [
  { village: "Agoueinit", kind: "shop", name: "Boutique Tadamoun d'Agoueinit", sexes: ["female", "female", "female", "male", "female", "female"] },
  { village: "Tenhamed", kind: "sewing", name: "Atelier Tadamoun de Tenhamed", sexes: ["female", "female", "female", "female", "female"] },
  { village: "Mbouna", kind: "butchery", name: "Boucherie Tadamoun de Mbouna", sexes: ["male", "female", "female", "female"] },
] as const;

export async function seedSecondNgo(tx: Tx, ids: DemoIds) {
  const ngo = ids.orgs.tadamoun;
  const S = ids.places.settlements;
  const rand = prng(20240115);
  const hh: (typeof households.$inferInsert)[] = [];
  const ps: (typeof people.$inferInsert)[] = [];
  const gs: (typeof groups.$inferInsert)[] = [];
  const ms: (typeof groupMemberships.$inferInsert)[] = [];
  const entries: (typeof ledgerEntries.$inferInsert)[] = [];
  const credits: (typeof customerCredits.$inferInsert)[] = [];
  const start = "2024-01-01";
  let personNo = 500;
  for (const g of tadamounGroups) {
    const groupId = uuid();
    gs.push({
      id: groupId,
      ngoOrgId: ngo,
      activityType: g.kind,
      villageId: S[g.village],
      name: g.name,
      startDate: start,
      startingCapitalAmount: 30_000,
      startingCapitalCurrency: "MRU",
      profitRule: "equal",
    });
    for (const sex of g.sexes) {
      const householdId = uuid();
      hh.push({ id: householdId, ngoOrgId: ngo, settlementId: S[g.village], size: 3 + Math.floor(rand() * 6), status: "host" });
      const personId = uuid();
      ps.push({
        id: personId,
        ngoOrgId: ngo,
        householdId,
        name: personName(sex, personNo++),
        sex,
        birthYear: 1970 + Math.floor(rand() * 30),
        wgSeeing: "none",
        wgHearing: "none",
        wgWalking: "none",
        wgCognition: "none",
        wgSelfCare: "none",
        wgCommunication: "none",
      });
      ms.push({ id: uuid(), groupId, personId, joinedOn: start });
    }
    const base = { ngoOrgId: ngo, groupId, currency: "MRU" as const };
    entries.push({ ...base, id: uuid(), kind: "contribution", occurredOn: start, amount: 30_000, note: "Capital de départ (projet)" });
    monthsFrom(start).forEach((month, k) => {
      const amount = 600 + Math.round(rand() * 700);
      entries.push({ ...base, id: uuid(), kind: "stock_purchase", occurredOn: `${month}-04`, amount: Math.round(amount * 0.65), note: "Achat groupé" });
      entries.push({ ...base, id: uuid(), kind: "sale", occurredOn: `${month}-24`, amount, note: "Ventes du mois" });
      // One credit sale (May 2024, a quarter in which ADICOR has none): enough to prove the isolation
      // of credits without making a quarter of the commune's credits reach 5 (its cohesion records
      // chart stays withheld, e2e/cohesion.spec.ts; in 2024-Q1 it would have made ADICOR's 4 into 5).
      if (g.kind === "shop" && k === 4) {
        const saleId = uuid();
        const onCredit = Math.round(amount * 0.2);
        entries.push({ ...base, id: saleId, kind: "sale", occurredOn: `${month}-12`, amount: onCredit, note: "Vente à crédit" });
        credits.push({
          id: uuid(),
          groupId,
          saleEntryId: saleId,
          customerName: personName("female", 700 + k),
          community: "host",
          amount: onCredit,
          currency: "MRU",
          grantedOn: `${month}-12`,
          dueOn: `${month}-28`,
        });
      }
    });
  }
  await tx.insert(households).values(hh);
  await tx.insert(people).values(ps);
  await tx.insert(groups).values(gs);
  await tx.insert(groupMemberships).values(ms);
  await tx.insert(ledgerEntries).values(entries);
  await tx.insert(customerCredits).values(credits);
}
