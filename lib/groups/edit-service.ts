import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { groups, organisations, places } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { AppError, fieldError } from "@/lib/errors";
import { changes } from "@/lib/records/history";
import { updateVersioned } from "@/lib/versioned";
import { plausibilityFor } from "./plausibility-service";
import { findWritableGroup } from "./queries";
import { rowsOf } from "./scope";
import type { z } from "zod";
import type * as s from "./schema";

type Org = Pick<TenantOrg, "id" | "type">;

/** Villages of the communes the NGO works in: where its groups may be. */
async function villageOk(tx: Queryable, ngoOrgId: string, villageId: string) {
  const r = await tx.execute(
    sql`select 1 from places p join organisations c on c.territory_place_id = p.parent_id join org_communes oc on oc.commune_org_id = c.id where p.id = ${villageId} and oc.org_id = ${ngoOrgId}`,
  );
  return rowsOf(r).length > 0;
}

/** Cooperative networks active in the commune of a village: those a group there may join. */
export async function listNetworksForNgo(tx: Queryable, ngoOrgId: string) {
  return rowsOf<{ id: string; name: string }>(
    await tx.execute(sql`select distinct n.id, n.name from organisations n
      join org_communes nc on nc.org_id = n.id
      join org_communes oc on oc.commune_org_id = nc.commune_org_id and oc.org_id = ${ngoOrgId}
      where n.type = 'cooperative_network' order by n.name`),
  );
}

async function networkOk(tx: Queryable, networkId: string, villageId: string) {
  const r = await tx.execute(sql`select 1 from organisations n join org_communes nc on nc.org_id = n.id
    join organisations c on c.id = nc.commune_org_id join places p on p.parent_id = c.territory_place_id
    where n.id = ${networkId} and n.type = 'cooperative_network' and p.id = ${villageId}`);
  return rowsOf(r).length > 0;
}

async function names(tx: Queryable, villageId: string, networkId: string | null) {
  const [v] = await tx.select({ name: places.name }).from(places).where(eq(places.id, villageId));
  const [n] = networkId ? await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, networkId)) : [];
  return { village: v?.name ?? villageId, network: n?.name ?? null };
}

/**
 * A group's name, village, network and starting capital, with optimistic locking. A change of
 * village or network moves the group's figures in the rollups (trigger groups_move_cube), and is
 * refused if the group has figures in a locked quarter; a change of capital if its start is in
 * one (migration 0033). The audit record holds what changed, before and after.
 */
export async function editGroup(tx: Queryable, org: Org, userId: string | null, input: z.infer<typeof s.editGroupSchema>) {
  const g = await findWritableGroup(tx, org, input.groupId);
  if (!g) throw new AppError("not_found");
  if (g.archivedAt) throw new AppError("validation", "recordArchived");
  const networkOrgId = input.networkOrgId || null;
  if (input.villageId !== g.villageId && !(await villageOk(tx, g.ngoOrgId, input.villageId))) throw fieldError("villageId", "invalid");
  if (networkOrgId && networkOrgId !== g.networkOrgId && !(await networkOk(tx, networkOrgId, input.villageId)))
    throw fieldError("networkOrgId", "networkInvalid");
  if (input.startingCapitalAmount !== g.startingCapitalAmount || input.startingCapitalCurrency !== g.startingCapitalCurrency) {
    (await plausibilityFor(tx, g.ngoOrgId))
      .amount("startingCapitalAmount", "starting_capital", input.startingCapitalCurrency, input.startingCapitalAmount)
      .settle(input.confirm, [g.id, input.startingCapitalAmount, input.startingCapitalCurrency]);
  }
  const values = {
    name: input.name,
    villageId: input.villageId,
    networkOrgId,
    startingCapitalAmount: input.startingCapitalAmount,
    startingCapitalCurrency: input.startingCapitalCurrency,
  };
  const after = await updateVersioned(tx, groups, { id: g.id, scope: eq(groups.ngoOrgId, org.id), expectedVersion: input.version }, values);
  const [was, now] = [await names(tx, g.villageId, g.networkOrgId), await names(tx, after.villageId, after.networkOrgId)];
  const diff = changes(
    {
      name: g.name,
      village: was.village,
      network: was.network,
      startingCapitalAmount: g.startingCapitalAmount,
      startingCapitalCurrency: g.startingCapitalCurrency,
    },
    {
      name: after.name,
      village: now.village,
      network: now.network,
      startingCapitalAmount: after.startingCapitalAmount,
      startingCapitalCurrency: after.startingCapitalCurrency,
    },
  );
  return { group: after, before: diff.before, after: diff.after };
}

/** Archive or restore a group: nothing is deleted; an archived group takes no new entries (migration 0033). */
export async function archiveGroup(tx: Queryable, org: Org, input: z.infer<typeof s.archiveSchema>) {
  const g = await findWritableGroup(tx, org, input.id);
  if (!g) throw new AppError("not_found");
  const after = await updateVersioned(tx, groups, { id: g.id, scope: and(eq(groups.ngoOrgId, org.id))!, expectedVersion: input.version }, {
    archivedAt: input.intent === "archive" ? sql`now()` : null,
  } as never);
  return { group: after, before: { archived: g.archivedAt !== null }, after: { archived: after.archivedAt !== null } };
}
