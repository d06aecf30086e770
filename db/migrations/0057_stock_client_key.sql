-- The idempotency key of a stock receipt or sale (a double post without JavaScript, a retried sync): one movement per key and group.
ALTER TABLE "stock_movements" ADD COLUMN "client_key" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_client_key_idx" ON "stock_movements" USING btree ("group_id","client_key") WHERE "stock_movements"."client_key" is not null;