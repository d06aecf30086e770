/** Role × organisation type → permissions, as data. The one function `can` checks it. */

export const orgTypes = ["consortium", "ngo", "commune", "cooperative_network"] as const;
export type OrgType = (typeof orgTypes)[number];
export const roles = ["admin", "editor", "viewer"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "org:read",
  "members:read",
  "members:manage",
  "audit:read",
  "groups:read",
  "groups:write",
  "people:read",
  "prices:read",
  "prices:write",
  "prices:admin",
  /** Record market prices in a commune the organisation may read (committee members, NGO coaches). */
  "prices:observe",
  "cohesion:read",
  "cohesion:write",
  /** Compare the members of a consortium side by side (the consortium's own view). */
  "cohesion:compare",
  "exports:read",
  "rates:manage",
  "quarters:lock",
  /** Open the import page (issue 14.1): each kind of file also needs the permission of its own form (lib/imports/kinds.ts). */
  "imports:write",
  /** Create and revoke the organisation's tokens of the read-only API (issue 14.5): its admins, like members. */
  "api:manage",
] as const;
export type Permission = (typeof permissions)[number];

type Table = Record<OrgType, Record<Role, readonly Permission[]>>;

const viewerCommon = ["org:read", "members:read"] as const;
const adminCommon = [...viewerCommon, "members:manage", "audit:read", "api:manage"] as const;

/** What the editors of NGOs and communes both do (their admins too, with more). */
const fieldWork = ["groups:read", "prices:read", "prices:observe", "cohesion:read", "cohesion:write", "exports:read", "imports:write"] as const;
const ngoWork = [...fieldWork, "groups:write", "people:read"] as const;
const communeWork = [...fieldWork, "prices:write"] as const;

export const permissionTable: Table = {
  consortium: {
    viewer: [...viewerCommon, "groups:read", "prices:read", "cohesion:read", "cohesion:compare", "exports:read"],
    editor: [...viewerCommon, "groups:read", "prices:read", "cohesion:read", "cohesion:compare", "exports:read"],
    admin: [...adminCommon, "groups:read", "prices:read", "cohesion:read", "cohesion:compare", "exports:read", "rates:manage"],
  },
  ngo: {
    viewer: [...viewerCommon, "groups:read", "people:read", "prices:read", "cohesion:read", "exports:read"],
    editor: [...viewerCommon, ...ngoWork],
    admin: [...adminCommon, ...ngoWork, "quarters:lock"],
  },
  commune: {
    viewer: [...viewerCommon, "groups:read", "prices:read", "cohesion:read", "exports:read"],
    editor: [...viewerCommon, ...communeWork],
    admin: [...adminCommon, ...communeWork, "prices:admin"],
  },
  cooperative_network: {
    viewer: [...viewerCommon, "groups:read", "prices:read", "cohesion:read", "exports:read"],
    editor: [...viewerCommon, "groups:read", "prices:read", "cohesion:read", "exports:read"],
    admin: [...adminCommon, "groups:read", "prices:read", "cohesion:read", "exports:read"],
  },
};

/**
 * A group manager (an NGO editor limited to one group business, issue 17.5) keeps only what its
 * own group's pages and forms need; the database narrows every row to the group (migration 0044).
 */
export const managerPermissions: readonly Permission[] = ["org:read", "groups:read", "groups:write", "people:read"];

export function can(orgType: OrgType, role: Role, permission: Permission, managesGroup = false): boolean {
  if (managesGroup && !managerPermissions.includes(permission)) return false;
  return permissionTable[orgType][role].includes(permission);
}

export function permissionsOf(orgType: OrgType, role: Role): readonly Permission[] {
  return permissionTable[orgType][role];
}
