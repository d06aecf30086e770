import "server-only";
import { cache } from "react";
import { and, eq } from "drizzle-orm";
import { notFound, redirect } from "next/navigation";
import { withUser } from "@/lib/tenant-db";
import { memberships, organisations } from "@/db/schema";
import type { Queryable } from "@/db/client";
import type { Permission } from "@/lib/permissions";
import { getDb } from "@/db";
import { getCurrentUser, type CurrentUser } from "./session";
import { rememberOrganisation } from "./session-store";
import { resolveTenantWith, type Resolution, type TenantContext } from "./tenant-core";

export type { TenantContext } from "./tenant-core";

/** Membership is part of the query: a non-member gets no row. */
export async function findMembership(db: Queryable, userId: string, slug: string) {
  const [row] = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      type: organisations.type,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(organisations.slug, slug)))
    .limit(1);
  if (!row) return null;
  const { role, ...org } = row;
  return { org, role };
}

const resolveCached = cache(async (slug: string): Promise<Resolution<CurrentUser>> => {
  // Only the user's own memberships are visible here (row-level security, user context).
  return resolveTenantWith(
    { getUser: getCurrentUser, findMembership: (userId, s) => withUser(userId, (tx) => findMembership(tx, userId, s)) },
    slug,
  );
});

/** The one tenant resolver, non-throwing, for server actions and route handlers. */
export async function resolveTenant(slug: string, permission?: Permission): Promise<Resolution<CurrentUser>> {
  const r = await resolveCached(slug);
  if (r.kind === "ok" && permission && !r.ctx.can(permission)) return { kind: "not_found" };
  if (r.kind === "ok" && r.ctx.user.mustChangePassword) return { kind: "unauthenticated" };
  return r;
}

/** The one tenant resolver for pages: sign-in redirect, or the same 404 for any refusal. */
export async function requireMember(slug: string, permission?: Permission): Promise<TenantContext<CurrentUser>> {
  const r = await resolveCached(slug);
  if (r.kind === "unauthenticated") redirect("/login");
  if (r.kind === "not_found") notFound();
  if (r.ctx.user.mustChangePassword) redirect("/account/password");
  if (permission && !r.ctx.can(permission)) notFound();
  await rememberOrganisation(await getDb(), r.ctx.user, r.ctx.org.id);
  return r.ctx;
}
