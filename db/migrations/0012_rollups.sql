CREATE TABLE "ledger_cube" (
	"ngo_org_id" uuid NOT NULL,
	"network_org_id" uuid,
	"village_id" uuid NOT NULL,
	"activity_type" text NOT NULL,
	"month" date NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"currency" "currency" NOT NULL,
	"amount" bigint NOT NULL,
	"entries" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_rollups" (
	"group_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"currency" "currency" NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "ledger_rollups_pk" PRIMARY KEY("group_id","month","kind","currency"),
	CONSTRAINT "ledger_rollups_month_first" CHECK (extract(day from "ledger_rollups"."month") = 1)
);
--> statement-breakpoint
ALTER TABLE "customer_credits" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "ledger_cube_ngo_kind_month_idx" ON "ledger_cube" USING btree ("ngo_org_id","kind","month");--> statement-breakpoint
CREATE INDEX "ledger_cube_village_idx" ON "ledger_cube" USING btree ("village_id","kind","month");--> statement-breakpoint
CREATE INDEX "ledger_cube_network_idx" ON "ledger_cube" USING btree ("network_org_id","kind","month");--> statement-breakpoint
CREATE INDEX "ledger_rollups_ngo_kind_month_idx" ON "ledger_rollups" USING btree ("ngo_org_id","kind","month");--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_first_of_month" CHECK (extract(day from "exchange_rates"."valid_from") = 1);