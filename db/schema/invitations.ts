import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberRole, organisations, users } from "./tenancy";

export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "revoked"]);

/**
 * An organisation's invitation, by e-mail address: the membership exists only once the user
 * accepts it. An address without an account gets one (with the admin's temporary password), and
 * the same invitation: the admin's form answers alike either way (lib/members/service.ts).
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRole("role").notNull(),
    /** The name the inviting admin typed (shown on the members page, never the account's own). */
    name: text("name"),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    status: invitationStatus("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("invitations_pending_key")
      .on(t.orgId, t.userId)
      .where(sql`${t.status} = 'pending'`),
    index("invitations_user_idx").on(t.userId),
  ],
);
