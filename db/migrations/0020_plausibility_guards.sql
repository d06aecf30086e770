-- Plausibility (issue 12, point 8): a sale of 99,999,999,999 MRU or one dated 1900 is a typo, and
-- one such typo turns the consortium's totals into trillions. Whatever writes the rows (a server
-- action, an import, a bulk COPY, the owner by hand), the database refuses:
--   1. an amount above the ceiling of its kind and currency: the NGO's own (plausibility_limits)
--      or the default (plausibility_defaults, below);
--   2. a money record dated before the NGO's date floor (ngo_settings), by default 2018-01-01.
-- The server actions check the same first, for a message beside the field, and also ask to confirm
-- amounts above the soft limit (lib/groups/plausibility.ts); the soft limit binds nobody here.
-- Only what a write changes is checked: a later, lower ceiling or a later floor leaves the rows
-- already recorded valid (they can still be voided or corrected in their other fields).
-- Unlike the price committee's time-relative rules, these bind the owner in maintenance mode too.
-- Errors: TK201 (amountAboveCeiling), TK202 (dateBeforeFloor), the catalogue key in HINT and the
-- values the message names in DETAIL as JSON (lib/db-errors.ts).

-- ---------------------------------------------------------------------------- defaults
-- Why these figures. The Fassala field report's 33 group activities recorded 960,861 MRU of
-- revenue in three years, all together: 29,117 MRU per group, a few thousand a month; the
-- largest lines are a fattening cycle's sale (about 20,000 MRU) and a starting capital (about
-- 40,000 MRU). XOF figures are the MRU ones times 16 (the report's implied rate is 16.67).
--   ceiling: no single line of a village group comes near it; it is what a slip of three or more
--     extra zeros produces. 5,000,000 MRU is over five times the whole programme's recorded
--     revenue. It cannot be confirmed away, so it sits far above anything true (an NGO whose
--     groups are larger raises it in its settings).
--   soft limit: ten times the largest ordinary line, an extra zero. Rare enough that a second look
--     costs less than a wrong total; saving only needs a confirmation.
--   other expenses (transport, fees: a few hundred MRU) have a fifth of the sale's limits;
--   contributions and starting capital (grants, a group's capital) a higher soft limit;
--   repayments those of sales: a repayment never exceeds its credit, which is a sale.
INSERT INTO plausibility_defaults (kind, currency, ceiling, soft_limit) VALUES
  ('sale',             'MRU',  5000000,   200000),
  ('sale',             'XOF', 80000000,  3200000),
  ('stock_purchase',   'MRU',  5000000,   200000),
  ('stock_purchase',   'XOF', 80000000,  3200000),
  ('other_expense',    'MRU',  1000000,    50000),
  ('other_expense',    'XOF', 16000000,   800000),
  ('contribution',     'MRU',  5000000,   500000),
  ('contribution',     'XOF', 80000000,  8000000),
  ('repayment',        'MRU',  5000000,   200000),
  ('repayment',        'XOF', 80000000,  3200000),
  ('starting_capital', 'MRU',  5000000,   500000),
  ('starting_capital', 'XOF', 80000000,  8000000);
--> statement-breakpoint
-- The default date floor: the ouguiya was redenominated on 2018-01-01 (10 MRO = 1 MRU), so an MRU
-- amount dated earlier is in the wrong unit, and the programme's groups started after it.
CREATE OR REPLACE FUNCTION app_default_date_floor() RETURNS date LANGUAGE sql IMMUTABLE SET search_path = public, pg_catalog AS $$
  SELECT date '2018-01-01'
$$;
--> statement-breakpoint
-- ---------------------------------------------------------------------------- row-level security
-- The defaults are reference data: everyone reads them, only the owner in maintenance writes them.
SELECT app_enable_rls('plausibility_defaults');
--> statement-breakpoint
CREATE POLICY plausibility_defaults_read ON plausibility_defaults FOR SELECT USING (true);
--> statement-breakpoint
-- An NGO's limits and settings: read by whoever may read the NGO, written by the NGO.
SELECT app_tenant_table('plausibility_limits', 'ngo_org_id');
--> statement-breakpoint
SELECT app_tenant_table('ngo_settings', 'ngo_org_id');
--> statement-breakpoint
-- ---------------------------------------------------------------------------- the check
-- One line per NGO, kind and currency of what a statement wrote: its largest amount and earliest
-- date (null: not changed by this statement), so that a bulk COPY is checked in one query.
CREATE TYPE plausibility_check AS (ngo_org_id uuid, kind amount_kind, currency currency, amount bigint, on_date date);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_assert_plausible(c plausibility_check[], amount_field text, date_field text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  over_kind amount_kind;
  over_currency currency;
  over_ceiling bigint;
  floor_hit date;
BEGIN
  IF c IS NULL OR cardinality(c) = 0 THEN
    RETURN;
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT x.kind, x.currency, coalesce(l.ceiling, d.ceiling) INTO over_kind, over_currency, over_ceiling
    FROM unnest(c) x
    JOIN plausibility_defaults d ON d.kind = x.kind AND d.currency = x.currency
    LEFT JOIN plausibility_limits l ON l.ngo_org_id = x.ngo_org_id AND l.kind = x.kind AND l.currency = x.currency
    WHERE x.amount > coalesce(l.ceiling, d.ceiling)
    ORDER BY x.ngo_org_id, x.kind, x.currency
    LIMIT 1;
  SELECT coalesce(s.date_floor, app_default_date_floor()) INTO floor_hit
    FROM unnest(c) x
    LEFT JOIN ngo_settings s ON s.ngo_org_id = x.ngo_org_id
    WHERE x.on_date < coalesce(s.date_floor, app_default_date_floor())
    ORDER BY 1
    LIMIT 1;
  PERFORM set_config('app.maintenance', prev, true);
  IF over_ceiling IS NOT NULL THEN
    RAISE EXCEPTION 'an amount of kind % is above the ceiling of % %', over_kind, over_ceiling, over_currency
      USING ERRCODE = 'TK201', HINT = 'amountAboveCeiling',
        DETAIL = json_build_object('field', amount_field, 'kind', over_kind, 'limit', over_ceiling, 'currency', over_currency)::text;
  END IF;
  IF floor_hit IS NOT NULL THEN
    RAISE EXCEPTION 'a date is before the floor %', floor_hit
      USING ERRCODE = 'TK202', HINT = 'dateBeforeFloor',
        DETAIL = json_build_object('field', date_field, 'floor', to_char(floor_hit, 'YYYY-MM-DD'))::text;
  END IF;
END;
$$;
--> statement-breakpoint
-- ---------------------------------------------------------------------------- ledger entries
CREATE OR REPLACE FUNCTION tamkin_ledger_plausible_insert() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM app_assert_plausible(ARRAY(
    SELECT ROW(n.ngo_org_id, n.kind::text::amount_kind, n.currency, max(n.amount), min(n.occurred_on))::plausibility_check
    FROM new_rows n GROUP BY n.ngo_org_id, n.kind, n.currency), 'amount', 'occurredOn');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_plausible_insert AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_ledger_plausible_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_ledger_plausible_update() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM app_assert_plausible(ARRAY(
    SELECT ROW(n.ngo_org_id, n.kind::text::amount_kind, n.currency,
      max(n.amount) FILTER (WHERE (n.amount, n.kind, n.currency) IS DISTINCT FROM (o.amount, o.kind, o.currency)),
      min(n.occurred_on) FILTER (WHERE n.occurred_on IS DISTINCT FROM o.occurred_on))::plausibility_check
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.amount, n.kind, n.currency, n.occurred_on) IS DISTINCT FROM (o.amount, o.kind, o.currency, o.occurred_on)
    GROUP BY n.ngo_org_id, n.kind, n.currency), 'amount', 'occurredOn');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_plausible_update AFTER UPDATE ON ledger_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_ledger_plausible_update();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- credits and repayments
-- Their NGO is their group's, read as the owner (whatever the writer may read).
CREATE OR REPLACE FUNCTION tamkin_credits_plausible() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  c plausibility_check[];
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  IF TG_OP = 'INSERT' THEN
    c := ARRAY(
      SELECT ROW(g.ngo_org_id, 'sale'::amount_kind, n.currency, max(n.amount), min(n.granted_on))::plausibility_check
      FROM new_rows n JOIN groups g ON g.id = n.group_id GROUP BY g.ngo_org_id, n.currency);
  ELSE
    c := ARRAY(
      SELECT ROW(g.ngo_org_id, 'sale'::amount_kind, n.currency,
        max(n.amount) FILTER (WHERE (n.amount, n.currency) IS DISTINCT FROM (o.amount, o.currency)),
        min(n.granted_on) FILTER (WHERE n.granted_on IS DISTINCT FROM o.granted_on))::plausibility_check
      FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN groups g ON g.id = n.group_id
      WHERE (n.amount, n.currency, n.granted_on) IS DISTINCT FROM (o.amount, o.currency, o.granted_on)
      GROUP BY g.ngo_org_id, n.currency);
  END IF;
  PERFORM set_config('app.maintenance', prev, true);
  PERFORM app_assert_plausible(c, 'amount', 'grantedOn');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER customer_credits_plausible_insert AFTER INSERT ON customer_credits
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_credits_plausible();
--> statement-breakpoint
CREATE TRIGGER customer_credits_plausible_update AFTER UPDATE ON customer_credits
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_credits_plausible();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_repayments_plausible() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  c plausibility_check[];
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  IF TG_OP = 'INSERT' THEN
    c := ARRAY(
      SELECT ROW(g.ngo_org_id, 'repayment'::amount_kind, k.currency, max(n.amount), min(n.paid_on))::plausibility_check
      FROM new_rows n JOIN customer_credits k ON k.id = n.credit_id JOIN groups g ON g.id = k.group_id
      GROUP BY g.ngo_org_id, k.currency);
  ELSE
    c := ARRAY(
      SELECT ROW(g.ngo_org_id, 'repayment'::amount_kind, k.currency,
        max(n.amount) FILTER (WHERE n.amount IS DISTINCT FROM o.amount OR n.credit_id IS DISTINCT FROM o.credit_id),
        min(n.paid_on) FILTER (WHERE n.paid_on IS DISTINCT FROM o.paid_on))::plausibility_check
      FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN customer_credits k ON k.id = n.credit_id JOIN groups g ON g.id = k.group_id
      WHERE (n.amount, n.credit_id, n.paid_on) IS DISTINCT FROM (o.amount, o.credit_id, o.paid_on)
      GROUP BY g.ngo_org_id, k.currency);
  END IF;
  PERFORM set_config('app.maintenance', prev, true);
  PERFORM app_assert_plausible(c, 'amount', 'paidOn');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER credit_repayments_plausible_insert AFTER INSERT ON credit_repayments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_repayments_plausible();
--> statement-breakpoint
CREATE TRIGGER credit_repayments_plausible_update AFTER UPDATE ON credit_repayments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_repayments_plausible();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- distributions
-- The profit is computed, not typed: only the period's start has a floor.
CREATE OR REPLACE FUNCTION tamkin_distributions_plausible() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  c plausibility_check[];
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  IF TG_OP = 'INSERT' THEN
    c := ARRAY(
      SELECT ROW(g.ngo_org_id, NULL, NULL, NULL, min(n.period_from))::plausibility_check
      FROM new_rows n JOIN groups g ON g.id = n.group_id GROUP BY g.ngo_org_id);
  ELSE
    c := ARRAY(
      SELECT ROW(g.ngo_org_id, NULL, NULL, NULL, min(n.period_from))::plausibility_check
      FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN groups g ON g.id = n.group_id
      WHERE n.period_from IS DISTINCT FROM o.period_from GROUP BY g.ngo_org_id);
  END IF;
  PERFORM set_config('app.maintenance', prev, true);
  PERFORM app_assert_plausible(c, NULL, 'periodFrom');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER profit_distributions_plausible_insert AFTER INSERT ON profit_distributions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_distributions_plausible();
--> statement-breakpoint
CREATE TRIGGER profit_distributions_plausible_update AFTER UPDATE ON profit_distributions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_distributions_plausible();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- groups
-- A group's starting capital and start date.
CREATE OR REPLACE FUNCTION tamkin_groups_plausible() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM app_assert_plausible(ARRAY(
      SELECT ROW(n.ngo_org_id, 'starting_capital'::amount_kind, n.starting_capital_currency, max(n.starting_capital_amount), min(n.start_date))::plausibility_check
      FROM new_rows n GROUP BY n.ngo_org_id, n.starting_capital_currency), 'startingCapitalAmount', 'startDate');
  ELSE
    PERFORM app_assert_plausible(ARRAY(
      SELECT ROW(n.ngo_org_id, 'starting_capital'::amount_kind, n.starting_capital_currency,
        max(n.starting_capital_amount) FILTER (WHERE (n.starting_capital_amount, n.starting_capital_currency) IS DISTINCT FROM (o.starting_capital_amount, o.starting_capital_currency)),
        min(n.start_date) FILTER (WHERE n.start_date IS DISTINCT FROM o.start_date))::plausibility_check
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.starting_capital_amount, n.starting_capital_currency, n.start_date) IS DISTINCT FROM (o.starting_capital_amount, o.starting_capital_currency, o.start_date)
      GROUP BY n.ngo_org_id, n.starting_capital_currency), 'startingCapitalAmount', 'startDate');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER groups_plausible_insert AFTER INSERT ON groups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_groups_plausible();
--> statement-breakpoint
CREATE TRIGGER groups_plausible_update AFTER UPDATE ON groups
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_groups_plausible();
