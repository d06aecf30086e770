-- Negotiated prices are versions: a new decision supersedes, nothing is overwritten or deleted.
CREATE OR REPLACE FUNCTION tamkin_prices_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_append_only
  BEFORE UPDATE OR DELETE ON negotiated_prices
  FOR EACH ROW EXECUTE FUNCTION tamkin_prices_append_only();
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_no_truncate
  BEFORE TRUNCATE ON negotiated_prices
  FOR EACH STATEMENT EXECUTE FUNCTION tamkin_prices_append_only();
--> statement-breakpoint
-- A version supersedes a price of the same commune and product.
CREATE OR REPLACE FUNCTION tamkin_prices_supersede_same_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.supersedes_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM negotiated_prices p
    WHERE p.id = NEW.supersedes_id AND p.product_id = NEW.product_id AND p.commune_org_id = NEW.commune_org_id
  ) THEN
    RAISE EXCEPTION 'a price version supersedes a price of the same product' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_supersede_same_product
  BEFORE INSERT ON negotiated_prices
  FOR EACH ROW EXECUTE FUNCTION tamkin_prices_supersede_same_product();
