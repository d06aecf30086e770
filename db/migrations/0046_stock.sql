CREATE TYPE "public"."stock_movement_kind" AS ENUM('received', 'sold', 'shrinkage');--> statement-breakpoint
CREATE TABLE "stock_counts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"counted_on" date NOT NULL,
	"counted" integer NOT NULL,
	"expected" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_counts_counted" CHECK ("stock_counts"."counted" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"product_id" uuid,
	"name" text,
	"unit" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_items_named" CHECK (("stock_items"."product_id" is null) <> ("stock_items"."name" is null) and length("stock_items"."unit") between 1 and 40)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" "stock_movement_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"quantity" integer NOT NULL,
	"order_line_id" uuid,
	"count_id" uuid,
	"cost" bigint,
	"currency" "currency",
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_sign" CHECK ("stock_movements"."quantity" <> 0 and ("stock_movements"."kind" <> 'sold' or "stock_movements"."quantity" < 0) and ("stock_movements"."kind" <> 'received' or "stock_movements"."quantity" > 0 or "stock_movements"."order_line_id" is not null)),
	CONSTRAINT "stock_movements_cost" CHECK (("stock_movements"."cost" is null) = ("stock_movements"."currency" is null) and coalesce("stock_movements"."cost", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_outs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_by" uuid,
	CONSTRAINT "stock_outs_dates" CHECK ("stock_outs"."ended_on" is null or "stock_outs"."ended_on" >= "stock_outs"."started_on")
);
--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_item_id_stock_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."stock_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_items" ADD CONSTRAINT "stock_items_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_items" ADD CONSTRAINT "stock_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_items" ADD CONSTRAINT "stock_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_item_id_stock_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."stock_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_order_line_id_purchase_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."purchase_order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_outs" ADD CONSTRAINT "stock_outs_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_outs" ADD CONSTRAINT "stock_outs_item_id_stock_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."stock_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_outs" ADD CONSTRAINT "stock_outs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_outs" ADD CONSTRAINT "stock_outs_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_counts_item_idx" ON "stock_counts" USING btree ("item_id","counted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_items_product_key" ON "stock_items" USING btree ("group_id","product_id") WHERE "stock_items"."product_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_items_name_key" ON "stock_items" USING btree ("group_id","name") WHERE "stock_items"."product_id" is null;--> statement-breakpoint
CREATE INDEX "stock_movements_item_idx" ON "stock_movements" USING btree ("item_id","occurred_on");--> statement-breakpoint
CREATE INDEX "stock_movements_group_idx" ON "stock_movements" USING btree ("group_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_outs_open_key" ON "stock_outs" USING btree ("item_id") WHERE "stock_outs"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "stock_outs_group_idx" ON "stock_outs" USING btree ("group_id","started_on");--> statement-breakpoint
-- Issue 17, point 1: row-level security like the group's other records (migration 0009): read
-- with the group, written by the NGO supporting it.
SELECT app_group_child('stock_items',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('stock_movements',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('stock_counts',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
SELECT app_group_child('stock_outs',
  'group_id IN (SELECT g.id FROM groups g)',
  'group_id IN (SELECT g.id FROM groups g WHERE g.ngo_org_id = (SELECT app_current_org()))');
--> statement-breakpoint
-- The stock's history is kept like the ledger's (migration 0026's one guard): movements and counts
-- are never changed nor deleted, items and stock-outs never deleted (TK430, stockAppendOnly).
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION app_append_only('TK430', 'stockAppendOnly');
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_truncate BEFORE TRUNCATE ON stock_movements
  FOR EACH STATEMENT EXECUTE FUNCTION app_append_only('TK430', 'stockAppendOnly');
--> statement-breakpoint
CREATE TRIGGER stock_counts_append_only BEFORE UPDATE OR DELETE ON stock_counts
  FOR EACH ROW EXECUTE FUNCTION app_append_only('TK430', 'stockAppendOnly');
--> statement-breakpoint
CREATE TRIGGER stock_counts_no_truncate BEFORE TRUNCATE ON stock_counts
  FOR EACH STATEMENT EXECUTE FUNCTION app_append_only('TK430', 'stockAppendOnly');
--> statement-breakpoint
CREATE TRIGGER stock_items_no_delete BEFORE DELETE ON stock_items
  FOR EACH ROW EXECUTE FUNCTION app_append_only('TK430', 'stockAppendOnly');
--> statement-breakpoint
CREATE TRIGGER stock_outs_no_delete BEFORE DELETE ON stock_outs
  FOR EACH ROW EXECUTE FUNCTION app_append_only('TK430', 'stockAppendOnly');
--> statement-breakpoint
CREATE TRIGGER stock_items_no_truncate BEFORE TRUNCATE ON stock_items
  FOR EACH STATEMENT EXECUTE FUNCTION app_append_only('TK430', 'stockAppendOnly');
--> statement-breakpoint
CREATE TRIGGER stock_outs_no_truncate BEFORE TRUNCATE ON stock_outs
  FOR EACH STATEMENT EXECUTE FUNCTION app_append_only('TK430', 'stockAppendOnly');
--> statement-breakpoint
-- An item's level: the sum of its movements (on or before a date, if given). Read as the definer:
-- the guards below see the whole item whoever writes.
CREATE OR REPLACE FUNCTION app_stock_level(item uuid, on_date date DEFAULT NULL) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT coalesce(sum(m.quantity), 0)::int FROM stock_movements m
  WHERE m.item_id = item AND (on_date IS NULL OR m.occurred_on <= on_date)
$$;
--> statement-breakpoint
-- A movement or a count names an item of its own group, and waits for the item (one writer at a
-- time, so levels and counts follow one another). Nothing is dated before the item's last count
-- (TK431, stockCounted): the count fixed the level then. A sale takes no more than the level
-- (TK432, stockInsufficient).
CREATE OR REPLACE FUNCTION tamkin_stock_guard() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  row jsonb := to_jsonb(NEW);
  on_date date := (row ->> CASE WHEN TG_TABLE_NAME = 'stock_counts' THEN 'counted_on' ELSE 'occurred_on' END)::date;
  last_count date;
  level int;
BEGIN
  PERFORM 1 FROM stock_items i WHERE i.id = NEW.item_id AND i.group_id = NEW.group_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the item is not of this group' USING ERRCODE = 'TK433', HINT = 'stockItemGroup';
  END IF;
  SELECT max(c.counted_on) INTO last_count FROM stock_counts c WHERE c.item_id = NEW.item_id;
  IF last_count IS NOT NULL AND on_date < last_count AND (row ->> 'count_id') IS NULL THEN
    RAISE EXCEPTION 'the item was counted on %', last_count
      USING ERRCODE = 'TK431', HINT = 'stockCounted', DETAIL = json_build_object('date', last_count)::text;
  END IF;
  IF TG_TABLE_NAME = 'stock_counts' THEN
    NEW.expected := app_stock_level(NEW.item_id, NEW.counted_on);
    -- What was moved after the count's day must still be there once the difference is recorded.
    level := NEW.counted + app_stock_level(NEW.item_id) - NEW.expected;
    IF level < 0 THEN
      RAISE EXCEPTION 'the count leaves % in stock', level
        USING ERRCODE = 'TK432', HINT = 'stockInsufficient', DETAIL = json_build_object('level', level, 'field', 'counted')::text;
    END IF;
  ELSIF NEW.kind = 'sold' THEN
    level := app_stock_level(NEW.item_id);
    IF level + NEW.quantity < 0 THEN
      RAISE EXCEPTION 'only % in stock', level
        USING ERRCODE = 'TK432', HINT = 'stockInsufficient', DETAIL = json_build_object('level', level)::text;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_guard BEFORE INSERT ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION tamkin_stock_guard();
--> statement-breakpoint
CREATE TRIGGER stock_counts_guard BEFORE INSERT ON stock_counts
  FOR EACH ROW EXECUTE FUNCTION tamkin_stock_guard();
--> statement-breakpoint
-- A count's difference with the movements is the shrinkage, recorded as a movement of the count's
-- date (counted − expected: negative when stock went missing).
CREATE OR REPLACE FUNCTION tamkin_stock_count_shrinkage() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
BEGIN
  IF NEW.counted <> NEW.expected THEN
    PERFORM set_config('app.maintenance', 'on', true);
    INSERT INTO stock_movements (group_id, item_id, kind, occurred_on, quantity, count_id, created_by)
    VALUES (NEW.group_id, NEW.item_id, 'shrinkage', NEW.counted_on, NEW.counted - NEW.expected, NEW.id, NEW.created_by);
    PERFORM set_config('app.maintenance', prev, true);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_counts_shrinkage AFTER INSERT ON stock_counts
  FOR EACH ROW EXECUTE FUNCTION tamkin_stock_count_shrinkage();
--> statement-breakpoint
-- Stock-outs follow the movements: an item whose level falls to zero is out from that day, and
-- back in stock the day its level rises again (a stock-out recorded by hand closes the same way).
CREATE OR REPLACE FUNCTION tamkin_stock_outs_follow() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  level int := app_stock_level(NEW.item_id);
  open_id uuid;
BEGIN
  SELECT o.id INTO open_id FROM stock_outs o WHERE o.item_id = NEW.item_id AND o.ended_on IS NULL;
  PERFORM set_config('app.maintenance', 'on', true);
  IF level <= 0 AND open_id IS NULL THEN
    INSERT INTO stock_outs (group_id, item_id, started_on, created_by) VALUES (NEW.group_id, NEW.item_id, NEW.occurred_on, NEW.created_by);
  ELSIF level > 0 AND open_id IS NOT NULL THEN
    UPDATE stock_outs SET ended_on = greatest(started_on, NEW.occurred_on), ended_by = NEW.created_by WHERE id = open_id;
  END IF;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_outs AFTER INSERT ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION tamkin_stock_outs_follow();
--> statement-breakpoint
-- A stock-out names an item of its group; once recorded only its end is set, once (TK433,
-- stockOutEnded).
CREATE OR REPLACE FUNCTION tamkin_stock_out_guard() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM stock_items i WHERE i.id = NEW.item_id AND i.group_id = NEW.group_id) THEN
      RAISE EXCEPTION 'the item is not of this group' USING ERRCODE = 'TK433', HINT = 'stockItemGroup';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.ended_on IS NOT NULL OR NEW.id <> OLD.id OR NEW.group_id <> OLD.group_id OR NEW.item_id <> OLD.item_id
     OR NEW.started_on <> OLD.started_on OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'a stock-out is only ended, once' USING ERRCODE = 'TK433', HINT = 'stockOutEnded';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_outs_guard BEFORE INSERT OR UPDATE ON stock_outs
  FOR EACH ROW EXECUTE FUNCTION tamkin_stock_out_guard();
--> statement-breakpoint
-- The delivery of a grouped purchase feeds the group's stock, whoever records it (the commune's
-- order page, an import, the owner): the delivered quantity of a line (or its change) is received
-- into the group's item of that product (created with the product's unit if need be), on the day
-- the order was marked delivered, at the line's price.
CREATE OR REPLACE FUNCTION tamkin_delivery_to_stock() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  delta int := coalesce(NEW.delivered_quantity, 0) - CASE WHEN TG_OP = 'UPDATE' THEN coalesce(OLD.delivered_quantity, 0) ELSE 0 END;
  item uuid;
  day date;
BEGIN
  IF delta = 0 THEN
    RETURN NEW;
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT (o.updated_at AT TIME ZONE 'Africa/Nouakchott')::date INTO day FROM purchase_orders o WHERE o.id = NEW.order_id;
  INSERT INTO stock_items (group_id, product_id, unit)
  SELECT NEW.group_id, p.id, p.unit FROM products p WHERE p.id = NEW.product_id
  ON CONFLICT (group_id, product_id) WHERE product_id IS NOT NULL DO NOTHING;
  SELECT i.id INTO item FROM stock_items i WHERE i.group_id = NEW.group_id AND i.product_id = NEW.product_id;
  INSERT INTO stock_movements (group_id, item_id, kind, occurred_on, quantity, order_line_id, cost, currency, note)
  VALUES (NEW.group_id, item, 'received', coalesce(day, (now() AT TIME ZONE 'Africa/Nouakchott')::date), delta, NEW.id,
    CASE WHEN delta > 0 THEN delta::bigint * NEW.unit_price END, CASE WHEN delta > 0 THEN NEW.currency END, '');
  PERFORM set_config('app.maintenance', prev, true);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER purchase_order_lines_to_stock AFTER INSERT OR UPDATE OF delivered_quantity ON purchase_order_lines
  FOR EACH ROW EXECUTE FUNCTION tamkin_delivery_to_stock();
--> statement-breakpoint
-- A group manager (migration 0044) keeps to its own group's stock, as on every table with a group column.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['stock_items', 'stock_movements', 'stock_counts', 'stock_outs']
  LOOP
    EXECUTE format(
      'CREATE POLICY %I ON %I AS RESTRICTIVE FOR ALL USING ((SELECT app_current_group()) IS NULL OR group_id = (SELECT app_current_group())) WITH CHECK ((SELECT app_current_group()) IS NULL OR group_id = (SELECT app_current_group()))',
      t || '_manager', t);
  END LOOP;
END;
$$;
