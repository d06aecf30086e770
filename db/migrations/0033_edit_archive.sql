ALTER TABLE "groups" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_log_org_entity_idx" ON "audit_log" USING btree ("org_id","entity_id","at");
--> statement-breakpoint
-- Editing and archiving (issue 14, point 3).
--   1. Nothing that a figure depends on is deleted: groups, people, households, products and
--      suppliers are archived, never deleted (TK012, recordKept); maintenance (restore) is exempt.
--   2. An archived record takes no new entries: no ledger line, credit, membership or order line
--      for an archived group; no membership for an archived person; no decision, observation or
--      order line for an archived product; no decision or order with an archived supplier
--      (TK011, recordArchived). What it already holds stays, with its figures.
--   3. Edits in locked quarters only as the locks allow: a group's capital or start date in the
--      quarter of its start; its village, network, activity or NGO (which move its figures in
--      the rollups, trigger groups_move_cube of 0013) in every quarter of its ledger; a person's
--      or a household's counted attributes in every quarter of their memberships.
-- Maintenance (seed, restore) is exempt, and so is the embedded superuser outside any tenant
-- context (its seed and tools; a request always has one). Called by guards that run as the
-- writer, never inside a SECURITY DEFINER function.
CREATE OR REPLACE FUNCTION app_guards_exempt() RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT app_is_maintenance()
    OR (coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false)
        AND coalesce(current_setting('app.org_id', true), '') = '')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_keep_record() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF app_guards_exempt() THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% are archived, never deleted', TG_TABLE_NAME USING ERRCODE = 'TK012', HINT = 'recordKept';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER groups_keep BEFORE DELETE ON groups FOR EACH ROW EXECUTE FUNCTION app_keep_record();
--> statement-breakpoint
CREATE TRIGGER people_keep BEFORE DELETE ON people FOR EACH ROW EXECUTE FUNCTION app_keep_record();
--> statement-breakpoint
CREATE TRIGGER households_keep BEFORE DELETE ON households FOR EACH ROW EXECUTE FUNCTION app_keep_record();
--> statement-breakpoint
CREATE TRIGGER products_keep BEFORE DELETE ON products FOR EACH ROW EXECUTE FUNCTION app_keep_record();
--> statement-breakpoint
CREATE TRIGGER suppliers_keep BEFORE DELETE ON suppliers FOR EACH ROW EXECUTE FUNCTION app_keep_record();
--> statement-breakpoint
-- Statement-level, after insert: TG_ARGV holds pairs (column of the new rows, table it names).
-- Read as the owner, so that a writer who may not read the named row (a commune's order line
-- for a group) is checked all the same.
CREATE OR REPLACE FUNCTION app_refuse_archived() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  i int := 0;
  hit boolean;
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  WHILE i < TG_NARGS LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM new_rows n JOIN %I r ON r.id = n.%I WHERE r.archived_at IS NOT NULL)', TG_ARGV[i + 1], TG_ARGV[i]) INTO hit;
    IF hit THEN
      PERFORM set_config('app.maintenance', prev, true);
      RAISE EXCEPTION 'an archived record of % takes no new entries', TG_ARGV[i + 1] USING ERRCODE = 'TK011', HINT = 'recordArchived';
    END IF;
    i := i + 2;
  END LOOP;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_not_archived AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_refuse_archived('group_id', 'groups');
--> statement-breakpoint
CREATE TRIGGER customer_credits_not_archived AFTER INSERT ON customer_credits
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_refuse_archived('group_id', 'groups');
--> statement-breakpoint
CREATE TRIGGER group_memberships_not_archived AFTER INSERT ON group_memberships
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_refuse_archived('group_id', 'groups', 'person_id', 'people');
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_not_archived AFTER INSERT ON negotiated_prices
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_refuse_archived('product_id', 'products', 'supplier_id', 'suppliers');
--> statement-breakpoint
CREATE TRIGGER market_observations_not_archived AFTER INSERT ON market_observations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_refuse_archived('product_id', 'products');
--> statement-breakpoint
CREATE TRIGGER purchase_orders_not_archived AFTER INSERT ON purchase_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_refuse_archived('supplier_id', 'suppliers');
--> statement-breakpoint
CREATE TRIGGER purchase_order_lines_not_archived AFTER INSERT ON purchase_order_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_refuse_archived('group_id', 'groups', 'product_id', 'products');
--> statement-breakpoint
-- The quarters a group's figures are in, and those of a person's or household's memberships:
-- read as the owner (whatever the writer may read), and only read.
CREATE OR REPLACE FUNCTION app_group_ledger_quarters(g uuid) RETURNS text[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  qs text[];
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  qs := ARRAY(SELECT DISTINCT app_quarter_of(r.month) FROM ledger_rollups r WHERE r.group_id = g);
  PERFORM set_config('app.maintenance', prev, true);
  RETURN qs;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_membership_quarters(person uuid, household uuid) RETURNS text[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  qs text[];
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  qs := ARRAY(SELECT DISTINCT q FROM people p JOIN group_memberships m ON m.person_id = p.id,
    unnest(app_quarters_between(m.joined_on, coalesce(m.left_on, current_date))) q
    WHERE p.id = person OR p.household_id = household);
  PERFORM set_config('app.maintenance', prev, true);
  RETURN qs;
END;
$$;
--> statement-breakpoint
-- The guards run as the writer, so that only the owner's maintenance (seed, restore) is exempt.
CREATE OR REPLACE FUNCTION tamkin_groups_edit_quarters() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  qs text[] := '{}';
BEGIN
  IF app_guards_exempt() THEN
    RETURN NEW;
  END IF;
  IF (NEW.starting_capital_amount, NEW.starting_capital_currency, NEW.start_date)
     IS DISTINCT FROM (OLD.starting_capital_amount, OLD.starting_capital_currency, OLD.start_date) THEN
    qs := qs || app_quarter_of(OLD.start_date) || app_quarter_of(NEW.start_date);
  END IF;
  IF (NEW.ngo_org_id, NEW.network_org_id, NEW.village_id, NEW.activity_type)
     IS DISTINCT FROM (OLD.ngo_org_id, OLD.network_org_id, OLD.village_id, OLD.activity_type) THEN
    qs := qs || app_group_ledger_quarters(OLD.id);
  END IF;
  PERFORM app_assert_quarters_open(OLD.ngo_org_id, qs);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER groups_edit_quarters BEFORE UPDATE ON groups FOR EACH ROW EXECUTE FUNCTION tamkin_groups_edit_quarters();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_people_edit_quarters() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF app_guards_exempt() THEN
    RETURN NEW;
  END IF;
  IF TG_TABLE_NAME = 'people' THEN
    IF (NEW.sex, NEW.birth_year, NEW.household_id, NEW.wg_seeing, NEW.wg_hearing, NEW.wg_walking, NEW.wg_cognition, NEW.wg_self_care, NEW.wg_communication)
       IS NOT DISTINCT FROM (OLD.sex, OLD.birth_year, OLD.household_id, OLD.wg_seeing, OLD.wg_hearing, OLD.wg_walking, OLD.wg_cognition, OLD.wg_self_care, OLD.wg_communication) THEN
      RETURN NEW;
    END IF;
    PERFORM app_assert_quarters_open(OLD.ngo_org_id, app_membership_quarters(OLD.id, NULL));
  ELSE
    IF (NEW.settlement_id, NEW.size, NEW.status, NEW.cash_transfer_since)
       IS NOT DISTINCT FROM (OLD.settlement_id, OLD.size, OLD.status, OLD.cash_transfer_since) THEN
      RETURN NEW;
    END IF;
    PERFORM app_assert_quarters_open(OLD.ngo_org_id, app_membership_quarters(NULL, OLD.id));
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_edit_quarters BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION tamkin_people_edit_quarters();
--> statement-breakpoint
CREATE TRIGGER households_edit_quarters BEFORE UPDATE ON households FOR EACH ROW EXECUTE FUNCTION tamkin_people_edit_quarters();
