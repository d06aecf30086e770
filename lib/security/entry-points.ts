/**
 * Every server entry point of the portal and what it requires: the registry the authorization
 * matrix (e2e/authz-matrix.spec.ts) checks against the permission table. A page, route handler
 * or server action missing here fails lib/security/entry-points.test.ts and the matrix: add
 * it in the same change (see SECURITY.md, "adding a route / action").
 */
import type { Permission } from "@/lib/permissions";

export type Access =
  /** Anyone, signed in or not. */
  | { kind: "public" }
  /** Any signed-in user, whatever their organisations. */
  | { kind: "user" }
  /** A member of the organisation named by the URL slug (pages) or the `org` form field (actions). */
  | { kind: "member"; permission: Permission };

const publicAccess: Access = { kind: "public" };
const userAccess: Access = { kind: "user" };
const member = (permission: Permission): Access => ({ kind: "member", permission });

/** Pages, by their URL pattern (route groups dropped). */
export const pageEntryPoints: Record<string, Access> = {
  "/": userAccess,
  "/login": publicAccess,
  "/account/password": userAccess,
  "/[org]": member("org:read"),
  "/[org]/members": member("members:manage"),
  "/[org]/audit": member("audit:read"),
};

/** Route handlers and metadata routes, by URL pattern, with a concrete path to probe. */
export const routeEntryPoints: Record<string, Access & { probe: string }> = {
  "/api/auth/[...nextauth]": { ...publicAccess, probe: "/api/auth/session" },
  "/icon.svg": { ...publicAccess, probe: "/icon.svg" },
};

/**
 * Object kinds a server action takes by id: the matrix sends another tenant's object of that
 * kind and expects "not found". The e2e knows how to find one per kind (e2e/authz-matrix.spec.ts).
 */
export type ObjectKind = "membership";

export interface ActionEntry {
  access: Access;
  /** The form fields the action reads (besides `org`): the fuzz test (scripts/fuzz.mjs) aims at them. */
  fields: string[];
  /** Fields holding ids of objects, by kind; with `valid`, a payload the action would accept. */
  objects?: Record<string, ObjectKind>;
  valid?: Record<string, string>;
}

/** Server actions, by "<file>#<export>" of their "use server" module. */
export const actionEntryPoints: Record<string, ActionEntry> = {
  "lib/auth/actions.ts#signInAction": { access: publicAccess, fields: ["email", "password"] },
  "lib/auth/actions.ts#setLocaleAction": { access: publicAccess, fields: ["locale", "back"] },
  "lib/auth/actions.ts#signOutAction": { access: userAccess, fields: [] },
  "lib/auth/actions.ts#changePasswordAction": { access: userAccess, fields: ["currentPassword", "newPassword", "confirmPassword"] },
  "lib/members/actions.ts#addMemberAction": { access: member("members:manage"), fields: ["email", "role"] },
  "lib/members/actions.ts#createUserAction": {
    access: member("members:manage"),
    fields: ["name", "email", "role", "temporaryPassword"],
  },
  "lib/members/actions.ts#changeRoleAction": {
    access: member("members:manage"),
    fields: ["membershipId", "role"],
    objects: { membershipId: "membership" },
    valid: { role: "viewer" },
  },
  "lib/members/actions.ts#removeMemberAction": {
    access: member("members:manage"),
    fields: ["membershipId"],
    objects: { membershipId: "membership" },
  },
};
