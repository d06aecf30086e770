import type { OrgType, Permission } from "@/lib/permissions";

/** What an import file may hold (a module of its own: the upload form, a client component, reads it without the vocabulary). */
export const importKinds = ["members", "ledger", "groups", "observations", "attendance"] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * Who may import each kind: the organisations whose forms record it, with the permission of that
 * form (an NGO's group records; market prices by a commune's committee or an NGO's coaches; the
 * attendance of the commune's price committee sessions by the commune).
 * The import page itself needs `imports:write`.
 */
export const importKindRules: Record<ImportKind, { permission: Permission; orgTypes: readonly OrgType[] }> = {
  members: { permission: "groups:write", orgTypes: ["ngo"] },
  ledger: { permission: "groups:write", orgTypes: ["ngo"] },
  groups: { permission: "groups:write", orgTypes: ["ngo"] },
  observations: { permission: "prices:observe", orgTypes: ["ngo", "commune"] },
  attendance: { permission: "prices:write", orgTypes: ["commune"] },
};

/** The kinds a member may import: the organisation's type and the member's permissions. */
export function importableKinds(ctx: { org: { type: OrgType }; can(p: Permission): boolean }): ImportKind[] {
  return importKinds.filter((k) => importKindRules[k].orgTypes.includes(ctx.org.type) && ctx.can(importKindRules[k].permission));
}
