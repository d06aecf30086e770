import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./tenancy";

/**
 * Imports from spreadsheets and KoboToolbox (issue 14.1). An upload is parsed once, its rows kept
 * here between the preview and the commit (several instances serve the portal: no process memory,
 * no local file), each row with what the preview found. A committed row's key stays in
 * `import_keys`: the same row imported again adds nothing. Own organisation only (migration 0045).
 */
export const importUploads = pgTable(
  "import_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    fileName: text("file_name").notNull(),
    checksum: text("checksum").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** The headers' language (fr, ar, en, or kobo when a Kobo export's paths were read). */
    headerLang: text("header_lang").notNull(),
    /** Header → field, as read; and the headers left aside. */
    columns: jsonb("columns").notNull(),
    ignored: jsonb("ignored")
      .notNull()
      .default(sql`'[]'::jsonb`),
    rowCount: integer("row_count").notNull(),
    newCount: integer("new_count").notNull(),
    duplicateCount: integer("duplicate_count").notNull(),
    invalidCount: integer("invalid_count").notNull(),
    status: text("status").notNull().default("staged"),
    /** A refused commit: how many rows the rules refused (each row's reason is on the row). */
    refusedCount: integer("refused_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp("committed_at", { withTimezone: true }),
  },
  (t) => [
    index("import_uploads_org_idx").on(t.orgId, t.createdAt),
    check("import_uploads_kind", sql`${t.kind} in ('members', 'ledger', 'groups', 'observations', 'attendance')`),
    check("import_uploads_status", sql`${t.status} in ('staged', 'committed', 'discarded')`),
    check("import_uploads_checksum_form", sql`${t.checksum} ~ '^[0-9a-f]{64}$'`),
    check("import_uploads_name_len", sql`char_length(${t.fileName}) between 1 and 255`),
  ],
);

export const importRows = pgTable(
  "import_rows",
  {
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => importUploads.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    /** The row's line in the file (the header is line 1). */
    line: integer("line").notNull(),
    rowKey: text("row_key").notNull(),
    /** Field → text, as read (dates already as yyyy-mm-dd). */
    values: jsonb("values").notNull(),
    status: text("status").notNull(),
    /** [{ field, key, allowed? }]: catalogue keys, shown in the reader's language. */
    errors: jsonb("errors")
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.line] }), check("import_rows_status", sql`${t.status} in ('new', 'duplicate', 'invalid', 'refused')`)],
);

export const importKeys = pgTable(
  "import_keys",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind").notNull(),
    rowKey: text("row_key").notNull(),
    entityId: uuid("entity_id").notNull(),
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => importUploads.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_keys_org_kind_key").on(t.orgId, t.kind, t.rowKey)],
);

/** A saved column mapping (a Kobo form's own field names), reused by the next upload. */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    /** Header (normalised) → field. */
    mapping: jsonb("mapping").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("import_mappings_org_name_key").on(t.orgId, t.kind, t.name),
    check("import_mappings_name_len", sql`char_length(${t.name}) between 1 and 80`),
  ],
);
