ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_sign";--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "ledger_entry_id" uuid;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "reverses_id" uuid;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_reverses_id_stock_movements_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."stock_movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_ledger_entry_key" ON "stock_movements" USING btree ("ledger_entry_id") WHERE "stock_movements"."ledger_entry_id" is not null and "stock_movements"."reverses_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_reverses_key" ON "stock_movements" USING btree ("reverses_id") WHERE "stock_movements"."reverses_id" is not null;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_sale_link" CHECK (("stock_movements"."ledger_entry_id" is null or "stock_movements"."kind" = 'sold') and ("stock_movements"."reverses_id" is null or "stock_movements"."ledger_entry_id" is not null));--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_sign" CHECK ("stock_movements"."quantity" <> 0 and ("stock_movements"."kind" <> 'sold' or "stock_movements"."quantity" < 0 or "stock_movements"."reverses_id" is not null) and ("stock_movements"."kind" <> 'received' or "stock_movements"."quantity" > 0 or "stock_movements"."order_line_id" is not null));--> statement-breakpoint
-- Issue 17, point 1: a sale entered per item is a ledger sale entry and a stock movement written
-- together, and they reconcile because the database keeps them so, whatever writes them:
--  * a movement names a sale entry of its own group, of the same day, not voided, that the writer
--    may change (locked until the end of the transaction, so a void cannot pass it by); one item
--    sale per entry (stock_movements_ledger_entry_key). TK434, stockSaleEntry.
--  * a movement giving a sale back (reverses_id) is the database's own, written when the entry is
--    voided (below): it gives back exactly what was sold, once, for a voided entry.
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
    IF NOT FOUND OR e.group_id <> NEW.group_id OR e.kind <> 'sale' OR e.voided_at IS NOT NULL OR e.occurred_on <> NEW.occurred_on THEN
      RAISE EXCEPTION 'an item sale names a sale entry of its group and day' USING ERRCODE = 'TK434', HINT = 'stockSaleEntry';
    END IF;
    RETURN NEW;
  END IF;
  SELECT m.item_id, m.quantity, m.ledger_entry_id INTO orig FROM stock_movements m WHERE m.id = NEW.reverses_id AND m.reverses_id IS NULL;
  IF NOT FOUND OR e.voided_at IS NULL OR orig.ledger_entry_id <> NEW.ledger_entry_id OR orig.item_id <> NEW.item_id
     OR NEW.quantity <> -orig.quantity OR NOT app_is_maintenance() THEN
    RAISE EXCEPTION 'a sale is given back only when its entry is voided' USING ERRCODE = 'TK434', HINT = 'stockSaleEntry';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_sale_link BEFORE INSERT ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION tamkin_stock_sale_link();
--> statement-breakpoint
-- When a sale entry with an item sale is voided, the item's quantity comes back to the stock: on
-- the sale's day, or on the day of the voiding if the item was counted since (the count fixed the
-- level then). Such an entry keeps its kind, day and group (TK434, entryHasItems): to move it, void
-- it and enter it again. Its amount may be corrected (the price); the quantity stays.
CREATE OR REPLACE FUNCTION tamkin_ledger_sale_items() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  m record;
  on_date date;
BEGIN
  SELECT s.id, s.group_id, s.item_id, s.quantity, s.occurred_on INTO m FROM stock_movements s
    WHERE s.ledger_entry_id = NEW.id AND s.reverses_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM stock_movements r WHERE r.reverses_id = s.id);
  IF NOT FOUND THEN
    RETURN NEW;
  END IF;
  IF NEW.voided_at IS NOT NULL AND OLD.voided_at IS NULL THEN
    on_date := CASE WHEN EXISTS (SELECT 1 FROM stock_counts c WHERE c.item_id = m.item_id AND c.counted_on > m.occurred_on)
      THEN greatest((now() AT TIME ZONE 'Africa/Nouakchott')::date, (SELECT max(c.counted_on) FROM stock_counts c WHERE c.item_id = m.item_id))
      ELSE m.occurred_on END;
    PERFORM set_config('app.maintenance', 'on', true);
    INSERT INTO stock_movements (group_id, item_id, kind, occurred_on, quantity, ledger_entry_id, reverses_id, note, created_by)
    VALUES (m.group_id, m.item_id, 'sold', on_date, -m.quantity, NEW.id, m.id, '', nullif(current_setting('app.user_id', true), '')::uuid);
    PERFORM set_config('app.maintenance', prev, true);
  ELSIF NEW.kind <> 'sale' OR NEW.occurred_on <> OLD.occurred_on OR NEW.group_id <> OLD.group_id THEN
    RAISE EXCEPTION 'the entry holds an item sale' USING ERRCODE = 'TK434', HINT = 'entryHasItems';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_sale_items AFTER UPDATE OF voided_at, kind, occurred_on, group_id ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION tamkin_ledger_sale_items();
