-- Profit distributions may not overlap (issue 12, point 3): a group's profit of a day is shared
-- once. Two distributions of one group whose periods share a day (whatever their currency: a
-- distribution's profit converts both currencies) are refused, whoever writes them (TK009).
-- Writers of one group's distributions serialise on a transaction advisory lock, so two
-- overlapping distributions recorded at the same moment cannot both pass the check: the second
-- waits for the first to commit, then sees it (each statement of a VOLATILE function takes a new
-- snapshot in READ COMMITTED).
CREATE OR REPLACE FUNCTION tamkin_distributions_no_overlap() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  hit profit_distributions%ROWTYPE;
  clash boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.group_id, NEW.period_from, NEW.period_to) IS NOT DISTINCT FROM (OLD.group_id, OLD.period_from, OLD.period_to) THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('profit_distributions:' || NEW.group_id::text, 0));
  -- Read as the owner: a distribution the writer may not see still counts.
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT * INTO hit FROM profit_distributions d
    WHERE d.group_id = NEW.group_id AND d.id <> NEW.id
      AND d.period_from <= NEW.period_to AND NEW.period_from <= d.period_to
    ORDER BY d.period_from LIMIT 1;
  clash := FOUND; -- before PERFORM, which sets FOUND itself
  PERFORM set_config('app.maintenance', prev, true);
  IF clash THEN
    RAISE EXCEPTION 'the period overlaps the distribution of % to %', hit.period_from, hit.period_to
      USING ERRCODE = 'TK009', HINT = 'distributionsOverlap',
        DETAIL = json_build_object('from', to_char(hit.period_from, 'YYYY-MM-DD'), 'to', to_char(hit.period_to, 'YYYY-MM-DD'))::text;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER profit_distributions_no_overlap BEFORE INSERT OR UPDATE ON profit_distributions
  FOR EACH ROW EXECUTE FUNCTION tamkin_distributions_no_overlap();
