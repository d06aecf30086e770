import { createHash, randomBytes, randomInt } from "node:crypto";

/**
 * An API token (issue 14.5): `tamkin_<prefix>_<secret>`. The prefix (12 lowercase letters and
 * digits) is public: it names the token in the list and finds its row. The secret is 32 random
 * bytes (base64url); only the SHA-256 of the whole token is stored, so a leaked table gives no
 * usable token, and the token is shown once, when it is created.
 */
export const TOKEN_PATTERN = /^tamkin_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export function newToken(): { token: string; prefix: string; secretHash: string } {
  const prefix = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  const token = `tamkin_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, secretHash: hashToken(token) };
}

/** The token of an `Authorization: Bearer …` header, if it has a token's form; anything else is no token. */
export function bearerToken(authorization: string | null): { prefix: string; secretHash: string } | null {
  const m = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? "");
  const t = m && TOKEN_PATTERN.exec(m[1]);
  return t ? { prefix: t[1], secretHash: hashToken(m[1]) } : null;
}
