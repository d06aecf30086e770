import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { places } from "./places";

export const orgType = pgEnum("org_type", ["consortium", "ngo", "commune", "cooperative_network"]);
export const memberRole = pgEnum("member_role", ["admin", "editor", "viewer"]);
export const locale = pgEnum("locale", ["fr", "ar", "en"]);

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    type: orgType("type").notNull(),
    /** A commune's territory: the commune place whose settlements it covers. */
    territoryPlaceId: uuid("territory_place_id").references(() => places.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organisations_slug_key").on(t.slug), check("organisations_slug_format", sql`${t.slug} ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'`)],
);

/** A consortium's member organisations. */
export const consortiumMembers = pgTable(
  "consortium_members",
  {
    consortiumId: uuid("consortium_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    memberOrgId: uuid("member_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("consortium_members_pk").on(t.consortiumId, t.memberOrgId)],
);

/** Communes in which an NGO works, or a cooperative network is active. */
export const orgCommunes = pgTable(
  "org_communes",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    communeOrgId: uuid("commune_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("org_communes_pk").on(t.orgId, t.communeOrgId)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    locale: locale("locale").notNull().default("fr"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: memberRole("role").notNull(),
    /**
     * A group manager (issue 17, point 5): an editor limited to this one group business of the
     * NGO. Row-level security narrows everything the account reads and writes to the group
     * (migration 0044); null for every other member.
     */
    groupId: uuid("group_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("memberships_user_org_key").on(t.userId, t.orgId), index("memberships_org_idx").on(t.orgId)],
);

/** Server-side sessions: the signed cookie names one row, checked on every request. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The organisation last opened in this session (set only after its membership check), so
     * that the next sign-in lands there. */
    lastOrganisationId: uuid("last_organisation_id").references(() => organisations.id, { onDelete: "set null" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Devices (browsers) from which a user signed in successfully: the long-lived, httpOnly
 * "known device" cookie names a device id (HMAC-signed with AUTH_SECRET), valid for a user
 * only while a row here says so. Sign-in from a known device is throttled per device instead
 * of per account and address, so a locked account still lets its owner in.
 */
export const knownDevices = pgTable(
  "known_devices",
  {
    deviceId: uuid("device_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("known_devices_pk").on(t.deviceId, t.userId), index("known_devices_user_idx").on(t.userId)],
);

/** Failed sign-in counters, per account and per client address; kept in the database so
 * that every instance agrees and a restart forgets nothing. */
/**
 * Rate limits (issue 11.6): one counter per bucket (e.g. `board:<address>:<token hash>`,
 * `export:<user>:<org>`) and fixed window, counted atomically (INSERT … ON CONFLICT … RETURNING,
 * lib/rate-limit.ts), so that the limit holds across instances. Pre-tenant, like the sign-in
 * throttle: no organisation column, no row-level security; old windows are swept.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [uniqueIndex("rate_limits_pk").on(t.bucket, t.windowStart), index("rate_limits_window_idx").on(t.windowStart)],
);

export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
