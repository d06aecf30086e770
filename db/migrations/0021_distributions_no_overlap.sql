-- Profit distributions may not overlap (issue 12, point 3): a group's profit of a day is shared
-- once. Two distributions of one group whose periods share a day (whatever their currency: a
-- distribution's profit converts both currencies) are refused, whoever writes them (TK009).
-- Statement-level AFTER triggers with transition tables, so that a bulk insert is checked in one
-- query (its rows against each other too), named to run after the plausibility triggers of
-- migration 0020 (a distribution dated before the floor is told so first).
-- Writers of one group's distributions serialise on a transaction advisory lock per group, taken
-- in a fixed order, so two overlapping distributions recorded at the same moment cannot both
-- pass: the second waits for the first to commit, then sees it (each statement of a VOLATILE
-- function takes a new snapshot in READ COMMITTED).
CREATE OR REPLACE FUNCTION tamkin_distributions_unique_period() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  g uuid;
  hit record;
BEGIN
  FOR g IN SELECT DISTINCT n.group_id FROM new_rows n ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('profit_distributions:' || g::text, 0));
  END LOOP;
  -- Read as the owner: a distribution the writer may not see still counts.
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT d.period_from, d.period_to INTO hit
    FROM new_rows n JOIN profit_distributions d
      ON d.group_id = n.group_id AND d.id <> n.id AND d.period_from <= n.period_to AND n.period_from <= d.period_to
    ORDER BY d.period_from LIMIT 1;
  PERFORM set_config('app.maintenance', prev, true);
  IF hit.period_from IS NOT NULL THEN
    RAISE EXCEPTION 'the period overlaps the distribution of % to %', hit.period_from, hit.period_to
      USING ERRCODE = 'TK009', HINT = 'distributionsOverlap',
        DETAIL = json_build_object('from', to_char(hit.period_from, 'YYYY-MM-DD'), 'to', to_char(hit.period_to, 'YYYY-MM-DD'))::text;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER profit_distributions_unique_period_insert AFTER INSERT ON profit_distributions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_distributions_unique_period();
--> statement-breakpoint
CREATE TRIGGER profit_distributions_unique_period_update AFTER UPDATE ON profit_distributions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tamkin_distributions_unique_period();
