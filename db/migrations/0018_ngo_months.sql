CREATE TABLE "ledger_ngo_months" (
	"ngo_org_id" uuid NOT NULL,
	"activity_type" text NOT NULL,
	"month" date NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"currency" "currency" NOT NULL,
	"amount" bigint NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "ledger_ngo_months_pk" PRIMARY KEY("ngo_org_id","activity_type","month","kind","currency")
);
--> statement-breakpoint
-- The third level of the ledger's summaries (0013): per NGO, activity, month, kind and currency,
-- kept by the same statement-level triggers, for the consortium's figures.
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

  DELETE FROM ledger_ngo_months n USING (SELECT DISTINCT g.ngo_org_id, x.month FROM unnest(d) x JOIN groups g ON g.id = x.group_id) k
  WHERE n.ngo_org_id = k.ngo_org_id AND n.month = k.month AND n.entries = 0 AND n.amount = 0;
  DELETE FROM ledger_rollups r USING (SELECT DISTINCT x.group_id, x.month FROM unnest(d) x) k
  WHERE r.group_id = k.group_id AND r.month = k.month AND r.entries = 0 AND r.amount = 0;
  DELETE FROM ledger_cube c USING (SELECT DISTINCT g.ngo_org_id, g.village_id, x.month FROM unnest(d) x JOIN groups g ON g.id = x.group_id) k
  WHERE c.ngo_org_id = k.ngo_org_id AND c.village_id = k.village_id AND c.month = k.month AND c.entries = 0 AND c.amount = 0;
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
  UPDATE ledger_rollups SET ngo_org_id = NEW.ngo_org_id WHERE group_id = NEW.id AND ngo_org_id <> NEW.ngo_org_id;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
SELECT app_enable_rls('ledger_ngo_months');
--> statement-breakpoint
CREATE POLICY ledger_ngo_months_read ON ledger_ngo_months FOR SELECT USING (ngo_org_id = ANY ((SELECT app_readable_orgs())::uuid[]));
--> statement-breakpoint
INSERT INTO ledger_ngo_months (ngo_org_id, activity_type, month, kind, currency, amount, entries)
SELECT c.ngo_org_id, c.activity_type, c.month, c.kind, c.currency, sum(c.amount), sum(c.entries)
FROM ledger_cube c GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- In maintenance mode (the owner's explicit switch, also taken by the SECURITY DEFINER trigger
-- functions for their own statements) every row is visible through the maintenance policy:
-- skip computing the readable organisations and places, which every policy evaluates first and
-- which cost milliseconds a statement (tens of ms a row in row triggers under load).
CREATE OR REPLACE FUNCTION app_readable_orgs() RETURNS uuid[] LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  WITH cur AS (SELECT o.id, o.type FROM public.organisations o WHERE o.id = app_current_org() AND NOT app_is_maintenance())
  SELECT coalesce(array_agg(DISTINCT s.id), '{}'::uuid[]) FROM (
    SELECT cur.id FROM cur
    UNION
    SELECT cm.member_org_id FROM public.consortium_members cm JOIN cur ON cur.type = 'consortium' AND cm.consortium_id = cur.id
    UNION
    SELECT oc.commune_org_id FROM public.org_communes oc
      JOIN cur ON cur.type IN ('ngo', 'cooperative_network') AND oc.org_id = cur.id
  ) s
$$;
