import { describe, expect, it } from "vitest";
import { appGrantStatements, roleProblems, type RoleFacts } from "./app-role";

const safe: RoleFacts = {
  name: "tamkin_app",
  isSuperuser: false,
  bypassesRls: false,
  ownsDatabase: false,
  ownsTables: false,
  inheritsPrivilegedRole: false,
  unforcedTenantTables: [],
};

describe("the application's database role", () => {
  it("is accepted when row-level security restrains it", () => {
    expect(roleProblems(safe)).toEqual([]);
  });

  it.each([
    ["isSuperuser", /superuser/],
    ["bypassesRls", /BYPASSRLS/],
    ["ownsDatabase", /owns the database/],
    ["ownsTables", /owns tables/],
    ["inheritsPrivilegedRole", /member of/],
  ] as const)("is refused when %s", (key, message) => {
    expect(roleProblems({ ...safe, [key]: true })).toEqual([expect.stringMatching(message)]);
  });

  it("is refused while a tenant table lacks FORCE row-level security", () => {
    expect(roleProblems({ ...safe, unforcedTenantTables: ["groups"] })).toEqual([expect.stringContaining("groups")]);
  });

  it("may only append to the audit trail, and refuses unsafe role names", () => {
    expect(appGrantStatements("tamkin_app")).toContain("revoke update, delete, truncate on audit_log from tamkin_app");
    expect(() => appGrantStatements("app; drop table users")).toThrow(/unsafe/);
  });
});
