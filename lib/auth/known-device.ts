import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * The "known device" cookie: a device id signed with AUTH_SECRET (HMAC-SHA256), issued at a
 * successful sign-in. It proves nothing alone: the id must also be in `known_devices` for the
 * account being signed in to (lib/auth/sign-in.ts).
 */
export const DEVICE_COOKIE = "tamkin_device";
export const DEVICE_COOKIE_SECURE = "__Host-tamkin_device";
/** How long a device stays known without a successful sign-in from it. */
export const DEVICE_LIFETIME_MS = 180 * 24 * 3600_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(deviceId: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`tamkin-known-device:${deviceId}`).digest();
}

export function deviceSecret(): string | undefined {
  const s = authSecret();
  return s && s.length >= 32 ? s : undefined;
}

/** The cookie's value for a device id, or undefined without a signing secret. */
export function signDevice(deviceId: string, secret = deviceSecret()): string | undefined {
  if (!secret) return undefined;
  return `${deviceId}.${mac(deviceId, secret).toString("base64url")}`;
}

/** The device id a cookie value names, if its signature is valid. */
export function verifyDevice(value: string | undefined | null, secret = deviceSecret()): string | undefined {
  if (!value || !secret || value.length > 100) return undefined;
  const dot = value.indexOf(".");
  const id = value.slice(0, dot);
  if (dot < 0 || !UUID.test(id)) return undefined;
  let given: Buffer;
  try {
    given = Buffer.from(value.slice(dot + 1), "base64url");
  } catch {
    return undefined;
  }
  const expected = mac(id, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}

/** The device cookie's value in a Cookie header (either name). */
export function deviceCookieFrom(cookieHeader: string | null | undefined): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    const name = part.slice(0, eq).trim();
    if (eq > 0 && (name === DEVICE_COOKIE || name === DEVICE_COOKIE_SECURE)) return part.slice(eq + 1).trim();
  }
  return undefined;
}
