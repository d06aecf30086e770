import { describe, expect, it } from "vitest";
import { isCrossOriginWrite } from "./origin";

describe("cross-origin write refusal", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossOriginWrite("GET", null, "portal.example")).toBe(false);
    expect(isCrossOriginWrite("HEAD", "https://evil.example", "portal.example")).toBe(false);
  });
  it("accepts a write from the portal's own origin", () => {
    expect(isCrossOriginWrite("POST", "http://127.0.0.1:3303", "127.0.0.1:3303")).toBe(false);
    expect(isCrossOriginWrite("POST", "https://Portal.example", "portal.example")).toBe(false);
  });
  it("refuses a write with a missing, foreign, malformed or opaque origin", () => {
    expect(isCrossOriginWrite("POST", null, "portal.example")).toBe(true);
    expect(isCrossOriginWrite("POST", "https://evil.example", "portal.example")).toBe(true);
    expect(isCrossOriginWrite("PUT", "http://portal.example:8080", "portal.example")).toBe(true);
    expect(isCrossOriginWrite("DELETE", "null", "portal.example")).toBe(true);
    expect(isCrossOriginWrite("POST", "not a url", "portal.example")).toBe(true);
  });
});
