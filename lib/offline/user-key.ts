import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * The name of a user's page cache in the browser (lib/offline/cache-names.ts): opaque, stable for
 * the user, different for every user, and not their id. Pages one user received are never served
 * to another user's session on the same phone.
 */
export function offlineUserKey(userId: string): string {
  return createHmac("sha256", authSecret() ?? "tamkin-offline")
    .update(`offline-cache:${userId}`)
    .digest("hex")
    .slice(0, 32);
}
