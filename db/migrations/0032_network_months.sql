CREATE TABLE "ledger_network_months" (
	"network_org_id" uuid NOT NULL,
	"activity_type" text NOT NULL,
	"month" date NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"currency" "currency" NOT NULL,
	"amount" bigint NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "ledger_network_months_pk" PRIMARY KEY("network_org_id","activity_type","month","kind","currency")
);

--> statement-breakpoint
-- Issue 10: live totals per cooperative network, activity, month, kind and currency, for a
-- network's dashboard (hundreds of rows a network; the cube has tens of thousands, split by NGO
-- and village). Kept by the ledger's statement-level triggers in the same transaction as every
-- write (server action, import, COPY by the owner): app_ledger_apply (0031) gains this level,
-- and a group that changes network or activity takes its totals along (tamkin_groups_move_cube).
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

  INSERT INTO ledger_ngo_months AS n (ngo_org_id, activity_type, month, kind, currency, amount, entries)
  SELECT g.ngo_org_id, g.activity_type, x.month, x.kind, x.currency, sum(x.amount), sum(x.entries)
  FROM unnest(d) x JOIN groups g ON g.id = x.group_id
  GROUP BY g.ngo_org_id, g.activity_type, x.month, x.kind, x.currency
  HAVING sum(x.amount) <> 0 OR sum(x.entries) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (ngo_org_id, activity_type, month, kind, currency)
  DO UPDATE SET amount = n.amount + excluded.amount, entries = n.entries + excluded.entries;

  INSERT INTO ledger_group_sales_years AS y (group_id, year, currency, ngo_org_id, network_org_id, village_id, amount, entries)
  SELECT x.group_id, date_trunc('year', x.month)::date, x.currency, g.ngo_org_id, g.network_org_id, g.village_id, sum(x.amount), sum(x.entries)
  FROM unnest(d) x JOIN groups g ON g.id = x.group_id
  WHERE x.kind = 'sale'
  GROUP BY x.group_id, date_trunc('year', x.month)::date, x.currency, g.ngo_org_id, g.network_org_id, g.village_id
  HAVING sum(x.amount) <> 0 OR sum(x.entries) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (group_id, year, currency)
  DO UPDATE SET amount = y.amount + excluded.amount, entries = y.entries + excluded.entries;

  INSERT INTO ledger_network_months AS w (network_org_id, activity_type, month, kind, currency, amount, entries)
  SELECT g.network_org_id, g.activity_type, x.month, x.kind, x.currency, sum(x.amount), sum(x.entries)
  FROM unnest(d) x JOIN groups g ON g.id = x.group_id
  WHERE g.network_org_id IS NOT NULL
  GROUP BY g.network_org_id, g.activity_type, x.month, x.kind, x.currency
  HAVING sum(x.amount) <> 0 OR sum(x.entries) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (network_org_id, activity_type, month, kind, currency)
  DO UPDATE SET amount = w.amount + excluded.amount, entries = w.entries + excluded.entries;

  DELETE FROM ledger_network_months w USING (SELECT DISTINCT g.network_org_id, x.month FROM unnest(d) x JOIN groups g ON g.id = x.group_id WHERE g.network_org_id IS NOT NULL) k
  WHERE w.network_org_id = k.network_org_id AND w.month = k.month AND w.entries = 0 AND w.amount = 0;
  DELETE FROM ledger_ngo_months n USING (SELECT DISTINCT g.ngo_org_id, x.month FROM unnest(d) x JOIN groups g ON g.id = x.group_id) k
  WHERE n.ngo_org_id = k.ngo_org_id AND n.month = k.month AND n.entries = 0 AND n.amount = 0;
  DELETE FROM ledger_rollups r USING (SELECT DISTINCT x.group_id, x.month FROM unnest(d) x) k
  WHERE r.group_id = k.group_id AND r.month = k.month AND r.entries = 0 AND r.amount = 0;
  DELETE FROM ledger_cube c USING (SELECT DISTINCT g.ngo_org_id, g.village_id, x.month FROM unnest(d) x JOIN groups g ON g.id = x.group_id) k
  WHERE c.ngo_org_id = k.ngo_org_id AND c.village_id = k.village_id AND c.month = k.month AND c.entries = 0 AND c.amount = 0;
  DELETE FROM ledger_group_sales_years y USING (SELECT DISTINCT x.group_id, date_trunc('year', x.month)::date AS year FROM unnest(d) x WHERE x.kind = 'sale') k
  WHERE y.group_id = k.group_id AND y.year = k.year AND y.entries = 0 AND y.amount = 0;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
--> statement-breakpoint
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
  IF (NEW.ngo_org_id, NEW.activity_type) IS DISTINCT FROM (OLD.ngo_org_id, OLD.activity_type) THEN
    INSERT INTO ledger_ngo_months AS n (ngo_org_id, activity_type, month, kind, currency, amount, entries)
    SELECT k.ngo, k.activity, r.month, r.kind, r.currency, k.sign * r.amount, k.sign * r.entries
    FROM ledger_rollups r,
      (VALUES (OLD.ngo_org_id, OLD.activity_type, -1), (NEW.ngo_org_id, NEW.activity_type, 1)) AS k(ngo, activity, sign)
    WHERE r.group_id = NEW.id
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (ngo_org_id, activity_type, month, kind, currency)
    DO UPDATE SET amount = n.amount + excluded.amount, entries = n.entries + excluded.entries;
    DELETE FROM ledger_ngo_months n WHERE n.ngo_org_id = OLD.ngo_org_id AND n.activity_type = OLD.activity_type AND n.entries = 0 AND n.amount = 0;
  END IF;
  IF (NEW.network_org_id, NEW.activity_type) IS DISTINCT FROM (OLD.network_org_id, OLD.activity_type) THEN
    INSERT INTO ledger_network_months AS w (network_org_id, activity_type, month, kind, currency, amount, entries)
    SELECT k.net, k.activity, r.month, r.kind, r.currency, k.sign * r.amount, k.sign * r.entries
    FROM ledger_rollups r,
      (VALUES (OLD.network_org_id, OLD.activity_type, -1), (NEW.network_org_id, NEW.activity_type, 1)) AS k(net, activity, sign)
    WHERE r.group_id = NEW.id AND k.net IS NOT NULL
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (network_org_id, activity_type, month, kind, currency)
    DO UPDATE SET amount = w.amount + excluded.amount, entries = w.entries + excluded.entries;
    DELETE FROM ledger_network_months w WHERE w.network_org_id = OLD.network_org_id AND w.activity_type = OLD.activity_type AND w.entries = 0 AND w.amount = 0;
  END IF;
  UPDATE ledger_rollups SET ngo_org_id = NEW.ngo_org_id WHERE group_id = NEW.id AND ngo_org_id <> NEW.ngo_org_id;
  UPDATE ledger_group_sales_years SET ngo_org_id = NEW.ngo_org_id, network_org_id = NEW.network_org_id, village_id = NEW.village_id
  WHERE group_id = NEW.id;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Read like the cube's network rows (0013): by the network itself.
SELECT app_enable_rls('ledger_network_months');
--> statement-breakpoint
CREATE POLICY ledger_network_months_read ON ledger_network_months FOR SELECT USING (network_org_id = (SELECT app_current_org()));
--> statement-breakpoint
-- Existing rows, summarised once from the cube (the triggers keep them from now on).
INSERT INTO ledger_network_months (network_org_id, activity_type, month, kind, currency, amount, entries)
SELECT c.network_org_id, c.activity_type, c.month, c.kind, c.currency, sum(c.amount), sum(c.entries)
FROM ledger_cube c WHERE c.network_org_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
