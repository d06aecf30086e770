import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./tenancy";

/**
 * An organisation's token for the read-only API (issue 14.5): a BI tool reads the organisation's
 * tables with it. Only a hash of the secret is kept (SHA-256, hex); `prefix` is the token's public
 * part, shown in the list and used to find the row. Revoked for good, never deleted (migration).
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedByUserId: uuid("revoked_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("api_tokens_prefix_key").on(t.prefix),
    index("api_tokens_org_idx").on(t.orgId, t.createdAt),
    check("api_tokens_name_len", sql`char_length(${t.name}) between 1 and 80`),
    check("api_tokens_prefix_form", sql`${t.prefix} ~ '^[a-z0-9]{12}$'`),
    check("api_tokens_hash_form", sql`${t.secretHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
