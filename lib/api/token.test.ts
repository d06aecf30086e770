import { describe, expect, it } from "vitest";
import { bearerToken, hashToken, newToken, TOKEN_PATTERN } from "./token";

describe("API tokens", () => {
  it("are random, of the token's form, and stored only as the hash of the whole token", () => {
    const a = newToken();
    const b = newToken();
    expect(a.token).toMatch(TOKEN_PATTERN);
    expect(a.token).not.toBe(b.token);
    expect(a.prefix).not.toBe(b.prefix);
    expect(a.secretHash).toBe(hashToken(a.token));
    expect(a.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token).toContain(a.prefix);
    expect(a.secretHash).not.toContain(a.token.slice(20));
  });

  it("are read from a Bearer header only, whole", () => {
    const { token, prefix, secretHash } = newToken();
    expect(bearerToken(`Bearer ${token}`)).toEqual({ prefix, secretHash });
    expect(bearerToken(`bearer ${token}`)).toEqual({ prefix, secretHash });
    expect(bearerToken(token)).toBeNull();
    expect(bearerToken(`Basic ${token}`)).toBeNull();
    expect(bearerToken(`Bearer ${token}x`)).toBeNull();
    expect(bearerToken(`Bearer ${token} extra`)).toBeNull();
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken("Bearer ")).toBeNull();
  });
});
