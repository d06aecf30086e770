CREATE TYPE "public"."amount_kind" AS ENUM('sale', 'stock_purchase', 'other_expense', 'contribution', 'repayment', 'starting_capital');--> statement-breakpoint
CREATE TABLE "ngo_settings" (
	"ngo_org_id" uuid PRIMARY KEY NOT NULL,
	"date_floor" date NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ngo_settings_date_floor" CHECK ("ngo_settings"."date_floor" >= '1990-01-01')
);
--> statement-breakpoint
CREATE TABLE "plausibility_defaults" (
	"kind" "amount_kind" NOT NULL,
	"currency" "currency" NOT NULL,
	"ceiling" bigint NOT NULL,
	"soft_limit" bigint NOT NULL,
	CONSTRAINT "plausibility_defaults_pk" PRIMARY KEY("kind","currency"),
	CONSTRAINT "plausibility_defaults_order" CHECK (0 < "plausibility_defaults"."soft_limit" and "plausibility_defaults"."soft_limit" <= "plausibility_defaults"."ceiling")
);
--> statement-breakpoint
CREATE TABLE "plausibility_limits" (
	"ngo_org_id" uuid NOT NULL,
	"kind" "amount_kind" NOT NULL,
	"currency" "currency" NOT NULL,
	"ceiling" bigint NOT NULL,
	"soft_limit" bigint NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plausibility_limits_pk" PRIMARY KEY("ngo_org_id","kind","currency"),
	CONSTRAINT "plausibility_limits_order" CHECK (0 < "plausibility_limits"."soft_limit" and "plausibility_limits"."soft_limit" <= "plausibility_limits"."ceiling" and "plausibility_limits"."ceiling" <= 1000000000000)
);
--> statement-breakpoint
ALTER TABLE "ngo_settings" ADD CONSTRAINT "ngo_settings_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ngo_settings" ADD CONSTRAINT "ngo_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plausibility_limits" ADD CONSTRAINT "plausibility_limits_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plausibility_limits" ADD CONSTRAINT "plausibility_limits_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;