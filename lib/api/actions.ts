"use server";
import { orgAction } from "@/lib/server-action";
import { createApiTokenSchema, revokeApiTokenSchema } from "./schema";
import { createApiToken, revokeApiToken } from "./service";

const revalidate = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/api-tokens`;

/** An admin creates a token; it is answered once to the admin and never recorded (its hash is). */
export const createApiTokenAction = orgAction(
  { permission: "api:manage", schema: createApiTokenSchema, action: "api_token.create", entity: "api_token", revalidate },
  async ({ tx, ctx, input }) => {
    const { row, token } = await createApiToken(tx, ctx.org.id, ctx.user.id, input);
    return {
      audit: { entityId: row.id, after: { name: row.name, prefix: row.prefix, expiresAt: row.expiresAt?.toISOString() ?? null } },
      data: { token, prefix: row.prefix },
      message: "apiTokenCreated",
    };
  },
);

export const revokeApiTokenAction = orgAction(
  { permission: "api:manage", schema: revokeApiTokenSchema, action: "api_token.revoke", entity: "api_token", revalidate },
  async ({ tx, ctx, input }) => {
    const row = await revokeApiToken(tx, ctx.org.id, ctx.user.id, input.tokenId);
    return { audit: { entityId: row.id, before: { name: row.name, prefix: row.prefix } }, message: "apiTokenRevoked" };
  },
);
