import { describe, expect, it } from "vitest";
import { nextChange, versionInForce } from "./in-force";

const v = (id: string, effectiveOn: string, createdAt: string, sellingPrice = 100) => ({
  id,
  productId: "rice",
  sellingPrice,
  purchasePrice: 80,
  currency: "MRU",
  effectiveOn,
  createdAt: new Date(createdAt),
});

describe("versionInForce / nextChange", () => {
  const versions = [v("a", "2026-01-01", "2026-01-01"), v("b", "2026-03-10", "2026-03-01"), v("c", "2026-03-10", "2026-03-02")];
  it("takes the latest effective date on or before the day, then the latest decision", () => {
    expect(versionInForce(versions, "2025-12-31")).toBeNull();
    expect(versionInForce(versions, "2026-03-09")?.id).toBe("a");
    expect(versionInForce(versions, "2026-03-10")?.id).toBe("c");
  });
  it("shows the next announced change, if any", () => {
    expect(nextChange(versions, "2026-03-01")?.id).toBe("c");
    expect(nextChange(versions, "2026-03-10")).toBeNull();
  });
});
