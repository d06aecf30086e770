CREATE TABLE "import_keys" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"row_key" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_name_len" CHECK (char_length("import_mappings"."name") between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"upload_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"row_key" text NOT NULL,
	"values" jsonb NOT NULL,
	"status" text NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "import_rows_upload_id_line_pk" PRIMARY KEY("upload_id","line"),
	CONSTRAINT "import_rows_status" CHECK ("import_rows"."status" in ('new', 'duplicate', 'invalid', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "import_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"checksum" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"header_lang" text NOT NULL,
	"columns" jsonb NOT NULL,
	"ignored" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"new_count" integer NOT NULL,
	"duplicate_count" integer NOT NULL,
	"invalid_count" integer NOT NULL,
	"status" text DEFAULT 'staged' NOT NULL,
	"refused_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	CONSTRAINT "import_uploads_kind" CHECK ("import_uploads"."kind" in ('members', 'ledger')),
	CONSTRAINT "import_uploads_status" CHECK ("import_uploads"."status" in ('staged', 'committed', 'discarded')),
	CONSTRAINT "import_uploads_checksum_form" CHECK ("import_uploads"."checksum" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "import_uploads_name_len" CHECK (char_length("import_uploads"."file_name") between 1 and 255)
);
--> statement-breakpoint
ALTER TABLE "import_keys" ADD CONSTRAINT "import_keys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_keys" ADD CONSTRAINT "import_keys_upload_id_import_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."import_uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_upload_id_import_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."import_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_uploads" ADD CONSTRAINT "import_uploads_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_uploads" ADD CONSTRAINT "import_uploads_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_keys_org_kind_key" ON "import_keys" USING btree ("org_id","kind","row_key");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_org_name_key" ON "import_mappings" USING btree ("org_id","kind","name");--> statement-breakpoint
CREATE INDEX "import_uploads_org_idx" ON "import_uploads" USING btree ("org_id","created_at");--> statement-breakpoint
-- Hand-written (issue 14.1). An upload, its rows, the keys of what it added and the saved
-- mappings are the importing organisation's alone: no other organisation reads them, not even
-- one that reads its data (a consortium its members'); the figures they added are read as usual.
SELECT app_enable_rls('import_uploads');
--> statement-breakpoint
CREATE POLICY import_uploads_own ON import_uploads FOR ALL
  USING (org_id = (SELECT app_current_org())) WITH CHECK (org_id = (SELECT app_current_org()));
--> statement-breakpoint
SELECT app_enable_rls('import_rows');
--> statement-breakpoint
CREATE POLICY import_rows_own ON import_rows FOR ALL
  USING (org_id = (SELECT app_current_org())) WITH CHECK (org_id = (SELECT app_current_org()));
--> statement-breakpoint
SELECT app_enable_rls('import_keys');
--> statement-breakpoint
CREATE POLICY import_keys_own ON import_keys FOR ALL
  USING (org_id = (SELECT app_current_org())) WITH CHECK (org_id = (SELECT app_current_org()));
--> statement-breakpoint
SELECT app_enable_rls('import_mappings');
--> statement-breakpoint
CREATE POLICY import_mappings_own ON import_mappings FOR ALL
  USING (org_id = (SELECT app_current_org())) WITH CHECK (org_id = (SELECT app_current_org()));
--> statement-breakpoint
CREATE INDEX import_rows_upload_status_idx ON import_rows (upload_id, status, line);
