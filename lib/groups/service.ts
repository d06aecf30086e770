import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Queryable, Tx } from "@/db/client";
import {
  aidTypes,
  creditRepayments,
  customerCredits,
  declaredFigures,
  exchangeRates,
  groupMemberships,
  groups,
  households,
  ledgerEntries,
  managerTeamMembers,
  managerTeams,
  managerTerms,
  people,
  profitDistributions,
  profitShares,
  technicalAids,
} from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { AlreadyRecorded, AppError, fieldError } from "@/lib/errors";
import { assertQuarterOpen, assertQuartersOpen } from "@/lib/quarters/locks";
import { quarterOf, quartersBetween } from "@/lib/quarters/quarter";
import { appErrorFromDb } from "@/lib/db-errors";
import { updateVersioned } from "@/lib/versioned";
import { computeProfit, shareProfit } from "./profit";
import { profitSums } from "./profit-sums";
import { findWritableGroup, listGroupMembers, listRotation } from "./queries";
import {
  loadPlausibility,
  PlausibilityCheck,
  plausibilityFor,
  recentDuplicateEntries,
  recentDuplicateEntry,
  recentDuplicateRepayment,
} from "./plausibility-service";
import { confirmationToken, type Plausibility } from "./plausibility";
import { findNearDuplicatePeople, findNearDuplicatePeopleOf, firstNearDuplicateWithin } from "@/lib/people/search";
import type { z } from "zod";
import type * as s from "./schema";

type Org = Pick<TenantOrg, "id" | "type">;
type In<T extends z.ZodType> = z.infer<T>;

/** The group, if this organisation writes it; otherwise "not found" (never "forbidden"). */
async function writable(tx: Queryable, org: Org, groupId: string) {
  const g = await findWritableGroup(tx, org, groupId);
  if (!g) throw new AppError("not_found");
  return g;
}

export async function createGroup(tx: Queryable, org: Org, input: In<typeof s.createGroupSchema>) {
  if (org.type !== "ngo") throw new AppError("not_found");
  const ok = await tx.execute(
    sql`select 1 from places p join organisations c on c.territory_place_id = p.parent_id join org_communes oc on oc.commune_org_id = c.id where p.id = ${input.villageId} and oc.org_id = ${org.id}`,
  );
  if (((ok as { rows?: unknown[] }).rows ?? (ok as unknown[])).length === 0) throw fieldError("villageId", "invalid");
  const { confirm, ...values } = input;
  (await plausibilityFor(tx, org.id))
    .date("startDate", values.startDate)
    .amount("startingCapitalAmount", "starting_capital", values.startingCapitalCurrency, values.startingCapitalAmount)
    .settle(confirm, [values.name, values.startDate, values.startingCapitalAmount, values.startingCapitalCurrency]);
  const [g] = await tx
    .insert(groups)
    .values({ ...values, ngoOrgId: org.id })
    .returning();
  return g;
}

/** Status and sharing rule; the version guards against overwriting a change made meanwhile. */
export async function updateGroup(tx: Queryable, org: Org, input: In<typeof s.updateGroupSchema>) {
  const g = await writable(tx, org, input.groupId);
  const after = await updateVersioned(
    tx,
    groups,
    { id: g.id, scope: eq(groups.ngoOrgId, org.id), expectedVersion: input.version },
    { status: input.status, profitRule: input.profitRule },
  );
  return { before: { status: g.status, profitRule: g.profitRule }, after };
}

export async function addMember(tx: Queryable, org: Org, input: In<typeof s.addMemberSchema>) {
  const g = await writable(tx, org, input.groupId);
  let personId = input.personId;
  if (input.mode === "existing") {
    const [p] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, personId), eq(people.ngoOrgId, g.ngoOrgId)));
    // Another NGO's person, or no such person: the same answer as for any unknown record.
    if (!p) throw new AppError("not_found");
    const [active] = await tx
      .select({ id: groupMemberships.id })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, g.id), eq(groupMemberships.personId, personId), sql`${groupMemberships.leftOn} is null`));
    if (active) throw fieldError("personId", "personAlreadyActive");
  } else {
    // A person who may already be recorded (same name in either script, born within a year): the
    // writer confirms, having seen whom, or adds the existing person instead (issue 14.4).
    settleNearDuplicates(input, await findNearDuplicatePeople(tx, g.ngoOrgId, nameOf(input)));
    const [h] = await tx.insert(households).values(householdRow(g, input)).returning({ id: households.id });
    const [p] = await tx
      .insert(people)
      .values(personRow(g, input, h.id))
      .returning({ id: people.id });
    personId = p.id;
  }
  const [m] = await tx.insert(groupMemberships).values({ groupId: g.id, personId, joinedOn: input.joinedOn }).returning();
  return m;
}

type MemberInput = In<typeof s.addMemberSchema>;
type NearDuplicate = Awaited<ReturnType<typeof findNearDuplicatePeople>>[number];

/** The new person as the near-duplicate rule reads them. */
const nameOf = (input: MemberInput) => ({ name: input.name, birthYear: input.birthYear!, settlementId: input.settlementId });

/** A new person with near-duplicates is created only once confirmed, the token naming whom (addMember's and checkMembers'). */
function settleNearDuplicates(input: MemberInput, near: NearDuplicate[]) {
  if (near.length === 0) return;
  const token = confirmationToken(["person", input.name, input.birthYear, ...near.map((n) => n.id)]);
  if (input.confirm !== token) {
    const names = near.map((n) => `${n.name} (${n.birthYear}${n.village ? `, ${n.village}` : ""})`).join(" ; ");
    throw new AppError("validation", "possibleDuplicatePerson", { name: "warnSimilarPerson" }, { names, confirm: token });
  }
}

/** The household and the person a new member becomes (addMember's and checkMembers'). */
const householdRow = (g: { ngoOrgId: string }, input: MemberInput) => ({
  ngoOrgId: g.ngoOrgId,
  settlementId: input.settlementId,
  size: input.householdSize!,
  status: input.householdStatus!,
  cashTransferSince: input.cashTransferSince || null,
});
const personRow = (g: { ngoOrgId: string }, input: MemberInput, householdId: string) => ({
  ngoOrgId: g.ngoOrgId,
  householdId,
  name: input.name,
  sex: input.sex!,
  birthYear: input.birthYear!,
  wgSeeing: input.wgSeeing,
  wgHearing: input.wgHearing,
  wgWalking: input.wgWalking,
  wgCognition: input.wgCognition,
  wgSelfCare: input.wgSelfCare,
  wgCommunication: input.wgCommunication,
});

export interface MemberRows {
  household: typeof households.$inferInsert & { id: string };
  person: typeof people.$inferInsert & { id: string };
  membership: typeof groupMemberships.$inferInsert & { id: string };
}

/**
 * Many new members at once (an import), each checked by addMember's rules: a group the
 * organisation writes, locked (once per group); the near-duplicates it would name (one query for
 * all), confirmed only if `acceptWarnings`, with the form's token. Per input, the rows to insert
 * (with their ids) or the AppError that refused it. Nothing is written; the database's rules (a
 * locked quarter) are left to insertMembers' statements. Only a prefix of `inputs` is checked
 * (`checked` of them): it ends before the first one that may be a near-duplicate of another of
 * them, to be checked once those before it are saved, as the form would after the first one.
 */
export async function checkMembers(tx: Tx, org: Org, inputs: MemberInput[], acceptWarnings: boolean) {
  if (inputs.some((i) => i.mode !== "new")) throw new Error("checkMembers: new people only");
  const checked = (await firstNearDuplicateWithin(tx, inputs.map(nameOf))) ?? inputs.length;
  const todo = inputs.slice(0, checked);
  const groupsById = new Map<string, Awaited<ReturnType<typeof writable>> | AppError>();
  for (const input of todo) {
    if (!groupsById.has(input.groupId)) groupsById.set(input.groupId, await writable(tx, org, input.groupId).catch((e: unknown) => refusal(e)));
  }
  const near = new Map<number, NearDuplicate[]>();
  const byNgo = new Map<string, number[]>();
  todo.forEach((input, i) => {
    const g = groupsById.get(input.groupId)!;
    if (!(g instanceof AppError)) byNgo.set(g.ngoOrgId, [...(byNgo.get(g.ngoOrgId) ?? []), i]);
  });
  for (const [ngoOrgId, is] of byNgo) {
    const found = await findNearDuplicatePeopleOf(
      tx,
      ngoOrgId,
      is.map((i) => nameOf(todo[i])),
    );
    is.forEach((i, k) => near.set(i, found[k]));
  }
  const results = todo.map((input, i): { values: MemberRows } | { error: AppError } => {
    try {
      const g = groupsById.get(input.groupId)!;
      if (g instanceof AppError) throw g;
      try {
        settleNearDuplicates(input, near.get(i)!);
      } catch (err) {
        const token = err instanceof AppError ? err.values?.confirm : undefined;
        if (!acceptWarnings || typeof token !== "string") throw err;
        settleNearDuplicates({ ...input, confirm: token }, near.get(i)!);
      }
      const household = { ...householdRow(g, input), id: randomUUID() };
      const person = { ...personRow(g, input, household.id), id: randomUUID() };
      return { values: { household, person, membership: { id: randomUUID(), groupId: g.id, personId: person.id, joinedOn: input.joinedOn } } };
    } catch (err) {
      return { error: refusal(err) };
    }
  });
  return { checked, results };
}

/** Writes checked members: their households, people and memberships, one statement each. */
export async function insertMembers(tx: Tx, rows: MemberRows[]) {
  if (rows.length === 0) return;
  await tx.insert(households).values(rows.map((r) => r.household));
  await tx.insert(people).values(rows.map((r) => r.person));
  await tx.insert(groupMemberships).values(rows.map((r) => r.membership));
}

export async function leaveGroup(tx: Queryable, org: Org, input: In<typeof s.leaveGroupSchema>) {
  const [m] = await tx.select().from(groupMemberships).where(eq(groupMemberships.id, input.membershipId));
  if (!m) throw new AppError("not_found");
  await writable(tx, org, m.groupId);
  if (m.leftOn) throw fieldError("leftOn", "alreadyLeft");
  if (input.leftOn < m.joinedOn) throw fieldError("leftOn", "endBeforeStart");
  const [after] = await tx.update(groupMemberships).set({ leftOn: input.leftOn }).where(eq(groupMemberships.id, m.id)).returning();
  return { before: m, after };
}

/**
 * A ledger line. Refused before the NGO's date floor or above its ceiling; an amount above the
 * soft limit, or the same line as one recorded in the last minutes, is saved only once confirmed.
 * `dateField` names the form's date field in messages (a credit sale's is `grantedOn`).
 */
export async function recordEntry(tx: Queryable, org: Org, userId: string, input: In<typeof s.recordEntrySchema>, opts: { dateField?: string } = {}) {
  const g = await writable(tx, org, input.groupId); // locks the group: identical submissions queue here
  // After the lock, so that a concurrent retry sees the first one's row once it committed; before
  // the rules, so that a retry of an accepted entry is answered as such even if a rule changed.
  if (input.clientKey) {
    const [prior] = await tx
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.ngoOrgId, g.ngoOrgId), eq(ledgerEntries.clientKey, input.clientKey)));
    if (prior) throw new AlreadyRecorded(prior.id);
  }
  const check = entryCheck(await plausibilityFor(tx, g.ngoOrgId), input, opts.dateField);
  await assertQuarterOpen(tx as Tx, g.ngoOrgId, input.occurredOn);
  check.duplicate(await recentDuplicateEntry(tx, { ...input, groupId: g.id }));
  check.settle(input.confirm, entryWarned(g.id, input));
  const [e] = await tx
    .insert(ledgerEntries)
    .values({ ...entryRow(g, input, userId), clientKey: input.clientKey })
    .returning();
  // The note went to ledger_entry_notes (migration 0051's trigger); the caller gets it back.
  return { ...e, note: input.note };
}

/** The ledger row a checked line becomes (recordEntry's and checkEntries'). */
const entryRow = (g: { id: string; ngoOrgId: string }, input: In<typeof s.recordEntrySchema>, userId: string) => ({
  ngoOrgId: g.ngoOrgId,
  groupId: g.id,
  kind: input.kind,
  occurredOn: input.occurredOn,
  amount: input.amount,
  currency: input.currency,
  note: input.note,
  createdBy: userId,
});

/** A ledger line's date floor, ceiling and soft limit (recordEntry's and checkEntries' rules). */
function entryCheck(check: PlausibilityCheck, input: In<typeof s.recordEntrySchema>, dateField = "occurredOn") {
  return check.date(dateField, input.occurredOn).amount("amount", input.kind, input.currency, input.amount);
}
/** What a ledger line's confirmation covers. */
const entryWarned = (groupId: string, input: In<typeof s.recordEntrySchema>) => [
  groupId,
  input.kind,
  input.occurredOn,
  input.amount,
  input.currency,
  input.note,
];

/**
 * Many ledger lines at once (an import): each checked by recordEntry's rules (a group the
 * organisation writes, locked; the date floor, the ceiling; a locked quarter; the soft limit and
 * a recent identical line, earlier in the same batch included, confirmed only if
 * `acceptWarnings`). Per line: the row to insert (with its id), or the AppError that refused it.
 * Nothing is written: insertEntries writes the rows of a batch in one statement, so that the
 * rollups' statement trigger adds the batch's sums once; recording line by line in one
 * transaction updates the same summary rows once per line, each update slower than the last.
 */
export async function checkEntries(tx: Tx, org: Org, userId: string, inputs: In<typeof s.recordEntrySchema>[], acceptWarnings: boolean) {
  const groupsById = new Map<string, Awaited<ReturnType<typeof writable>> | AppError>();
  const rules = new Map<string, Plausibility>();
  const quarters = new Map<string, AppError | null>();
  const inBatch = new Set<string>();
  const out: ({ values: typeof ledgerEntries.$inferInsert & { id: string } } | { error: AppError })[] = [];
  const recent = await recentDuplicateEntries(tx, inputs);
  for (const [i, input] of inputs.entries()) {
    try {
      if (!groupsById.has(input.groupId)) groupsById.set(input.groupId, await writable(tx, org, input.groupId).catch((e: unknown) => refusal(e)));
      const g = groupsById.get(input.groupId)!;
      if (g instanceof AppError) throw g;
      if (!rules.has(g.ngoOrgId)) rules.set(g.ngoOrgId, await loadPlausibility(tx, g.ngoOrgId));
      const check = entryCheck(new PlausibilityCheck(rules.get(g.ngoOrgId)!), input);
      const q = `${g.ngoOrgId}|${quarterOf(input.occurredOn)}`;
      if (!quarters.has(q)) {
        // A savepoint: the database refuses a locked quarter with an error, which would end the transaction.
        quarters.set(q, await tx.transaction((sp) => assertQuarterOpen(sp, g.ngoOrgId, input.occurredOn)).then(() => null, refusal));
      }
      const locked = quarters.get(q);
      if (locked) throw locked;
      const same = JSON.stringify(entryWarned(g.id, input));
      check.duplicate(inBatch.has(same) ? 0 : recent[i]);
      inBatch.add(same);
      try {
        check.settle(input.confirm, entryWarned(g.id, input));
      } catch (err) {
        const token = err instanceof AppError ? err.values?.confirm : undefined;
        if (!acceptWarnings || typeof token !== "string") throw err;
        check.settle(token, entryWarned(g.id, input));
      }
      out.push({ values: { ...entryRow(g, input, userId), id: randomUUID() } });
    } catch (err) {
      out.push({ error: refusal(err) });
    }
  }
  return out;
}

/** An error of a rule as an AppError (a database refusal translated); anything else thrown on. */
function refusal(err: unknown): AppError {
  const app = err instanceof AppError ? err : appErrorFromDb(err);
  if (!app) throw err;
  return app;
}

/** Writes checked lines in one statement (the notes go to ledger_entry_notes by its trigger). */
export async function insertEntries(tx: Tx, rows: (typeof ledgerEntries.$inferInsert & { id: string })[]) {
  if (rows.length > 0) await tx.insert(ledgerEntries).values(rows);
}

/** An entry of a group this organisation writes, locked; else "not found". */
async function writableEntry(tx: Queryable, org: Org, entryId: string) {
  const [e] = await tx
    .select({
      ...getTableColumns(ledgerEntries),
      // Kept apart, read by the supporting NGO only (migration 0051).
      note: sql<string>`coalesce((select n.note from ledger_entry_notes n where n.entry_id = ${ledgerEntries.id}), '')`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.id, entryId), eq(ledgerEntries.ngoOrgId, org.id)))
    .for("update", { of: ledgerEntries });
  if (!e || org.type !== "ngo") throw new AppError("not_found");
  return e;
}

const snapshot = (e: typeof ledgerEntries.$inferSelect) => ({
  kind: e.kind,
  occurredOn: e.occurredOn,
  amount: e.amount,
  currency: e.currency,
  note: e.note,
  version: e.version,
  voidedAt: e.voidedAt,
  voidReason: e.voidReason,
});

/** Correct an entry: the row changes; the database writes its previous state to the history (0013). */
export async function correctEntry(tx: Queryable, org: Org, userId: string, input: In<typeof s.correctEntrySchema>) {
  const e = await writableEntry(tx, org, input.entryId);
  if (e.voidedAt) throw new AppError("validation", "entryVoided");
  // Only what changes is checked, as in the database: an entry above a later, lower limit stays correctable.
  const check = await plausibilityFor(tx, e.ngoOrgId);
  if (input.occurredOn !== e.occurredOn) check.date("occurredOn", input.occurredOn);
  if (input.amount !== e.amount || input.kind !== e.kind || input.currency !== e.currency) check.amount("amount", input.kind, input.currency, input.amount);
  await assertQuarterOpen(tx as Tx, e.ngoOrgId, e.occurredOn);
  await assertQuarterOpen(tx as Tx, e.ngoOrgId, input.occurredOn);
  check.settle(input.confirm, [e.id, input.kind, input.occurredOn, input.amount, input.currency]);
  const after = await updateVersioned(
    tx,
    ledgerEntries,
    { id: e.id, scope: eq(ledgerEntries.ngoOrgId, org.id), expectedVersion: input.version },
    { kind: input.kind, occurredOn: input.occurredOn, amount: input.amount, currency: input.currency, note: input.note },
  );
  const entry = { ...after, note: input.note };
  return { before: snapshot(e), after: snapshot(entry), entry };
}

export async function voidEntry(tx: Queryable, org: Org, userId: string, input: In<typeof s.voidEntrySchema>) {
  const e = await writableEntry(tx, org, input.entryId);
  if (e.voidedAt) throw new AppError("validation", "entryVoided");
  await assertQuarterOpen(tx as Tx, e.ngoOrgId, e.occurredOn);
  const after = await updateVersioned(
    tx,
    ledgerEntries,
    { id: e.id, scope: eq(ledgerEntries.ngoOrgId, org.id) },
    { voidedAt: new Date(), voidReason: input.reason },
  );
  const entry = { ...after, note: e.note };
  return { before: snapshot(e), after: snapshot(entry), entry };
}

/** A sale on credit: the sale goes to the ledger, the debt to the customer's credit. */
export async function recordCreditSale(tx: Queryable, org: Org, userId: string, input: In<typeof s.creditSaleSchema>) {
  const sale = await recordEntry(
    tx,
    org,
    userId,
    {
      groupId: input.groupId,
      kind: "sale",
      occurredOn: input.grantedOn,
      amount: input.amount,
      currency: input.currency,
      // No customer's name in the note: the name is kept with the credit, read by the NGO only
      // (customer_credit_names, migration 0040; notes are the NGO's too since 0051).
      note: "",
      confirm: input.confirm,
      clientKey: input.clientKey,
    },
    { dateField: "grantedOn" },
  ).catch(async (err: unknown) => {
    // The key is kept on the sale's ledger line; the record made the first time is its credit.
    if (!(err instanceof AlreadyRecorded)) throw err;
    const [c] = await tx.select({ id: customerCredits.id }).from(customerCredits).where(eq(customerCredits.saleEntryId, err.entityId));
    throw new AlreadyRecorded(c?.id ?? err.entityId);
  });
  const [c] = await tx
    .insert(customerCredits)
    .values({
      groupId: sale.groupId,
      saleEntryId: sale.id,
      customerName: input.customerName,
      community: input.community,
      amount: input.amount,
      currency: input.currency,
      grantedOn: input.grantedOn,
      dueOn: input.dueOn,
    })
    .returning();
  return c;
}

export async function recordRepayment(tx: Queryable, org: Org, input: In<typeof s.repaymentSchema>) {
  const [c] = await tx.select().from(customerCredits).where(eq(customerCredits.id, input.creditId)).for("update");
  if (!c) throw new AppError("not_found");
  const g = await writable(tx, org, c.groupId);
  if (input.clientKey) {
    // The credit is locked above: a concurrent retry reads the first one's row once it committed.
    const [prior] = await tx
      .select({ id: creditRepayments.id })
      .from(creditRepayments)
      .where(and(eq(creditRepayments.creditId, c.id), eq(creditRepayments.clientKey, input.clientKey)));
    if (prior) throw new AlreadyRecorded(prior.id);
  }
  await assertQuarterOpen(tx as Tx, g.ngoOrgId, input.paidOn);
  const [{ repaid }] = await tx
    .select({ repaid: sql<string>`coalesce(sum(${creditRepayments.amount}), 0)::text` })
    .from(creditRepayments)
    .where(eq(creditRepayments.creditId, c.id));
  const outstanding = c.amount - Number(repaid);
  if (input.amount > outstanding) throw fieldError("amount", "repaymentAboveOutstanding", { outstanding, currency: c.currency });
  const check = (await plausibilityFor(tx, g.ngoOrgId)).date("paidOn", input.paidOn).amount("amount", "repayment", c.currency, input.amount);
  check.duplicate(await recentDuplicateRepayment(tx, { creditId: c.id, paidOn: input.paidOn, amount: input.amount }));
  check.settle(input.confirm, [c.id, input.paidOn, input.amount]);
  const [r] = await tx.insert(creditRepayments).values({ creditId: c.id, paidOn: input.paidOn, amount: input.amount, clientKey: input.clientKey }).returning();
  return { repayment: r, outstanding: outstanding - input.amount };
}

export async function createTeam(tx: Queryable, org: Org, input: In<typeof s.teamSchema>) {
  const g = await writable(tx, org, input.groupId);
  const members = await listGroupMembers(tx, g.id);
  const active = new Set(members.filter((m) => !m.leftOn).map((m) => m.membershipId));
  // An id that is no membership of this group (another group's, another NGO's): not found.
  if (input.memberIds.some((id) => !members.some((m) => m.membershipId === id))) throw new AppError("not_found");
  if (input.memberIds.some((id) => !active.has(id))) throw fieldError("memberIds", "teamMembersRequired");
  const [t] = await tx.insert(managerTeams).values({ groupId: g.id, name: input.name, weight: input.weight }).returning();
  await tx.insert(managerTeamMembers).values([...new Set(input.memberIds)].map((membershipId) => ({ teamId: t.id, membershipId })));
  return t;
}

export async function addTerm(tx: Queryable, org: Org, input: In<typeof s.termSchema>) {
  const g = await writable(tx, org, input.groupId); // locks the group: concurrent terms queue here
  const [team] = await tx
    .select()
    .from(managerTeams)
    .where(and(eq(managerTeams.id, input.teamId), eq(managerTeams.groupId, g.id)));
  if (!team) throw new AppError("not_found");
  const [overlap] = await tx
    .select({ id: managerTerms.id })
    .from(managerTerms)
    .where(and(eq(managerTerms.groupId, g.id), sql`${managerTerms.startsOn} <= ${input.endsOn} and ${input.startsOn} <= ${managerTerms.endsOn}`));
  if (overlap) throw fieldError("startsOn", "termsOverlap");
  const [t] = await tx.insert(managerTerms).values({ groupId: g.id, teamId: team.id, startsOn: input.startsOn, endsOn: input.endsOn }).returning();
  return t;
}

/** Weights of the active members under the group's rule (team-weighted: their best team's weight). */
export async function memberWeights(tx: Queryable, groupId: string, rule: "equal" | "team_weighted") {
  const members = (await listGroupMembers(tx, groupId)).filter((m) => !m.leftOn);
  const { teams } = rule === "team_weighted" ? await listRotation(tx, groupId) : { teams: [] };
  return members.map((m) => ({
    membershipId: m.membershipId,
    name: m.name,
    weight: Math.max(1, ...teams.filter((t) => t.memberIds.includes(m.membershipId)).map((t) => t.weight)),
  }));
}

export async function recordDistribution(tx: Queryable, org: Org, userId: string, input: In<typeof s.distributionSchema>) {
  const g = await writable(tx, org, input.groupId);
  (await plausibilityFor(tx, g.ngoOrgId)).date("periodFrom", input.periodFrom);
  // A locked quarter first (the database refuses it too), then an overlap (migration 0021),
  // before any figure of the period.
  await assertQuartersOpen(tx as Tx, g.ngoOrgId, quartersBetween(input.periodFrom, input.periodTo));
  const [clash] = await tx
    .select({ from: profitDistributions.periodFrom, to: profitDistributions.periodTo })
    .from(profitDistributions)
    .where(
      and(
        eq(profitDistributions.groupId, g.id),
        sql`${profitDistributions.periodFrom} <= ${input.periodTo} and ${input.periodFrom} <= ${profitDistributions.periodTo}`,
      ),
    )
    .limit(1);
  if (clash) throw fieldError("periodFrom", "distributionsOverlap", { from: clash.from, to: clash.to });
  const { sums, unrated } = await profitSums(tx, g.id, input.currency, input.periodFrom, input.periodTo);
  if (unrated.count > 0) throw fieldError("periodFrom", "profitNeedsRate", { count: unrated.count, currency: unrated.currency });
  const profit = computeProfit(sums);
  if (profit <= 0) throw fieldError("periodTo", "noProfit");
  const weights = await memberWeights(tx, g.id, g.profitRule);
  if (weights.length === 0) throw new AppError("validation", "noMembers");
  const shares = shareProfit(profit, weights);
  const [d] = await tx
    .insert(profitDistributions)
    .values({ groupId: g.id, periodFrom: input.periodFrom, periodTo: input.periodTo, currency: input.currency, profit, rule: g.profitRule, recordedBy: userId })
    .returning();
  await tx.insert(profitShares).values(shares.map((x) => ({ distributionId: d.id, membershipId: x.membershipId, amount: x.amount })));
  return { distribution: d, shares };
}

export async function setRate(tx: Queryable, org: Org, userId: string, input: In<typeof s.rateSchema>) {
  if (org.type !== "consortium") throw new AppError("not_found");
  const [before] = await tx.select().from(exchangeRates).where(eq(exchangeRates.validFrom, input.validFrom));
  const values = { validFrom: input.validFrom, xofPerMru: input.xofPerMru, source: input.source, setByOrgId: org.id, setByUserId: userId };
  const [after] = before
    ? await tx.update(exchangeRates).set(values).where(eq(exchangeRates.id, before.id)).returning()
    : await tx.insert(exchangeRates).values(values).returning();
  return { before: before ?? null, after };
}

export async function addAid(tx: Queryable, org: Org, input: In<typeof s.aidSchema>) {
  if (org.type !== "ngo") throw new AppError("not_found");
  const [p] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, input.personId), eq(people.ngoOrgId, org.id)));
  if (!p) throw new AppError("not_found");
  const [kind] = await tx.select({ code: aidTypes.code }).from(aidTypes).where(eq(aidTypes.code, input.aidType));
  if (!kind) throw fieldError("aidType", "aidTypeUnknown");
  const [a] = await tx
    .insert(technicalAids)
    .values({ ngoOrgId: org.id, personId: p.id, aidType: kind.code, details: input.details || null, receivedOn: input.receivedOn })
    .returning();
  return a;
}

/** A figure as a report declares it, to be shown beside what the records compute. */
export async function addDeclaredFigure(tx: Queryable, org: Org, input: In<typeof s.declaredFigureSchema>) {
  if (org.type !== "ngo") throw new AppError("not_found");
  const [d] = await tx
    .insert(declaredFigures)
    .values({ orgId: org.id, ...input })
    .returning();
  return d;
}
