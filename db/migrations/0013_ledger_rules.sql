-- Rules that hold in the data, designed together because they are triggers on the same tables:
--   1. rollups (ledger_rollups per group and month, ledger_cube per NGO, network, village and
--      activity) maintained by statement-level triggers, whatever writes the rows (a server
--      action, an import, a bulk COPY by the owner);
--   2. quarter locks refused by the database on every dated table, serialised with the lock
--      itself (a write lands before the lock or is refused, never after);
--   3. ledger history written by trigger for any UPDATE, identity columns immutable, a voided
--      entry final, the version bumped by the database;
--   4. credits kept consistent with their sale (voided with it, corrected with it, or the
--      correction refused when repayments exceed the new amount; no repayment before the grant).
-- Errors carry their own SQLSTATE (class TK) and the catalogue key in HINT; lib/db-errors.ts maps
-- them to translated messages.

-- ---------------------------------------------------------------------------- quarters
CREATE OR REPLACE FUNCTION app_quarter_of(d date) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = public, pg_catalog AS $$
  SELECT to_char(d, 'YYYY') || '-Q' || to_char(d, 'Q')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_quarters_between(a date, b date) RETURNS text[] LANGUAGE sql IMMUTABLE SET search_path = public, pg_catalog AS $$
  SELECT coalesce(array_agg(app_quarter_of(d::date) ORDER BY d), '{}')
  FROM generate_series(date_trunc('quarter', least(a, b)), date_trunc('quarter', greatest(a, b)), interval '3 months') d
$$;
--> statement-breakpoint
-- One advisory key per NGO and quarter: writers take it shared, the lock takes it exclusive.
CREATE OR REPLACE FUNCTION app_quarter_lock_key(ngo uuid, quarter text) RETURNS bigint LANGUAGE sql IMMUTABLE SET search_path = public, pg_catalog AS $$
  SELECT hashtextextended('quarter-lock:' || ngo::text || ':' || quarter, 0)
$$;
--> statement-breakpoint
-- Refuses a write dated in a locked quarter of the NGO. The shared advisory locks are held to the
-- end of the transaction, so a lock being taken waits for this write to commit, and this write
-- waits for a lock being taken (then sees it: a VOLATILE function reads with a fresh snapshot).
CREATE OR REPLACE FUNCTION app_assert_quarters_open(ngo uuid, quarters text[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  q text;
  hit text;
BEGIN
  IF ngo IS NULL OR quarters IS NULL OR cardinality(quarters) = 0 THEN
    RETURN;
  END IF;
  FOR q IN SELECT DISTINCT x FROM unnest(quarters) x WHERE x IS NOT NULL ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock_shared(app_quarter_lock_key(ngo, q));
  END LOOP;
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT min(l.quarter) INTO hit FROM quarter_locks l
    WHERE l.ngo_org_id = ngo AND l.unlocked_at IS NULL AND l.quarter = ANY (quarters);
  PERFORM set_config('app.maintenance', prev, true);
  IF hit IS NOT NULL THEN
    RAISE EXCEPTION 'quarter % is locked', hit USING ERRCODE = 'TK001', HINT = 'quarterLocked', DETAIL = hit;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_quarter_locks_serialise() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(app_quarter_lock_key(NEW.ngo_org_id, NEW.quarter));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER quarter_locks_serialise BEFORE INSERT ON quarter_locks
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_locks_serialise();
--> statement-breakpoint
-- The NGO that owns a record, found through its group, credit or visit (whatever the caller may read).
CREATE OR REPLACE FUNCTION app_owner_ngo(via text, id uuid) RETURNS uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  ngo uuid;
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  IF via = 'group' THEN
    SELECT g.ngo_org_id INTO ngo FROM groups g WHERE g.id = app_owner_ngo.id;
  ELSIF via = 'credit' THEN
    SELECT g.ngo_org_id INTO ngo FROM customer_credits c JOIN groups g ON g.id = c.group_id WHERE c.id = app_owner_ngo.id;
  ELSIF via = 'visit' THEN
    SELECT v.ngo_org_id INTO ngo FROM coaching_visits v WHERE v.id = app_owner_ngo.id;
  END IF;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN ngo;
END;
$$;
--> statement-breakpoint
-- The generic guard of a dated table. TG_ARGV[0] says where the NGO is: a column of the row
-- ('ngo_org_id', 'org_id') or a lookup ('group:group_id', 'credit:credit_id', 'visit:visit_id').
-- The other arguments are its dates: 'col' (a date), 'a..b' (every quarter of a date range),
-- 'q:col' (a quarter written 2026-Q3). On UPDATE only the dates that change are checked, in their
-- old and new quarters, and any other change of the row checks them all.
CREATE OR REPLACE FUNCTION tamkin_quarter_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  rows jsonb[] := '{}';
  r jsonb;
  o jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  n jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  owner_spec text := TG_ARGV[0];
  spec text;
  i int;
  ngo uuid;
  qs text[];
  a text;
  b text;
  only_dates boolean := false;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- A change of nothing but dates checks only the dates that moved.
    only_dates := (o - (SELECT array_agg(x) FROM unnest(TG_ARGV[1:]) s, regexp_split_to_table(regexp_replace(s, '^q:', ''), '\.\.') x))
                = (n - (SELECT array_agg(x) FROM unnest(TG_ARGV[1:]) s, regexp_split_to_table(regexp_replace(s, '^q:', ''), '\.\.') x));
  END IF;
  IF o IS NOT NULL THEN rows := rows || o; END IF;
  IF n IS NOT NULL THEN rows := rows || n; END IF;
  FOREACH r IN ARRAY rows LOOP
    ngo := CASE
      WHEN owner_spec LIKE '%:%' THEN app_owner_ngo(split_part(owner_spec, ':', 1), (r ->> split_part(owner_spec, ':', 2))::uuid)
      ELSE (r ->> owner_spec)::uuid
    END;
    qs := '{}';
    FOR i IN 1 .. TG_NARGS - 1 LOOP
      spec := TG_ARGV[i];
      IF spec LIKE 'q:%' THEN
        a := substr(spec, 3);
        IF only_dates AND (o ->> a) IS NOT DISTINCT FROM (n ->> a) THEN CONTINUE; END IF;
        qs := qs || (r ->> a);
      ELSIF spec LIKE '%..%' THEN
        a := split_part(spec, '..', 1);
        b := split_part(spec, '..', 2);
        IF only_dates AND (o ->> a) IS NOT DISTINCT FROM (n ->> a) AND (o ->> b) IS NOT DISTINCT FROM (n ->> b) THEN CONTINUE; END IF;
        IF (r ->> a) IS NOT NULL THEN
          qs := qs || app_quarters_between((r ->> a)::date, coalesce((r ->> b)::date, (r ->> a)::date));
        END IF;
      ELSE
        IF only_dates AND (o ->> spec) IS NOT DISTINCT FROM (n ->> spec) THEN CONTINUE; END IF;
        IF (r ->> spec) IS NOT NULL THEN
          qs := qs || app_quarter_of((r ->> spec)::date);
        END IF;
      END IF;
    END LOOP;
    PERFORM app_assert_quarters_open(ngo, qs);
  END LOOP;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON customer_credits
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('group:group_id', 'granted_on');
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON credit_repayments
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('credit:credit_id', 'paid_on');
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON profit_distributions
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('group:group_id', 'period_from..period_to');
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON group_memberships
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('group:group_id', 'joined_on', 'left_on');
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON manager_terms
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('group:group_id', 'starts_on..ends_on');
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON technical_aids
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('ngo_org_id', 'received_on');
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON coaching_visits
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('ngo_org_id', 'visited_on');
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE UPDATE OR DELETE ON coaching_follow_ups
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('ngo_org_id', 'done_on');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_follow_up_visit_open() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  visited date;
BEGIN
  SELECT v.visited_on INTO visited FROM coaching_visits v WHERE v.id = NEW.visit_id;
  PERFORM app_assert_quarters_open(NEW.ngo_org_id, ARRAY[app_quarter_of(visited), app_quarter_of(NEW.done_on)]);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER coaching_follow_ups_quarter_insert BEFORE INSERT ON coaching_follow_ups
  FOR EACH ROW EXECUTE FUNCTION tamkin_follow_up_visit_open();
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON group_evaluations
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('ngo_org_id', 'q:quarter');
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON cohesion_surveys
  FOR EACH ROW EXECUTE FUNCTION tamkin_quarter_guard('org_id', 'surveyed_on');
--> statement-breakpoint
-- A rate converts every amount from its date to the next rate's: a change of it would alter the
-- converted totals of a locked quarter in that period, which is refused (whoever's lock it is).
CREATE OR REPLACE FUNCTION tamkin_rates_quarter_guard() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  first_day date;
  until date;
  hit text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.valid_from = OLD.valid_from AND NEW.xof_per_mru = OLD.xof_per_mru THEN
    RETURN NEW;
  END IF;
  first_day := CASE TG_OP WHEN 'INSERT' THEN NEW.valid_from WHEN 'DELETE' THEN OLD.valid_from ELSE least(NEW.valid_from, OLD.valid_from) END;
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT min(r.valid_from) INTO until FROM exchange_rates r
    WHERE r.valid_from > CASE TG_OP WHEN 'INSERT' THEN NEW.valid_from WHEN 'DELETE' THEN OLD.valid_from ELSE greatest(NEW.valid_from, OLD.valid_from) END;
  SELECT min(l.quarter) INTO hit FROM quarter_locks l
    WHERE l.unlocked_at IS NULL
      AND (to_date(substr(l.quarter, 1, 4) || '-' || lpad(((substr(l.quarter, 7, 1)::int - 1) * 3 + 1)::text, 2, '0') || '-01', 'YYYY-MM-DD') + interval '3 months')::date > first_day
      AND (until IS NULL OR to_date(substr(l.quarter, 1, 4) || '-' || lpad(((substr(l.quarter, 7, 1)::int - 1) * 3 + 1)::text, 2, '0') || '-01', 'YYYY-MM-DD') < until);
  PERFORM set_config('app.maintenance', prev, true);
  IF hit IS NOT NULL THEN
    RAISE EXCEPTION 'rate change would alter locked quarter %', hit USING ERRCODE = 'TK002', HINT = 'rateAltersLockedQuarter', DETAIL = hit;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER guard_quarter_lock BEFORE INSERT OR UPDATE OR DELETE ON exchange_rates
  FOR EACH ROW EXECUTE FUNCTION tamkin_rates_quarter_guard();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- rollups
CREATE UNIQUE INDEX ledger_cube_key ON ledger_cube (ngo_org_id, network_org_id, village_id, activity_type, month, kind, currency) NULLS NOT DISTINCT;
--> statement-breakpoint
CREATE TYPE ledger_delta AS (group_id uuid, month date, kind ledger_kind, currency currency, ngo_org_id uuid, amount bigint, entries integer);
--> statement-breakpoint
-- Adds signed deltas to both rollup levels (as the owner: the application cannot write rollups).
-- Keys are upserted in a fixed order so that concurrent writers queue instead of deadlocking.
CREATE OR REPLACE FUNCTION app_ledger_apply(d ledger_delta[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
BEGIN
  IF d IS NULL OR cardinality(d) = 0 THEN
    RETURN;
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  INSERT INTO ledger_rollups AS r (group_id, month, kind, currency, ngo_org_id, amount, entries)
  SELECT x.group_id, x.month, x.kind, x.currency, x.ngo_org_id, sum(x.amount), sum(x.entries)
  FROM unnest(d) x
  GROUP BY x.group_id, x.month, x.kind, x.currency, x.ngo_org_id
  HAVING sum(x.amount) <> 0 OR sum(x.entries) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (group_id, month, kind, currency)
  DO UPDATE SET amount = r.amount + excluded.amount, entries = r.entries + excluded.entries, ngo_org_id = excluded.ngo_org_id;

  INSERT INTO ledger_cube AS c (ngo_org_id, network_org_id, village_id, activity_type, month, kind, currency, amount, entries)
  SELECT g.ngo_org_id, g.network_org_id, g.village_id, g.activity_type, x.month, x.kind, x.currency, sum(x.amount), sum(x.entries)
  FROM unnest(d) x JOIN groups g ON g.id = x.group_id
  GROUP BY g.ngo_org_id, g.network_org_id, g.village_id, g.activity_type, x.month, x.kind, x.currency
  HAVING sum(x.amount) <> 0 OR sum(x.entries) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (ngo_org_id, network_org_id, village_id, activity_type, month, kind, currency)
  DO UPDATE SET amount = c.amount + excluded.amount, entries = c.entries + excluded.entries;

  DELETE FROM ledger_rollups r USING (SELECT DISTINCT x.group_id, x.month FROM unnest(d) x) k
  WHERE r.group_id = k.group_id AND r.month = k.month AND r.entries = 0 AND r.amount = 0;
  DELETE FROM ledger_cube c USING (SELECT DISTINCT g.ngo_org_id, g.village_id, x.month FROM unnest(d) x JOIN groups g ON g.id = x.group_id) k
  WHERE c.ngo_org_id = k.ngo_org_id AND c.village_id = k.village_id AND c.month = k.month AND c.entries = 0 AND c.amount = 0;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_ledger_month(d date) RETURNS date LANGUAGE sql IMMUTABLE SET search_path = public, pg_catalog AS $$
  SELECT date_trunc('month', d)::date
$$;
--> statement-breakpoint
-- ---------------------------------------------------------------------------- ledger entries
CREATE OR REPLACE FUNCTION tamkin_ledger_after_insert() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT ngo_org_id, array_agg(DISTINCT app_quarter_of(occurred_on)) AS qs FROM new_rows GROUP BY ngo_org_id ORDER BY ngo_org_id LOOP
    PERFORM app_assert_quarters_open(r.ngo_org_id, r.qs);
  END LOOP;
  PERFORM app_ledger_apply(ARRAY(
    SELECT ROW(group_id, app_ledger_month(occurred_on), kind, currency, ngo_org_id, sum(amount), count(*))::ledger_delta
    FROM new_rows WHERE voided_at IS NULL
    GROUP BY group_id, app_ledger_month(occurred_on), kind, currency, ngo_org_id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_after_insert AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_ledger_after_insert();
--> statement-breakpoint
-- Before each UPDATE: who the entry belongs to never changes, a voided entry is final, and the
-- version goes up by one whatever the writer sent (the optimistic lock's counter).
CREATE OR REPLACE FUNCTION tamkin_ledger_before_update() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.ngo_org_id <> OLD.ngo_org_id OR NEW.group_id <> OLD.group_id
     OR NEW.created_at <> OLD.created_at OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
    RAISE EXCEPTION 'a ledger entry keeps its group, owner and author' USING ERRCODE = 'TK003', HINT = 'entryImmutable';
  END IF;
  IF OLD.voided_at IS NOT NULL THEN
    RAISE EXCEPTION 'a voided ledger entry is final' USING ERRCODE = 'TK004', HINT = 'entryVoided';
  END IF;
  NEW.version := OLD.version + 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_before_update BEFORE UPDATE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION tamkin_ledger_before_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_ledger_snapshot(e ledger_entries) RETURNS jsonb LANGUAGE sql IMMUTABLE SET search_path = public, pg_catalog AS $$
  SELECT jsonb_build_object('kind', e.kind, 'occurredOn', e.occurred_on, 'amount', e.amount, 'currency', e.currency,
    'note', e.note, 'version', e.version, 'voidedAt', e.voided_at, 'voidReason', e.void_reason)
$$;
--> statement-breakpoint
-- After an UPDATE statement: quarters of the old and new dates open, one history row per changed
-- entry, rollups moved, and the credits of credit sales kept with their sale.
CREATE OR REPLACE FUNCTION tamkin_ledger_after_update() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  r record;
BEGIN
  FOR r IN
    SELECT x.ngo_org_id, array_agg(DISTINCT x.q) AS qs FROM (
      SELECT o.ngo_org_id, app_quarter_of(o.occurred_on) AS q FROM old_rows o
      UNION ALL SELECT n.ngo_org_id, app_quarter_of(n.occurred_on) FROM new_rows n
    ) x GROUP BY x.ngo_org_id ORDER BY x.ngo_org_id
  LOOP
    PERFORM app_assert_quarters_open(r.ngo_org_id, r.qs);
  END LOOP;
  PERFORM set_config('app.maintenance', 'on', true);
  INSERT INTO ledger_entry_history (entry_id, action, changed_by, before, after)
  SELECT n.id,
    CASE WHEN o.voided_at IS NULL AND n.voided_at IS NOT NULL THEN 'void' ELSE 'correct' END,
    app_current_user(), app_ledger_snapshot(o), app_ledger_snapshot(n)
  FROM old_rows o JOIN new_rows n ON n.id = o.id;

  -- Credits follow their sale: voided with it; otherwise amount, currency and date with it,
  -- unless what was repaid no longer fits.
  UPDATE customer_credits c SET voided_at = n.voided_at
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE c.sale_entry_id = n.id AND o.voided_at IS NULL AND n.voided_at IS NOT NULL AND c.voided_at IS NULL;
  IF EXISTS (
    SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN customer_credits c ON c.sale_entry_id = n.id
    WHERE n.voided_at IS NULL AND (n.kind <> 'sale'
      OR (n.currency <> o.currency AND EXISTS (SELECT 1 FROM credit_repayments p WHERE p.credit_id = c.id))
      OR n.amount < (SELECT coalesce(sum(p.amount), 0) FROM credit_repayments p WHERE p.credit_id = c.id)
      OR n.occurred_on > (SELECT coalesce(min(p.paid_on), 'infinity'::date) FROM credit_repayments p WHERE p.credit_id = c.id))
  ) THEN
    RAISE EXCEPTION 'the credit of this sale no longer fits its repayments' USING ERRCODE = 'TK005', HINT = 'creditRepaymentsExceed';
  END IF;
  UPDATE customer_credits c SET amount = n.amount, currency = n.currency, granted_on = n.occurred_on,
    due_on = greatest(c.due_on, n.occurred_on)
  FROM new_rows n
  WHERE c.sale_entry_id = n.id AND n.voided_at IS NULL
    AND (c.amount, c.currency, c.granted_on) IS DISTINCT FROM (n.amount, n.currency, n.occurred_on);

  PERFORM app_ledger_apply(ARRAY(
    SELECT ROW(x.group_id, x.month, x.kind, x.currency, x.ngo_org_id, sum(x.amount), sum(x.entries))::ledger_delta
    FROM (
      SELECT n.group_id, app_ledger_month(n.occurred_on) AS month, n.kind, n.currency, n.ngo_org_id, n.amount, 1 AS entries
      FROM new_rows n WHERE n.voided_at IS NULL
      UNION ALL
      SELECT o.group_id, app_ledger_month(o.occurred_on), o.kind, o.currency, o.ngo_org_id, -o.amount, -1
      FROM old_rows o WHERE o.voided_at IS NULL
    ) x
    GROUP BY x.group_id, x.month, x.kind, x.currency, x.ngo_org_id
    HAVING sum(x.amount) <> 0 OR sum(x.entries) <> 0));
  PERFORM set_config('app.maintenance', prev, true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_after_update AFTER UPDATE ON ledger_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_ledger_after_update();
--> statement-breakpoint
-- Deletes are refused (ledger_entries_no_delete); should the owner ever disable that guard to
-- remove data, the rollups still follow.
CREATE OR REPLACE FUNCTION tamkin_ledger_after_delete() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM app_ledger_apply(ARRAY(
    SELECT ROW(group_id, app_ledger_month(occurred_on), kind, currency, ngo_org_id, -sum(amount), -count(*))::ledger_delta
    FROM old_rows WHERE voided_at IS NULL
    GROUP BY group_id, app_ledger_month(occurred_on), kind, currency, ngo_org_id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_after_delete AFTER DELETE ON ledger_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_ledger_after_delete();
--> statement-breakpoint
-- The history is append-only.
CREATE OR REPLACE FUNCTION tamkin_history_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  RAISE EXCEPTION 'history is append-only' USING ERRCODE = 'TK006', HINT = 'historyAppendOnly';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entry_history_append_only BEFORE UPDATE OR DELETE ON ledger_entry_history
  FOR EACH ROW EXECUTE FUNCTION tamkin_history_append_only();
--> statement-breakpoint
-- A group that moves (village, activity, network) takes its totals along in the cube.
CREATE OR REPLACE FUNCTION tamkin_groups_move_cube() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
BEGIN
  IF (NEW.ngo_org_id, NEW.network_org_id, NEW.village_id, NEW.activity_type)
     IS NOT DISTINCT FROM (OLD.ngo_org_id, OLD.network_org_id, OLD.village_id, OLD.activity_type) THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('app.maintenance', 'on', true);
  INSERT INTO ledger_cube AS c (ngo_org_id, network_org_id, village_id, activity_type, month, kind, currency, amount, entries)
  SELECT k.ngo, k.net, k.village, k.activity, r.month, r.kind, r.currency, k.sign * r.amount, k.sign * r.entries
  FROM ledger_rollups r,
    (VALUES (OLD.ngo_org_id, OLD.network_org_id, OLD.village_id, OLD.activity_type, -1),
            (NEW.ngo_org_id, NEW.network_org_id, NEW.village_id, NEW.activity_type, 1)) AS k(ngo, net, village, activity, sign)
  WHERE r.group_id = NEW.id
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (ngo_org_id, network_org_id, village_id, activity_type, month, kind, currency)
  DO UPDATE SET amount = c.amount + excluded.amount, entries = c.entries + excluded.entries;
  DELETE FROM ledger_cube c WHERE c.ngo_org_id = OLD.ngo_org_id AND c.village_id = OLD.village_id AND c.entries = 0 AND c.amount = 0;
  UPDATE ledger_rollups SET ngo_org_id = NEW.ngo_org_id WHERE group_id = NEW.id AND ngo_org_id <> NEW.ngo_org_id;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER groups_move_cube AFTER UPDATE OF ngo_org_id, network_org_id, village_id, activity_type ON groups
  FOR EACH ROW EXECUTE FUNCTION tamkin_groups_move_cube();
--> statement-breakpoint
-- TRUNCATE skips row triggers: refuse it on the ledger as DELETE is refused.
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION tamkin_ledger_no_delete();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- credits
-- A repayment is dated on or after its credit, and a voided credit takes none.
CREATE OR REPLACE FUNCTION tamkin_repayment_fits_credit() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  c record;
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT cc.granted_on, cc.voided_at INTO c FROM customer_credits cc WHERE cc.id = NEW.credit_id;
  PERFORM set_config('app.maintenance', prev, true);
  IF c.voided_at IS NOT NULL THEN
    RAISE EXCEPTION 'this credit was voided with its sale' USING ERRCODE = 'TK007', HINT = 'creditVoided';
  END IF;
  IF NEW.paid_on < c.granted_on THEN
    RAISE EXCEPTION 'a repayment cannot come before its credit' USING ERRCODE = 'TK008', HINT = 'repaymentBeforeCredit';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER credit_repayments_fit_credit BEFORE INSERT OR UPDATE ON credit_repayments
  FOR EACH ROW EXECUTE FUNCTION tamkin_repayment_fits_credit();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- rollups: security
-- Read like the rows they summarise; written only by the triggers above (as the owner).
SELECT app_enable_rls('ledger_rollups');
--> statement-breakpoint
CREATE POLICY ledger_rollups_read ON ledger_rollups FOR SELECT USING (group_id IN (SELECT g.id FROM groups g));
--> statement-breakpoint
SELECT app_enable_rls('ledger_cube');
--> statement-breakpoint
CREATE POLICY ledger_cube_read ON ledger_cube FOR SELECT USING (
  ngo_org_id IN (SELECT unnest(app_readable_orgs()))
  OR network_org_id = (SELECT app_current_org())
  OR village_id IN (SELECT unnest(app_readable_places()))
);
--> statement-breakpoint
-- Existing rows, summarised once (the triggers keep them from now on).
INSERT INTO ledger_rollups (group_id, month, kind, currency, ngo_org_id, amount, entries)
SELECT group_id, app_ledger_month(occurred_on), kind, currency, ngo_org_id, sum(amount), count(*)
FROM ledger_entries WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO ledger_cube (ngo_org_id, network_org_id, village_id, activity_type, month, kind, currency, amount, entries)
SELECT g.ngo_org_id, g.network_org_id, g.village_id, g.activity_type, r.month, r.kind, r.currency, sum(r.amount), sum(r.entries)
FROM ledger_rollups r JOIN groups g ON g.id = r.group_id GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
UPDATE customer_credits c SET voided_at = e.voided_at FROM ledger_entries e WHERE c.sale_entry_id = e.id AND e.voided_at IS NOT NULL;
