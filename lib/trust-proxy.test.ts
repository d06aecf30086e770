import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "./trust-proxy";
import { clientAddress } from "./request";

describe("TRUST_PROXY", () => {
  it("is a number of proxies; the old true/false are 1/0; anything else is refused", () => {
    expect([undefined, "", "0", "false"].map(parseTrustProxy)).toEqual([0, 0, 0, 0]);
    expect(["1", "true", "2", "10"].map(parseTrustProxy)).toEqual([1, 1, 2, 10]);
    expect(["-1", "yes", "1.5", "999", " 1"].map(parseTrustProxy)).toEqual([null, null, null, null, null]);
  });

  it("takes the client address that many entries from the right of X-Forwarded-For", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.1, 10.0.0.2" });
    expect(clientAddress(h, 1)).toBe("10.0.0.2");
    expect(clientAddress(h, 2)).toBe("198.51.100.1");
    // Without trusted proxies the header holds only the socket's address (proxy.ts drops the client's).
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1" }), 0)).toBe("127.0.0.1");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });
});
