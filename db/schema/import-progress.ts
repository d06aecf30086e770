import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./tenancy";

/**
 * How far a long import has gone (issue 14.1: a progress bar for 100,000 lines). Written on its
 * own connection while the import's transaction runs (which nobody else can see until it ends),
 * and read by the importer's page, whichever instance serves it. Keyed by the form's progress
 * key (the upload's id does not exist outside the staging transaction). The importer's alone
 * (migration 0056); rows older than a day are swept when the next import starts.
 */
export const importProgress = pgTable(
  "import_progress",
  {
    key: uuid("key").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** reading (the file, checking each line), writing (the commit), done. */
    phase: text("phase").notNull(),
    done: integer("done").notNull(),
    /** Unknown while a file is read (it is streamed). */
    total: integer("total"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("import_progress_phase", sql`${t.phase} in ('reading', 'writing', 'done')`),
    check("import_progress_counts", sql`${t.done} >= 0 and (${t.total} is null or ${t.total} >= 0)`),
  ],
);
