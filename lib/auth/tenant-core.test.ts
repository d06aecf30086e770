import { describe, expect, it, vi } from "vitest";
import { resolveTenantWith, type TenantOrg } from "./tenant-core";

const adicor: TenantOrg = { id: "o1", slug: "adicor", name: "ADICOR", type: "ngo" };

function deps(user: { id: string } | null, memberships: Record<string, { org: TenantOrg; role: "admin" | "editor" | "viewer" }>) {
  return {
    getUser: vi.fn(async () => user),
    findMembership: vi.fn(async (userId: string, slug: string) => (userId === user?.id ? (memberships[slug] ?? null) : null)),
  };
}

describe("tenant resolver", () => {
  it("asks an anonymous visitor to sign in without looking up the organisation", async () => {
    const d = deps(null, {});
    expect(await resolveTenantWith(d, "adicor")).toEqual({ kind: "unauthenticated" });
    expect(d.findMembership).not.toHaveBeenCalled();
  });

  it("returns the organisation and role of a member", async () => {
    const r = await resolveTenantWith(deps({ id: "u1" }, { adicor: { org: adicor, role: "editor" } }), "adicor");
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    expect(r.ctx.org).toEqual(adicor);
    expect(r.ctx.role).toBe("editor");
    expect(r.ctx.can("groups:write")).toBe(true);
    expect(r.ctx.can("members:manage")).toBe(false);
  });

  it("answers the same not-found for a non-member, an unknown slug, a malformed slug and a missing permission", async () => {
    const d = deps({ id: "u1" }, { adicor: { org: adicor, role: "viewer" } });
    const results = await Promise.all([
      resolveTenantWith(d, "ong-sahel"),
      resolveTenantWith(d, "no-such-org"),
      resolveTenantWith(d, "../adicor"),
      resolveTenantWith(d, "ADICOR"),
      resolveTenantWith(d, "adicor", "members:manage"),
    ]);
    for (const r of results) expect(r).toEqual({ kind: "not_found" });
  });
});
