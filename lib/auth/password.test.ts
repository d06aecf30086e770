import { describe, expect, it } from "vitest";
import { checkPasswordRules, hashPassword, verifyPassword } from "./password";

describe("password rules", () => {
  it("requires at least 10 characters, counted as characters not bytes", () => {
    expect(checkPasswordRules("123456789")).toBe("tooShort");
    expect(checkPasswordRules("1234567890")).toBeNull();
    expect(checkPasswordRules("كلمةمرور12")).toBeNull();
    expect(checkPasswordRules("😀😀😀😀😀")).toBe("tooShort");
    expect(checkPasswordRules("x".repeat(257))).toBe("tooLong");
  });

  it("hashes with scrypt and a random salt, and verifies", async () => {
    const a = await hashPassword("tamkin-demo-1");
    const b = await hashPassword("tamkin-demo-1");
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("tamkin-demo-1");
    expect(await verifyPassword("tamkin-demo-1", a)).toBe(true);
    expect(await verifyPassword("tamkin-demo-2", a)).toBe(false);
    expect(await verifyPassword("tamkin-demo-1", "garbage")).toBe(false);
  });
});
