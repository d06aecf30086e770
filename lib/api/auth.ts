import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rowsOf } from "@/db/app-role";
import type { TenantContext, TenantOrg } from "@/lib/auth/tenant-core";
import { can } from "@/lib/permissions";
import { bearerToken } from "./token";

/** Who reads through the API: the token's organisation, as a viewer of it; the token's id keys its rate limit. */
export interface ApiCaller {
  tokenId: string;
  ctx: TenantContext<{ id: string }>;
}

/**
 * The caller of an API request, from its `Authorization: Bearer` header only (never the query
 * string, never a cookie): a live token's organisation, else null (401), the same for an unknown,
 * revoked or expired token. The one read outside a tenant is a narrow SECURITY DEFINER function
 * (migration api_tokens) that matches the prefix and the hash and notes the token's last use.
 *
 * The token reads as a viewer of its organisation reads: the same permissions, scope and small-cell
 * rule (an NGO's token sees its own people's counts unsuppressed, as its viewers do), with no
 * user (no membership, no session), and never a person-level list (lib/api/tables.ts).
 */
export async function apiCaller(authorization: string | null): Promise<ApiCaller | null> {
  const t = bearerToken(authorization);
  if (!t) return null;
  const db = await getDb();
  const [row] = rowsOf<{ token_id: string; org_id: string; slug: string; name: string; type: TenantOrg["type"] }>(
    await db.execute(sql`select token_id, org_id, slug, name, type::text as type from app_api_token_org(${t.prefix}, ${t.secretHash})`),
  );
  if (!row) return null;
  const org: TenantOrg = { id: row.org_id, slug: row.slug, name: row.name, type: row.type };
  return { tokenId: row.token_id, ctx: { user: { id: "" }, org, role: "viewer", groupId: null, can: (p) => can(org.type, "viewer", p) } };
}
