-- Issue 16, point 2: a coaching visit recorded offline carries the idempotency key its form or the
-- outbox made; a retried sync or a form sent twice finds the visit of that key (one per NGO).
ALTER TABLE "coaching_visits" ADD COLUMN "client_key" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "coaching_visits_client_key_idx" ON "coaching_visits" USING btree ("ngo_org_id","client_key");