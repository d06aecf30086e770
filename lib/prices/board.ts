import "server-only";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/app-role";
import { getDb } from "@/db";
import { organisations } from "@/db/schema";
import { withTenant } from "@/lib/tenant-db";
import { BOARD_RULE, boardBucket, hitRateLimit } from "@/lib/rate-limit";
import { isIsoDate, today } from "@/lib/dates";
import { listBoard } from "./queries";
import { getSettings } from "./records";

export const boardDate = (v: string | undefined) => (v && isIsoDate(v) ? v : today());

export async function loadBoard(db: Parameters<typeof listBoard>[0], communeId: string, date: string) {
  const [items, settings] = await Promise.all([listBoard(db, communeId, date), getSettings(db, communeId)]);
  return { items, noticeDays: settings.noticeDays, digits: settings.boardDigits };
}

/**
 * The public board behind an unguessable token, only while the commune's admin keeps it
 * enabled. The token lookup is the one read outside a tenant; everything after runs as the
 * commune, without a user, and reads the board only.
 */
export const isBoardToken = (token: string) => /^[A-Za-z0-9_-]{20,64}$/.test(token);

/**
 * Count one view of a board by a client address (before the token is looked up, so that a
 * dead or guessed token is counted too): allowed, or the seconds until the window ends.
 */
export async function countBoardView(token: string, address: string) {
  return hitRateLimit(await getDb(), boardBucket(address, token), BOARD_RULE);
}

export async function loadPublicBoard(token: string, date: string) {
  if (!isBoardToken(token)) return null;
  const db = await getDb();
  // The one read outside a tenant: a narrow SECURITY DEFINER function (migrations 0009, 0023)
  // that returns only the commune whose live (never revoked) board link is this token.
  const [found] = rowsOf<{ id: string | null }>(await db.execute(sql`select app_board_commune(${token}) as id`));
  const [commune] = found?.id
    ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, found.id))
    : [];
  if (!commune) return null;
  const board = await withTenant({ org: { id: commune.id }, user: null }, (tx) => loadBoard(tx, commune.id, date));
  return { communeName: commune.name, ...board };
}
