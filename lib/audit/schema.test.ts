import { describe, expect, it } from "vitest";
import { auditFiltersSchema } from "./schema";

describe("audit trail filters", () => {
  it("keeps well-formed filters", () => {
    expect(auditFiltersSchema.parse({ action: "member.add", entity: "membership", user: " amina@", from: "2026-01-01", to: "2026-01-31" })).toEqual({
      action: "member.add",
      entity: "membership",
      user: "amina@",
      from: "2026-01-01",
      to: "2026-01-31",
    });
  });

  it("ignores malformed ones instead of failing", () => {
    expect(auditFiltersSchema.parse({ action: "' or 1=1 --", entity: "<b>", user: "a\u0000b", from: "2024-02-30x", to: "not a date" })).toEqual({});
    expect(auditFiltersSchema.parse({ action: ["member.add", "x"], from: "2024-13-45" })).toEqual({ action: "member.add" });
    // Days that no calendar has (the same parser as every form's dates).
    expect(auditFiltersSchema.parse({ from: "2025-02-30", to: "2025-04-31" })).toEqual({});
    expect(auditFiltersSchema.parse({ from: "2024-02-29" })).toEqual({ from: "2024-02-29" });
  });
});
