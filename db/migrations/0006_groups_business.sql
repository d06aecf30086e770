CREATE TYPE "public"."profit_rule" AS ENUM('equal', 'team_weighted');--> statement-breakpoint
CREATE TYPE "public"."household_status" AS ENUM('host', 'refugee_out_of_camp', 'refugee_in_camp', 'returnee');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('female', 'male');--> statement-breakpoint
CREATE TYPE "public"."wg_answer" AS ENUM('none', 'some', 'a_lot', 'cannot', 'not_asked');--> statement-breakpoint
CREATE TYPE "public"."customer_community" AS ENUM('host', 'refugee', 'other_village');--> statement-breakpoint
CREATE TYPE "public"."ledger_kind" AS ENUM('sale', 'stock_purchase', 'other_expense', 'contribution');--> statement-breakpoint
CREATE TABLE "group_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_memberships_dates" CHECK ("group_memberships"."left_on" is null or "group_memberships"."left_on" >= "group_memberships"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "manager_team_members" (
	"team_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manager_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manager_teams_weight_positive" CHECK ("manager_teams"."weight" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "manager_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	CONSTRAINT "manager_terms_dates" CHECK ("manager_terms"."ends_on" >= "manager_terms"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"settlement_id" uuid NOT NULL,
	"size" integer NOT NULL,
	"status" "household_status" NOT NULL,
	"cash_transfer_since" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_size_positive" CHECK ("households"."size" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"household_id" uuid,
	"name" text NOT NULL,
	"sex" "sex" NOT NULL,
	"birth_year" integer NOT NULL,
	"wg_seeing" "wg_answer" DEFAULT 'not_asked' NOT NULL,
	"wg_hearing" "wg_answer" DEFAULT 'not_asked' NOT NULL,
	"wg_walking" "wg_answer" DEFAULT 'not_asked' NOT NULL,
	"wg_cognition" "wg_answer" DEFAULT 'not_asked' NOT NULL,
	"wg_self_care" "wg_answer" DEFAULT 'not_asked' NOT NULL,
	"wg_communication" "wg_answer" DEFAULT 'not_asked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_birth_year_range" CHECK ("people"."birth_year" between 1900 and 2100)
);
--> statement-breakpoint
CREATE TABLE "technical_aids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"aid_type" text NOT NULL,
	"received_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_repayments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"credit_id" uuid NOT NULL,
	"paid_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_repayments_amount_positive" CHECK ("credit_repayments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "customer_credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"sale_entry_id" uuid,
	"customer_name" text NOT NULL,
	"community" "customer_community" NOT NULL,
	"amount" bigint NOT NULL,
	"currency" "currency" NOT NULL,
	"granted_on" date NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_credits_amount_positive" CHECK ("customer_credits"."amount" > 0),
	CONSTRAINT "customer_credits_due_after_grant" CHECK ("customer_credits"."due_on" >= "customer_credits"."granted_on")
);
--> statement-breakpoint
CREATE TABLE "declared_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"label" text NOT NULL,
	"declared_value" bigint NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"valid_from" date NOT NULL,
	"xof_per_mru" numeric(14, 7) NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"set_by_org_id" uuid,
	"set_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_positive" CHECK ("exchange_rates"."xof_per_mru" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"currency" "currency" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_amount_positive" CHECK ("ledger_entries"."amount" > 0),
	CONSTRAINT "ledger_entries_void_reason" CHECK (("ledger_entries"."voided_at" is null) = ("ledger_entries"."void_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "ledger_entry_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"action" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profit_distributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"currency" "currency" NOT NULL,
	"profit" bigint NOT NULL,
	"rule" "profit_rule" NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profit_distributions_period" CHECK ("profit_distributions"."period_to" >= "profit_distributions"."period_from"),
	CONSTRAINT "profit_distributions_profit_positive" CHECK ("profit_distributions"."profit" > 0)
);
--> statement-breakpoint
CREATE TABLE "profit_shares" (
	"distribution_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "profit_shares_nonnegative" CHECK ("profit_shares"."amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "groups_id_ngo_key" ON "groups" USING btree ("id","ngo_org_id");--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "profit_rule" "profit_rule" DEFAULT 'equal' NOT NULL;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manager_team_members" ADD CONSTRAINT "manager_team_members_team_id_manager_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."manager_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manager_team_members" ADD CONSTRAINT "manager_team_members_membership_id_group_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."group_memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manager_teams" ADD CONSTRAINT "manager_teams_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manager_terms" ADD CONSTRAINT "manager_terms_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manager_terms" ADD CONSTRAINT "manager_terms_team_id_manager_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."manager_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_settlement_id_places_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technical_aids" ADD CONSTRAINT "technical_aids_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technical_aids" ADD CONSTRAINT "technical_aids_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_repayments" ADD CONSTRAINT "credit_repayments_credit_id_customer_credits_id_fk" FOREIGN KEY ("credit_id") REFERENCES "public"."customer_credits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_sale_entry_id_ledger_entries_id_fk" FOREIGN KEY ("sale_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declared_figures" ADD CONSTRAINT "declared_figures_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_set_by_org_id_organisations_id_fk" FOREIGN KEY ("set_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_set_by_user_id_users_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_group_fk" FOREIGN KEY ("group_id","ngo_org_id") REFERENCES "public"."groups"("id","ngo_org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry_history" ADD CONSTRAINT "ledger_entry_history_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry_history" ADD CONSTRAINT "ledger_entry_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD CONSTRAINT "profit_distributions_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_distributions" ADD CONSTRAINT "profit_distributions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_shares" ADD CONSTRAINT "profit_shares_distribution_id_profit_distributions_id_fk" FOREIGN KEY ("distribution_id") REFERENCES "public"."profit_distributions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_shares" ADD CONSTRAINT "profit_shares_membership_id_group_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."group_memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_memberships_group_idx" ON "group_memberships" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "group_memberships_person_idx" ON "group_memberships" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_memberships_one_active" ON "group_memberships" USING btree ("group_id","person_id") WHERE "group_memberships"."left_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "manager_team_members_pk" ON "manager_team_members" USING btree ("team_id","membership_id");--> statement-breakpoint
CREATE INDEX "manager_teams_group_idx" ON "manager_teams" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "manager_terms_group_idx" ON "manager_terms" USING btree ("group_id","starts_on");--> statement-breakpoint
CREATE INDEX "households_ngo_idx" ON "households" USING btree ("ngo_org_id");--> statement-breakpoint
CREATE INDEX "people_ngo_idx" ON "people" USING btree ("ngo_org_id");--> statement-breakpoint
CREATE INDEX "people_household_idx" ON "people" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "technical_aids_person_idx" ON "technical_aids" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "credit_repayments_credit_idx" ON "credit_repayments" USING btree ("credit_id");--> statement-breakpoint
CREATE INDEX "customer_credits_group_idx" ON "customer_credits" USING btree ("group_id","due_on");--> statement-breakpoint
CREATE INDEX "declared_figures_org_idx" ON "declared_figures" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_rates_valid_from_key" ON "exchange_rates" USING btree ("valid_from");--> statement-breakpoint
CREATE INDEX "ledger_entries_org_group_date_idx" ON "ledger_entries" USING btree ("ngo_org_id","group_id","occurred_on");--> statement-breakpoint
CREATE INDEX "ledger_entries_group_date_idx" ON "ledger_entries" USING btree ("group_id","occurred_on");--> statement-breakpoint
CREATE INDEX "ledger_entry_history_entry_idx" ON "ledger_entry_history" USING btree ("entry_id","changed_at");--> statement-breakpoint
CREATE INDEX "profit_distributions_group_idx" ON "profit_distributions" USING btree ("group_id","period_to");--> statement-breakpoint
CREATE UNIQUE INDEX "profit_shares_pk" ON "profit_shares" USING btree ("distribution_id","membership_id");--> statement-breakpoint