import "server-only";
import type { Tx } from "@/db/client";
import { listMyAccountEvents } from "@/lib/audit/queries";
import { listMyInvitations } from "@/lib/invitations/service";
import type { PageRequest } from "@/lib/pagination";

/**
 * What the account page shows the signed-in user, read in their own user context: invitations
 * waiting for their answer, and their own account records (sign-ins, failed sign-ins, password
 * and language changes), which no organisation's trail shows.
 */
export async function loadAccountOverview(tx: Tx, userId: string, page: PageRequest) {
  return {
    invitations: await listMyInvitations(tx, userId),
    events: await listMyAccountEvents(tx, userId, page),
  };
}
