ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_sale_link";--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_sign";--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_sale_link" CHECK (("stock_movements"."ledger_entry_id" is null or "stock_movements"."kind" in ('sold', 'received')) and ("stock_movements"."reverses_id" is null or "stock_movements"."ledger_entry_id" is not null));--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_sign" CHECK ("stock_movements"."quantity" <> 0 and ("stock_movements"."kind" <> 'sold' or "stock_movements"."quantity" < 0 or "stock_movements"."reverses_id" is not null) and ("stock_movements"."kind" <> 'received' or "stock_movements"."quantity" > 0 or "stock_movements"."order_line_id" is not null or "stock_movements"."reverses_id" is not null));--> statement-breakpoint
-- Issue 17, point 1: stock bought alone and paid is the ledger's stock purchase and the stock's
-- receipt, written together and kept together as 0048 keeps item sales: a received movement names
-- a stock purchase entry of its group and day (a sold movement a sale entry); voiding the entry
-- takes the quantity back out of the stock, unless it was sold since (TK432, stockInsufficient: the
-- goods are gone, correct the amount instead); such an entry keeps its kind, day and group.
CREATE OR REPLACE FUNCTION tamkin_stock_sale_link() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  e record;
  orig record;
BEGIN
  IF NEW.ledger_entry_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT le.group_id, le.kind, le.occurred_on, le.voided_at INTO e
    FROM ledger_entries le WHERE le.id = NEW.ledger_entry_id FOR NO KEY UPDATE;
  IF NEW.reverses_id IS NULL THEN
    IF NOT FOUND OR e.group_id <> NEW.group_id OR e.voided_at IS NOT NULL OR e.occurred_on <> NEW.occurred_on
       OR e.kind::text <> (CASE NEW.kind WHEN 'sold' THEN 'sale' WHEN 'received' THEN 'stock_purchase' END) THEN
      RAISE EXCEPTION 'an item sale or purchase names a ledger entry of its kind, group and day' USING ERRCODE = 'TK434', HINT = 'stockSaleEntry';
    END IF;
    RETURN NEW;
  END IF;
  SELECT m.item_id, m.quantity, m.kind, m.ledger_entry_id INTO orig FROM stock_movements m WHERE m.id = NEW.reverses_id AND m.reverses_id IS NULL;
  IF NOT FOUND OR e.voided_at IS NULL OR orig.ledger_entry_id <> NEW.ledger_entry_id OR orig.item_id <> NEW.item_id
     OR orig.kind <> NEW.kind OR NEW.quantity <> -orig.quantity OR NOT app_is_maintenance() THEN
    RAISE EXCEPTION 'a movement is given back only when its entry is voided' USING ERRCODE = 'TK434', HINT = 'stockSaleEntry';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_ledger_sale_items() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  m record;
  on_date date;
  level int;
BEGIN
  SELECT s.id, s.group_id, s.item_id, s.kind, s.quantity, s.occurred_on INTO m FROM stock_movements s
    WHERE s.ledger_entry_id = NEW.id AND s.reverses_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM stock_movements r WHERE r.reverses_id = s.id);
  IF NOT FOUND THEN
    RETURN NEW;
  END IF;
  IF NEW.voided_at IS NOT NULL AND OLD.voided_at IS NULL THEN
    IF m.quantity > 0 THEN
      level := app_stock_level(m.item_id);
      IF level < m.quantity THEN
        RAISE EXCEPTION 'only % in stock', level
          USING ERRCODE = 'TK432', HINT = 'stockInsufficient', DETAIL = json_build_object('level', level)::text;
      END IF;
    END IF;
    on_date := CASE WHEN EXISTS (SELECT 1 FROM stock_counts c WHERE c.item_id = m.item_id AND c.counted_on > m.occurred_on)
      THEN greatest((now() AT TIME ZONE 'Africa/Nouakchott')::date, (SELECT max(c.counted_on) FROM stock_counts c WHERE c.item_id = m.item_id))
      ELSE m.occurred_on END;
    PERFORM set_config('app.maintenance', 'on', true);
    INSERT INTO stock_movements (group_id, item_id, kind, occurred_on, quantity, ledger_entry_id, reverses_id, note, created_by)
    VALUES (m.group_id, m.item_id, m.kind, on_date, -m.quantity, NEW.id, m.id, '', nullif(current_setting('app.user_id', true), '')::uuid);
    PERFORM set_config('app.maintenance', prev, true);
  ELSIF NEW.kind <> OLD.kind OR NEW.occurred_on <> OLD.occurred_on OR NEW.group_id <> OLD.group_id THEN
    RAISE EXCEPTION 'the entry holds an item sale or purchase' USING ERRCODE = 'TK434', HINT = 'entryHasItems';
  END IF;
  RETURN NEW;
END;
$$;
