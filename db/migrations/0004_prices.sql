CREATE TYPE "public"."constituency" AS ENUM('mcpgc', 'beneficiaries', 'commune', 'traders_federation');--> statement-breakpoint
CREATE TYPE "public"."notice_channel" AS ENUM('village_meeting', 'crier', 'radio', 'printed_board');--> statement-breakpoint
CREATE TYPE "public"."price_session_status" AS ENUM('draft', 'closed');--> statement-breakpoint
CREATE TYPE "public"."product_category" AS ENUM('staple', 'meat', 'fabric_dye', 'other');--> statement-breakpoint
CREATE TYPE "public"."purchase_order_status" AS ENUM('draft', 'ordered', 'delivered');--> statement-breakpoint
CREATE TABLE "market_observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"observed_on" date NOT NULL,
	"price" bigint NOT NULL,
	"currency" "currency" DEFAULT 'MRU' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "market_observations_positive" CHECK ("market_observations"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "negotiated_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"supplier_id" uuid,
	"purchase_price" bigint NOT NULL,
	"selling_price" bigint NOT NULL,
	"currency" "currency" DEFAULT 'MRU' NOT NULL,
	"effective_on" date NOT NULL,
	"supersedes_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "negotiated_prices_positive" CHECK ("negotiated_prices"."purchase_price" > 0 and "negotiated_prices"."selling_price" > 0)
);
--> statement-breakpoint
CREATE TABLE "price_notice_villages" (
	"commune_org_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"village_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"price_id" uuid NOT NULL,
	"published_on" date NOT NULL,
	"effective_on" date NOT NULL,
	"is_increase" boolean NOT NULL,
	"channels" "notice_channel"[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"status" "price_session_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_settings" (
	"commune_org_id" uuid PRIMARY KEY NOT NULL,
	"min_mcpgc" integer DEFAULT 1 NOT NULL,
	"min_beneficiaries" integer DEFAULT 1 NOT NULL,
	"min_commune" integer DEFAULT 1 NOT NULL,
	"min_traders_federation" integer DEFAULT 1 NOT NULL,
	"notice_days" integer DEFAULT 7 NOT NULL,
	"stability_threshold_pct" integer DEFAULT 20 NOT NULL,
	"public_board_enabled" boolean DEFAULT false NOT NULL,
	"public_board_token" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_settings_minima" CHECK ("price_settings"."min_mcpgc" >= 1 and "price_settings"."min_beneficiaries" >= 1 and "price_settings"."min_commune" >= 1 and "price_settings"."min_traders_federation" >= 1),
	CONSTRAINT "price_settings_notice" CHECK ("price_settings"."notice_days" between 0 and 90),
	CONSTRAINT "price_settings_threshold" CHECK ("price_settings"."stability_threshold_pct" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"name_fr" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"unit_ar" text,
	"category" "product_category" NOT NULL,
	"pictogram" text DEFAULT 'other' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"currency" "currency" DEFAULT 'MRU' NOT NULL,
	"delivered_quantity" integer,
	CONSTRAINT "purchase_order_lines_quantities" CHECK ("purchase_order_lines"."quantity" > 0 and coalesce("purchase_order_lines"."delivered_quantity", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"supplier_id" uuid,
	"status" "purchase_order_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"name" text NOT NULL,
	"constituency" "constituency" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "market_observations" ADD CONSTRAINT "market_observations_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_observations" ADD CONSTRAINT "market_observations_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_observations" ADD CONSTRAINT "market_observations_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_observations" ADD CONSTRAINT "market_observations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD CONSTRAINT "negotiated_prices_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD CONSTRAINT "negotiated_prices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD CONSTRAINT "negotiated_prices_session_id_price_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."price_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD CONSTRAINT "negotiated_prices_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiated_prices" ADD CONSTRAINT "negotiated_prices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_notice_villages" ADD CONSTRAINT "price_notice_villages_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_notice_villages" ADD CONSTRAINT "price_notice_villages_notice_id_price_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."price_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_notice_villages" ADD CONSTRAINT "price_notice_villages_village_id_places_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_notices" ADD CONSTRAINT "price_notices_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_notices" ADD CONSTRAINT "price_notices_price_id_negotiated_prices_id_fk" FOREIGN KEY ("price_id") REFERENCES "public"."negotiated_prices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_sessions" ADD CONSTRAINT "price_sessions_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_sessions" ADD CONSTRAINT "price_sessions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_settings" ADD CONSTRAINT "price_settings_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_order_id_purchase_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_session_id_price_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."price_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendees" ADD CONSTRAINT "session_attendees_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendees" ADD CONSTRAINT "session_attendees_session_id_price_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."price_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "market_observations_product_idx" ON "market_observations" USING btree ("commune_org_id","product_id","observed_on");--> statement-breakpoint
CREATE INDEX "negotiated_prices_product_idx" ON "negotiated_prices" USING btree ("commune_org_id","product_id","effective_on");--> statement-breakpoint
CREATE UNIQUE INDEX "price_notice_villages_pk" ON "price_notice_villages" USING btree ("notice_id","village_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_notices_price_key" ON "price_notices" USING btree ("price_id");--> statement-breakpoint
CREATE INDEX "price_notices_commune_idx" ON "price_notices" USING btree ("commune_org_id");--> statement-breakpoint
CREATE INDEX "price_sessions_commune_idx" ON "price_sessions" USING btree ("commune_org_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "price_settings_token_key" ON "price_settings" USING btree ("public_board_token");--> statement-breakpoint
CREATE INDEX "products_commune_idx" ON "products" USING btree ("commune_org_id","sort_order");--> statement-breakpoint
CREATE INDEX "purchase_order_lines_order_idx" ON "purchase_order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_lines_key" ON "purchase_order_lines" USING btree ("order_id","group_id","product_id");--> statement-breakpoint
CREATE INDEX "purchase_orders_commune_idx" ON "purchase_orders" USING btree ("commune_org_id","session_id");--> statement-breakpoint
CREATE INDEX "session_attendees_session_idx" ON "session_attendees" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "suppliers_commune_idx" ON "suppliers" USING btree ("commune_org_id");