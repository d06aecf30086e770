import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { CreateApiTokenInput } from "./schema";
import { newToken } from "./token";

/** The organisation's API tokens, newest first: never their secret (only its hash is stored). */
export function listApiTokens(tx: Tx, orgId: string) {
  return tx
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      createdBy: users.name,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdByUserId))
    .where(eq(apiTokens.orgId, orgId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/**
 * A new token of the organisation. The token itself is returned once, to be shown once; the
 * row keeps its prefix and hash. It expires at the end of `expiresOn` (UTC), if given.
 */
export async function createApiToken(tx: Tx, orgId: string, userId: string, input: CreateApiTokenInput) {
  const { token, prefix, secretHash } = newToken();
  const expiresAt = input.expiresOn ? new Date(`${input.expiresOn}T23:59:59.999Z`) : null;
  const [row] = await tx
    .insert(apiTokens)
    .values({ orgId, name: input.name, prefix, secretHash, createdByUserId: userId, expiresAt })
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, expiresAt: apiTokens.expiresAt });
  return { row, token };
}

/** Revokes a live token of the organisation, for good; another organisation's, or a revoked one, is "not found". */
export async function revokeApiToken(tx: Tx, orgId: string, userId: string, tokenId: string) {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()`, revokedByUserId: userId })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.orgId, orgId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
  if (!row) throw new AppError("not_found");
  return row;
}
