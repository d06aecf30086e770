import { describe, expect, it } from "vitest";
import { can, orgTypes, permissionTable, roles } from "./permissions";

describe("permission table", () => {
  it("has an entry for every organisation type and role", () => {
    for (const t of orgTypes) for (const r of roles) expect(Array.isArray(permissionTable[t][r])).toBe(true);
  });

  it("lets only admins manage members and read the audit trail", () => {
    for (const t of orgTypes) {
      expect(can(t, "admin", "members:manage")).toBe(true);
      expect(can(t, "editor", "members:manage")).toBe(false);
      expect(can(t, "viewer", "members:manage")).toBe(false);
      expect(can(t, "viewer", "audit:read")).toBe(false);
    }
  });

  it("gives each role of a type at least what the role below it has", () => {
    for (const t of orgTypes) {
      for (const p of permissionTable[t].viewer) expect(can(t, "editor", p)).toBe(true);
      for (const p of permissionTable[t].editor) expect(can(t, "admin", p)).toBe(true);
    }
  });

  it("lets NGOs write groups, communes write prices, and nobody else", () => {
    expect(can("ngo", "editor", "groups:write")).toBe(true);
    expect(can("commune", "editor", "groups:write")).toBe(false);
    expect(can("consortium", "admin", "groups:write")).toBe(false);
    expect(can("cooperative_network", "admin", "groups:write")).toBe(false);
    expect(can("commune", "editor", "prices:write")).toBe(true);
    expect(can("ngo", "admin", "prices:write")).toBe(false);
    expect(can("commune", "viewer", "prices:write")).toBe(false);
  });

  it("lets commune committees and NGO coaches, not viewers, record market prices", () => {
    for (const t of ["commune", "ngo"] as const) {
      expect(can(t, "editor", "prices:observe")).toBe(true);
      expect(can(t, "admin", "prices:observe")).toBe(true);
      expect(can(t, "viewer", "prices:observe")).toBe(false);
    }
    for (const t of ["consortium", "cooperative_network"] as const) for (const r of roles) expect(can(t, r, "prices:observe")).toBe(false);
  });

  it("keeps person-level data to the NGOs that support the people", () => {
    expect(can("ngo", "viewer", "people:read")).toBe(true);
    for (const t of ["consortium", "commune", "cooperative_network"] as const) {
      for (const r of roles) expect(can(t, r, "people:read")).toBe(false);
    }
  });

  it("lets only consortium admins manage exchange rates", () => {
    for (const t of orgTypes) for (const r of roles) expect(can(t, r, "rates:manage")).toBe(t === "consortium" && r === "admin");
  });
});

describe("quarter locks", () => {
  it("are taken and released only by NGO admins", () => {
    for (const t of orgTypes) for (const r of roles) expect(can(t, r, "quarters:lock")).toBe(t === "ngo" && r === "admin");
  });
});

describe("API tokens (issue 14.5)", () => {
  it("are created and revoked by the admins of every kind of organisation only", () => {
    for (const t of orgTypes) for (const r of roles) expect(can(t, r, "api:manage")).toBe(r === "admin");
  });
});
