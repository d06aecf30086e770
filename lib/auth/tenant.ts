import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import type { Permission } from "@/lib/permissions";
import { getDb } from "@/db";
import { getCurrentUser, sessionOrganisations, type CurrentUser } from "./session";
import { readUserOrganisations, rememberOrganisation } from "./session-store";
import { resolveTenantWith, type Resolution, type TenantContext } from "./tenant-core";

export type { TenantContext } from "./tenant-core";

/**
 * Every organisation the signed-in user belongs to, read once per request (with the session
 * check, by the same statement): the tenant resolver finds the page's organisation in it, and the
 * header lists it in the organisation switcher. Only the user's own memberships are visible here
 * (row-level security, user context).
 */
export const userOrganisations = cache(async (userId: string) => (await sessionOrganisations(userId)) ?? readUserOrganisations(await getDb(), userId));

const resolveCached = cache(async (slug: string): Promise<Resolution<CurrentUser>> => {
  return resolveTenantWith(
    {
      getUser: getCurrentUser,
      findMembership: async (userId, s) => {
        const row = (await userOrganisations(userId)).find((o) => o.slug === s);
        if (!row) return null;
        const { role, groupId, ...org } = row;
        return { org, role, groupId };
      },
    },
    slug,
  );
});

/**
 * The one tenant resolver, non-throwing, for server actions and route handlers. A group manager
 * (issue 17.5) is "not found" unless the caller passes `{ manager: true }`: the one write path
 * (lib/server-action.ts), which then holds each write to the manager's group, and the outbox's
 * sync route, which sends through it. Imports, templates and downloads are not the manager's.
 */
export async function resolveTenant(slug: string, permission?: Permission, opts?: { manager?: boolean }): Promise<Resolution<CurrentUser>> {
  const r = await resolveCached(slug);
  if (r.kind === "ok" && permission && !r.ctx.can(permission)) return { kind: "not_found" };
  if (r.kind === "ok" && r.ctx.groupId !== null && !opts?.manager) return { kind: "not_found" };
  if (r.kind === "ok" && r.ctx.user.mustChangePassword) return { kind: "unauthenticated" };
  return r;
}

/**
 * The one tenant resolver for pages: sign-in redirect, or the same 404 for any refusal. A page a
 * group manager may open passes `{ manager: true }`.
 */
export async function requireMember(slug: string, permission?: Permission, opts?: { manager?: boolean }): Promise<TenantContext<CurrentUser>> {
  const r = await resolveCached(slug);
  if (r.kind === "unauthenticated") redirect("/login");
  if (r.kind === "not_found") notFound();
  if (r.ctx.user.mustChangePassword) redirect("/account/password");
  if (permission && !r.ctx.can(permission)) notFound();
  // A group manager (issue 17.5) reaches only the pages of its group, which say so; any other
  // page of the organisation is not found for it (and its rows are narrowed in the database).
  if (r.ctx.groupId !== null && !opts?.manager) notFound();
  await rememberOrganisation(await getDb(), r.ctx.user, r.ctx.org.id);
  return r.ctx;
}
