ALTER TABLE "negotiated_prices" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD COLUMN "quorum_minima" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD COLUMN "quorum_counts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD COLUMN "withdraw_reason" text;--> statement-breakpoint
ALTER TABLE "price_notices" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "price_notices" ADD COLUMN "notice_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "price_settings" ADD COLUMN "horizon_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD CONSTRAINT "negotiated_prices_corrects_id_negotiated_prices_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."negotiated_prices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD CONSTRAINT "negotiated_prices_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "negotiated_prices_session_idx" ON "negotiated_prices" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "negotiated_prices_corrects_key" ON "negotiated_prices" USING btree ("corrects_id");--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD CONSTRAINT "negotiated_prices_withdrawal" CHECK (("negotiated_prices"."withdrawn_at" is null) = ("negotiated_prices"."withdraw_reason" is null));--> statement-breakpoint
ALTER TABLE "price_settings" ADD CONSTRAINT "price_settings_horizon" CHECK ("price_settings"."horizon_days" between 1 and 3650);