import { describe, expect, it } from "vitest";
import { openCursor, signCursor, type CursorScope } from "./cursor";

process.env.AUTH_SECRET ??= "test-secret-for-the-api-0123456789abcdef";

const scope: CursorScope = { orgId: "00000000-0000-4000-8000-000000000001", path: "ledger", filters: new URLSearchParams("kind=sale&village=v") };
const key = Buffer.from(JSON.stringify(["2025-01-02", "2025-01-02T10:11:12.123456Z", "00000000-0000-4000-8000-000000000002"])).toString("base64url");

describe("API page cursors", () => {
  it("open to the position they were sealed with, for the same organisation, table and filters (in any order)", () => {
    const c = signCursor(scope, { kind: "key", after: key });
    expect(c).toMatch(/^k[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(openCursor(scope, c)).toEqual({ kind: "key", after: key });
    expect(openCursor({ ...scope, filters: new URLSearchParams("village=v&kind=sale") }, c)).toEqual({ kind: "key", after: key });
    const o = signCursor(scope, { kind: "offset", offset: 40 });
    expect(openCursor(scope, o)).toEqual({ kind: "offset", offset: 40 });
  });

  it("refuse anything else: altered, made up, malformed, or sealed for another scope", () => {
    const c = signCursor(scope, { kind: "key", after: key });
    const [position, seal] = c.split(".");
    const other = Buffer.from(JSON.stringify(["2024-01-02", "2025-01-02T10:11:12.123456Z", "00000000-0000-4000-8000-000000000002"])).toString("base64url");
    for (const bad of [
      "",
      "abc",
      position,
      `${position}.`,
      `${position}.${seal}x`,
      `${position}.${seal.slice(0, -1)}${seal.endsWith("A") ? "Q" : "A"}`,
      `k${other}.${seal}`,
      `o40.${seal}`,
      `${position}.${"A".repeat(22)}`,
      `${c}.${seal}`,
      `k${"A".repeat(3000)}.${seal}`,
      `o-1.${seal}`,
      ` ${c}`,
    ]) {
      expect(openCursor(scope, bad), bad.slice(0, 40)).toBeNull();
    }
    expect(openCursor({ ...scope, orgId: "00000000-0000-4000-8000-000000000009" }, c)).toBeNull();
    expect(openCursor({ ...scope, path: "groups" }, c)).toBeNull();
    expect(openCursor({ ...scope, filters: new URLSearchParams("kind=sale") }, c)).toBeNull();
    expect(openCursor({ ...scope, filters: new URLSearchParams("kind=sale&village=v&village=w") }, c)).toBeNull();
  });
});
