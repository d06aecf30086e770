ALTER TABLE "credit_repayments" ADD COLUMN "client_key" uuid;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "client_key" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_repayments_client_key_idx" ON "credit_repayments" USING btree ("credit_id","client_key");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_client_key_idx" ON "ledger_entries" USING btree ("ngo_org_id","client_key");