import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { households, people, places } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { AppError, fieldError } from "@/lib/errors";
import { rowsOf } from "@/lib/groups/scope";
import { listNgoSettlements } from "@/lib/groups/queries";
import { changes } from "@/lib/records/history";
import { updateVersioned } from "@/lib/versioned";
import type { z } from "zod";
import type { archiveSchema } from "@/lib/groups/schema";
import type { editHouseholdSchema, editPersonSchema } from "./edit-schema";

type Org = Pick<TenantOrg, "id" | "type">;

/** A person the organisation writes (the NGO that recorded them), locked; else "not found". */
async function writablePerson(tx: Queryable, org: Org, personId: string) {
  if (org.type !== "ngo") throw new AppError("not_found");
  const [p] = await tx
    .select()
    .from(people)
    .where(and(eq(people.id, personId), eq(people.ngoOrgId, org.id)))
    .for("update");
  if (!p) throw new AppError("not_found");
  return p;
}

/** A person with their household, as their NGO reads them; null for anyone else. */
export async function findOwnPerson(db: Queryable, org: Org, personId: string) {
  if (org.type !== "ngo" || !/^[0-9a-f-]{36}$/i.test(personId)) return null;
  const [row] = await db
    .select({ person: people, household: households, settlement: places.name })
    .from(people)
    .leftJoin(households, eq(households.id, people.householdId))
    .leftJoin(places, eq(places.id, households.settlementId))
    .where(and(eq(people.id, personId), eq(people.ngoOrgId, org.id)));
  if (!row) return null;
  const groupsOf = await db.execute(sql`select g.id, g.name, m.joined_on::text as "joinedOn", m.left_on::text as "leftOn"
    from group_memberships m join groups g on g.id = m.group_id where m.person_id = ${personId} order by m.joined_on`);
  const memberships = rowsOf<{ id: string; name: string; joinedOn: string; leftOn: string | null }>(groupsOf);
  return { ...row, memberships };
}

/**
 * A person's details and answers, with optimistic locking. The sex, year of birth and answers are
 * counted in the inclusion figures of every quarter of the person's memberships: the database
 * refuses their change while one of those quarters is locked (migration 0033). The name is free.
 */
export async function editPerson(tx: Queryable, org: Org, input: z.infer<typeof editPersonSchema>) {
  const p = await writablePerson(tx, org, input.personId);
  if (p.archivedAt) throw new AppError("validation", "recordArchived");
  const { personId, version, ...values } = input;
  const after = await updateVersioned(tx, people, { id: personId, scope: eq(people.ngoOrgId, org.id), expectedVersion: version }, values);
  const diff = changes(p as unknown as Record<string, unknown>, values);
  return { person: after, before: diff.before, after: diff.after };
}

export async function editHousehold(tx: Queryable, org: Org, input: z.infer<typeof editHouseholdSchema>) {
  if (org.type !== "ngo") throw new AppError("not_found");
  const [h] = await tx
    .select()
    .from(households)
    .where(and(eq(households.id, input.householdId), eq(households.ngoOrgId, org.id)))
    .for("update");
  if (!h) throw new AppError("not_found");
  const settlements = await listNgoSettlements(tx, org.id);
  if (input.settlementId !== h.settlementId && !settlements.some((s) => s.id === input.settlementId)) throw fieldError("settlementId", "invalid");
  const values = { settlementId: input.settlementId, size: input.size, status: input.status, cashTransferSince: input.cashTransferSince || null };
  const after = await updateVersioned(tx, households, { id: h.id, scope: eq(households.ngoOrgId, org.id), expectedVersion: input.version }, values);
  const name = (id: string) => settlements.find((s) => s.id === id)?.name ?? id;
  const diff = changes(
    { settlement: name(h.settlementId), size: h.size, householdStatus: h.status, cashTransferSince: h.cashTransferSince },
    { settlement: name(after.settlementId), size: after.size, householdStatus: after.status, cashTransferSince: after.cashTransferSince },
  );
  return { household: after, before: diff.before, after: diff.after };
}

/** Archive or restore a person: out of pickers and new memberships (migration 0033), nothing deleted. */
export async function archivePerson(tx: Queryable, org: Org, input: z.infer<typeof archiveSchema>) {
  const p = await writablePerson(tx, org, input.id);
  // A merged person stays archived, pointing to the person kept (migration 0055).
  if (p.mergedIntoId) throw new AppError("validation", "personAlreadyMerged");
  const after = await updateVersioned(tx, people, { id: p.id, scope: eq(people.ngoOrgId, org.id), expectedVersion: input.version }, {
    archivedAt: input.intent === "archive" ? sql`now()` : null,
  } as never);
  return { person: after, before: { archived: p.archivedAt !== null }, after: { archived: after.archivedAt !== null } };
}
