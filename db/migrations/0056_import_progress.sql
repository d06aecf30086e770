-- How far a long import has gone (issue 14.1: the progress bar), written on its own connection.
CREATE TABLE "import_progress" (
	"key" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"done" integer NOT NULL,
	"total" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_progress_phase" CHECK ("import_progress"."phase" in ('reading', 'writing', 'done')),
	CONSTRAINT "import_progress_counts" CHECK ("import_progress"."done" >= 0 and ("import_progress"."total" is null or "import_progress"."total" >= 0))
);
--> statement-breakpoint
ALTER TABLE "import_progress" ADD CONSTRAINT "import_progress_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_progress" ADD CONSTRAINT "import_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Hand-written. The importer's alone: its organisation and itself (another member of the same
-- organisation neither reads nor takes over its figures).
SELECT app_enable_rls('import_progress');
--> statement-breakpoint
CREATE POLICY import_progress_own ON import_progress FOR ALL
  USING (org_id = (SELECT app_current_org()) AND user_id = (SELECT app_current_user()))
  WITH CHECK (org_id = (SELECT app_current_org()) AND user_id = (SELECT app_current_user()));
--> statement-breakpoint
CREATE INDEX import_progress_user_idx ON import_progress (user_id, updated_at);
