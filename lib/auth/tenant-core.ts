import { can, type OrgType, type Permission, type Role } from "@/lib/permissions";

export interface TenantOrg {
  id: string;
  slug: string;
  name: string;
  type: OrgType;
}

export interface TenantContext<U = { id: string }> {
  user: U;
  org: TenantOrg;
  role: Role;
  /** The one group a group manager is limited to (issue 17.5); null for every other member. */
  groupId: string | null;
  can(permission: Permission): boolean;
}

export type Resolution<U> =
  | { kind: "ok"; ctx: TenantContext<U> }
  | { kind: "unauthenticated" }
  /** Not a member, no such organisation, or lacking the permission: all look the same. */
  | { kind: "not_found" };

export interface ResolverDeps<U extends { id: string }> {
  getUser(): Promise<U | null>;
  findMembership(userId: string, slug: string): Promise<{ org: TenantOrg; role: Role; groupId?: string | null } | null>;
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** The tenant resolver's rule, free of framework calls so that it can be tested alone. */
export async function resolveTenantWith<U extends { id: string }>(deps: ResolverDeps<U>, slug: string, permission?: Permission): Promise<Resolution<U>> {
  const user = await deps.getUser();
  if (!user) return { kind: "unauthenticated" };
  if (typeof slug !== "string" || !SLUG_PATTERN.test(slug)) return { kind: "not_found" };
  const membership = await deps.findMembership(user.id, slug);
  if (!membership) return { kind: "not_found" };
  const { org, role } = membership;
  const groupId = membership.groupId ?? null;
  const allowed = (p: Permission) => can(org.type, role, p, groupId !== null);
  if (permission && !allowed(permission)) return { kind: "not_found" };
  return { kind: "ok", ctx: { user, org, role, groupId, can: allowed } };
}
