import "server-only";
import { and, desc, eq, inArray, max } from "drizzle-orm";
import type { z } from "zod";
import type { Queryable } from "@/db/client";
import { businessPlans, groupMemberships, groupRules, ruleAcknowledgements, users } from "@/db/schema";
import { AppError, fieldError } from "@/lib/errors";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { findWritableGroup } from "@/lib/groups/queries";
import type { acknowledgeSchema, planSchema, rulesSchema } from "./schema";

type Org = Pick<TenantOrg, "id" | "type">;

async function writable(tx: Queryable, org: Org, groupId: string) {
  const g = await findWritableGroup(tx, org, groupId);
  if (!g || g.archivedAt !== null) throw new AppError("not_found");
  return g;
}

/**
 * Each change is a new version (the group row is locked, so versions follow one another); a writer
 * who loaded an older version than the newest is told someone changed it meanwhile.
 */
async function nextVersion(tx: Queryable, table: typeof businessPlans | typeof groupRules, groupId: string, loaded: number) {
  const [{ v }] = await tx
    .select({ v: max(table.version) })
    .from(table)
    .where(eq(table.groupId, groupId));
  const current = v ?? 0;
  if (loaded !== current) throw new AppError("conflict");
  return current + 1;
}

export async function savePlan(tx: Queryable, org: Org, userId: string, input: z.infer<typeof planSchema>) {
  const g = await writable(tx, org, input.groupId);
  const version = await nextVersion(tx, businessPlans, g.id, input.loadedVersion);
  const { loadedVersion: _, ...values } = input;
  const [plan] = await tx
    .insert(businessPlans)
    .values({ ...values, groupId: g.id, version, createdBy: userId })
    .returning();
  return plan;
}

export async function saveRules(tx: Queryable, org: Org, userId: string, input: z.infer<typeof rulesSchema>) {
  const g = await writable(tx, org, input.groupId);
  const version = await nextVersion(tx, groupRules, g.id, input.loadedVersion);
  const [rules] = await tx.insert(groupRules).values({ groupId: g.id, version, body: input.body, createdBy: userId }).returning();
  return rules;
}

/** Members acknowledge the rules in force (not an older version); an acknowledgement already recorded keeps its date. */
export async function acknowledgeRules(tx: Queryable, org: Org, userId: string, input: z.infer<typeof acknowledgeSchema>) {
  const g = await writable(tx, org, input.groupId);
  const [current] = await tx.select().from(groupRules).where(eq(groupRules.groupId, g.id)).orderBy(desc(groupRules.version)).limit(1);
  if (!current || current.id !== input.rulesId) throw new AppError("conflict");
  const members = await tx
    .select({ id: groupMemberships.id })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, g.id), inArray(groupMemberships.id, input.membershipIds)));
  if (members.length !== new Set(input.membershipIds).size) throw fieldError("membershipIds", "notGroupMember");
  const rows = await tx
    .insert(ruleAcknowledgements)
    .values(members.map((m) => ({ rulesId: current.id, membershipId: m.id, acknowledgedOn: input.acknowledgedOn, recordedBy: userId })))
    .onConflictDoNothing()
    .returning();
  return { rules: current, acknowledged: rows.map((r) => r.membershipId) };
}

/** Every version of the group's plan, newest first, with who wrote it. */
export async function listPlanVersions(db: Queryable, groupId: string) {
  return db
    .select({ plan: businessPlans, by: users.name })
    .from(businessPlans)
    .leftJoin(users, eq(users.id, businessPlans.createdBy))
    .where(eq(businessPlans.groupId, groupId))
    .orderBy(desc(businessPlans.version));
}

/** Every version of the group's rules, newest first, and the acknowledgements of the one in force. */
export async function loadRules(db: Queryable, groupId: string) {
  const versions = await db
    .select({ rules: groupRules, by: users.name })
    .from(groupRules)
    .leftJoin(users, eq(users.id, groupRules.createdBy))
    .where(eq(groupRules.groupId, groupId))
    .orderBy(desc(groupRules.version));
  const current = versions[0]?.rules ?? null;
  const acks = current
    ? await db
        .select({ membershipId: ruleAcknowledgements.membershipId, on: ruleAcknowledgements.acknowledgedOn, by: users.name })
        .from(ruleAcknowledgements)
        .leftJoin(users, eq(users.id, ruleAcknowledgements.recordedBy))
        .where(eq(ruleAcknowledgements.rulesId, current.id))
    : [];
  return { versions, current, acks };
}
