-- Group records can be imported too (issue 14.1): an upload of kind groups.
ALTER TABLE "import_uploads" DROP CONSTRAINT "import_uploads_kind";--> statement-breakpoint
ALTER TABLE "import_uploads" ADD CONSTRAINT "import_uploads_kind" CHECK ("import_uploads"."kind" in ('members', 'ledger', 'groups'));