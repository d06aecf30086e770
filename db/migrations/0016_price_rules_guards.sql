-- Rules of the communal price committee that hold in the data (issue 12, point 5), whatever writes
-- the rows; the service checks the same rules first for a precise message, these are the floor:
--   1. a notice is dated by the database when it is entered (recorded_at, and published_on from
--      it), never by a typed date; an increase needs a notice recorded its notice period before
--      it takes effect; no retroactive effective date, none beyond the commune's horizon;
--   2. a version inserted before others already scheduled re-checks the next one: an increase
--      relative to the new version needs its own notice (likewise when a version is withdrawn);
--   3. a notice has at least one channel and one village of the commune; notices are append-only;
--   4. attendees are unique per session by normalised name, and fixed once the session decides;
--   5. a decision stores the quorum it was taken under (minima and counts) and needs it;
--   6. decisions are taken in a draft session only, become public when it is closed (read policy
--      for other organisations; the pages filter the commune's own reads), and until then may be
--      withdrawn once with a reason, a correction being a new version naming the withdrawn one;
--      a session closes only when none of its decisions takes effect before the day it closes.
-- Time-relative rules (1, 2 and "draft only") do not apply to the database owner in maintenance
-- mode or a superuser (migrations, the demo seed, an import of paper minutes): history predates
-- them. The application role never is either (db/app-role.ts refuses to serve as one).
-- Errors: SQLSTATE class TK (TK101-TK117), the catalogue key in HINT (lib/db-errors.ts).

-- ---------------------------------------------------------------------------- helpers
CREATE OR REPLACE FUNCTION app_is_history_writer() RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT app_is_maintenance()
      OR coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false)
$$;
--> statement-breakpoint
-- The committee's calendar day (lib/prices/dates.ts: Africa/Nouakchott).
CREATE OR REPLACE FUNCTION app_committee_date(t timestamptz) RETURNS date LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT (t AT TIME ZONE 'Africa/Nouakchott')::date
$$;
--> statement-breakpoint
-- A name as compared within a session: lower case, accents and Arabic diacritics, tatweel and
-- hamza seats removed, hyphens and runs of spaces as one space.
CREATE OR REPLACE FUNCTION app_attendee_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = public, pg_catalog AS $$
  SELECT btrim(regexp_replace(
    regexp_replace(translate(normalize(lower(name), NFD), '-‘’ٱ', ' ''''ا'), '[\u0300-\u036f\u0640\u064b-\u065f\u0670]', '', 'g'),
    '\s+', ' ', 'g'))
$$;
--> statement-breakpoint
-- The live (not withdrawn) version of a product just before / just after a position in decision
-- order (effective date, then decision time, then id): lib/prices/chain.ts.
CREATE OR REPLACE FUNCTION app_price_before(commune uuid, product uuid, eff date, created timestamptz, vid uuid) RETURNS negotiated_prices
  LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT p.* FROM negotiated_prices p
  WHERE p.commune_org_id = commune AND p.product_id = product AND p.withdrawn_at IS NULL AND p.id <> vid
    AND (p.effective_on, p.created_at, p.id) < (eff, created, vid)
  ORDER BY p.effective_on DESC, p.created_at DESC, p.id DESC LIMIT 1
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_price_after(commune uuid, product uuid, eff date, created timestamptz, vid uuid) RETURNS negotiated_prices
  LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT p.* FROM negotiated_prices p
  WHERE p.commune_org_id = commune AND p.product_id = product AND p.withdrawn_at IS NULL AND p.id <> vid
    AND (p.effective_on, p.created_at, p.id) > (eff, created, vid)
  ORDER BY p.effective_on, p.created_at, p.id LIMIT 1
$$;
--> statement-breakpoint
-- An increase is announced in time when its notice was recorded at least the notice period (in
-- force when it was recorded) before the effective date.
CREATE OR REPLACE FUNCTION app_price_announced(price uuid, eff date) RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  SELECT EXISTS (
    SELECT 1 FROM price_notices n
    WHERE n.price_id = price AND app_committee_date(n.recorded_at) + n.notice_days <= eff
  )
$$;
--> statement-breakpoint
-- Whether version v, at its place among the live versions, is an increase without a timely notice.
CREATE OR REPLACE FUNCTION app_price_unannounced_increase(v negotiated_prices) RETURNS boolean LANGUAGE plpgsql STABLE SET search_path = public, pg_catalog AS $$
DECLARE
  prev negotiated_prices;
BEGIN
  prev := app_price_before(v.commune_org_id, v.product_id, v.effective_on, v.created_at, v.id);
  RETURN prev.id IS NOT NULL AND v.selling_price > prev.selling_price AND NOT app_price_announced(v.id, v.effective_on);
END;
$$;
--> statement-breakpoint
-- ---------------------------------------------------------------------------- backfill
-- Existing notices were entered at their creation; they keep the period in force now.
UPDATE price_notices n SET recorded_at = n.created_at,
  notice_days = coalesce((SELECT s.notice_days FROM price_settings s WHERE s.commune_org_id = n.commune_org_id), 7);
--> statement-breakpoint
-- Existing decisions: the quorum as it stands now (the best record there is). The append-only
-- trigger of 0005 is replaced below.
DROP TRIGGER IF EXISTS negotiated_prices_append_only ON negotiated_prices;
--> statement-breakpoint
UPDATE negotiated_prices p SET
  quorum_minima = (
    SELECT jsonb_build_object(
      'mcpgc', greatest(1, coalesce(s.min_mcpgc, 1)), 'beneficiaries', greatest(1, coalesce(s.min_beneficiaries, 1)),
      'commune', greatest(1, coalesce(s.min_commune, 1)), 'traders_federation', greatest(1, coalesce(s.min_traders_federation, 1)))
    FROM (SELECT 1) one LEFT JOIN price_settings s ON s.commune_org_id = p.commune_org_id),
  quorum_counts = (
    SELECT jsonb_build_object(
      'mcpgc', count(*) FILTER (WHERE a.constituency = 'mcpgc'),
      'beneficiaries', count(*) FILTER (WHERE a.constituency = 'beneficiaries'),
      'commune', count(*) FILTER (WHERE a.constituency = 'commune'),
      'traders_federation', count(*) FILTER (WHERE a.constituency = 'traders_federation'))
    FROM session_attendees a WHERE a.session_id = p.session_id);
--> statement-breakpoint
-- ---------------------------------------------------------------------------- decisions
-- Before a decision is inserted: same commune as its session and product; a draft session; no
-- retroactive effective date and none beyond the horizon; the quorum, stored and required; a
-- correction names a withdrawn decision of the same session and product.
CREATE OR REPLACE FUNCTION tamkin_price_decision_insert() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  s price_sessions;
  old negotiated_prices;
  minima jsonb;
  counts jsonb;
  horizon integer;
  today date := app_committee_date(now());
  c text;
BEGIN
  SELECT * INTO s FROM price_sessions WHERE id = NEW.session_id;
  IF s.commune_org_id IS DISTINCT FROM NEW.commune_org_id
     OR NOT EXISTS (SELECT 1 FROM products pr WHERE pr.id = NEW.product_id AND pr.commune_org_id = NEW.commune_org_id) THEN
    RAISE EXCEPTION 'a decision belongs to the commune of its session and product' USING ERRCODE = 'check_violation';
  END IF;
  SELECT coalesce(ps.horizon_days, 365),
    jsonb_build_object('mcpgc', greatest(1, coalesce(ps.min_mcpgc, 1)), 'beneficiaries', greatest(1, coalesce(ps.min_beneficiaries, 1)),
      'commune', greatest(1, coalesce(ps.min_commune, 1)), 'traders_federation', greatest(1, coalesce(ps.min_traders_federation, 1)))
  INTO horizon, minima
  FROM (SELECT 1) one LEFT JOIN price_settings ps ON ps.commune_org_id = NEW.commune_org_id;
  SELECT jsonb_build_object(
      'mcpgc', count(*) FILTER (WHERE a.constituency = 'mcpgc'),
      'beneficiaries', count(*) FILTER (WHERE a.constituency = 'beneficiaries'),
      'commune', count(*) FILTER (WHERE a.constituency = 'commune'),
      'traders_federation', count(*) FILTER (WHERE a.constituency = 'traders_federation'))
  INTO counts FROM session_attendees a WHERE a.session_id = NEW.session_id;
  NEW.quorum_minima := minima;
  NEW.quorum_counts := counts;
  FOREACH c IN ARRAY ARRAY['mcpgc', 'beneficiaries', 'commune', 'traders_federation'] LOOP
    IF (counts ->> c)::int < (minima ->> c)::int THEN
      RAISE EXCEPTION 'the session has no quorum (%)', c USING ERRCODE = 'TK102', HINT = 'decisionNotQuorate';
    END IF;
  END LOOP;
  IF NEW.corrects_id IS NOT NULL THEN
    SELECT * INTO old FROM negotiated_prices WHERE id = NEW.corrects_id;
    IF old.id IS NULL OR old.session_id <> NEW.session_id OR old.product_id <> NEW.product_id OR old.withdrawn_at IS NULL THEN
      RAISE EXCEPTION 'a correction replaces a withdrawn decision of its session and product' USING ERRCODE = 'TK108', HINT = 'correctionInvalid';
    END IF;
  END IF;
  IF app_is_history_writer() THEN
    RETURN NEW;
  END IF;
  IF s.status <> 'draft' THEN
    RAISE EXCEPTION 'decisions are taken in a draft session' USING ERRCODE = 'TK101', HINT = 'sessionClosed';
  END IF;
  IF NEW.effective_on < today THEN
    RAISE EXCEPTION 'effective date % is before today %', NEW.effective_on, today USING ERRCODE = 'TK103', HINT = 'effectiveInPast';
  END IF;
  IF NEW.effective_on > today + horizon THEN
    RAISE EXCEPTION 'effective date % is beyond the horizon of % days', NEW.effective_on, horizon USING ERRCODE = 'TK104', HINT = 'effectiveBeyondHorizon';
  END IF;
  -- Decision order is the database's: distinct instants, even within one transaction.
  NEW.created_at := clock_timestamp();
  NEW.withdrawn_at := NULL;
  NEW.withdrawn_by := NULL;
  NEW.withdraw_reason := NULL;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_before_insert BEFORE INSERT ON negotiated_prices
  FOR EACH ROW EXECUTE FUNCTION tamkin_price_decision_insert();
--> statement-breakpoint
-- The one change a decision admits: withdrawn, once, with a reason, while its session is a draft.
CREATE OR REPLACE FUNCTION tamkin_price_decision_update() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  withdrawal text[] := ARRAY['withdrawn_at', 'withdrawn_by', 'withdraw_reason'];
BEGIN
  IF OLD.withdrawn_at IS NOT NULL THEN
    RAISE EXCEPTION 'a withdrawn decision is final' USING ERRCODE = 'TK106', HINT = 'decisionAlreadyWithdrawn';
  END IF;
  IF (to_jsonb(NEW) - withdrawal) IS DISTINCT FROM (to_jsonb(OLD) - withdrawal) THEN
    RAISE EXCEPTION 'a decision is never edited in place: withdraw it or correct it' USING ERRCODE = 'TK105', HINT = 'decisionImmutable';
  END IF;
  IF NEW.withdrawn_at IS NULL OR coalesce(btrim(NEW.withdraw_reason), '') = '' THEN
    RAISE EXCEPTION 'a withdrawal needs a reason' USING ERRCODE = 'TK107', HINT = 'reasonRequired';
  END IF;
  IF (SELECT s.status FROM price_sessions s WHERE s.id = OLD.session_id) <> 'draft' THEN
    RAISE EXCEPTION 'the decisions of a closed session are final' USING ERRCODE = 'TK101', HINT = 'sessionClosed';
  END IF;
  IF NOT app_is_history_writer() THEN
    NEW.withdrawn_at := clock_timestamp();
    NEW.withdrawn_by := coalesce(app_current_user(), NEW.withdrawn_by);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_before_update BEFORE UPDATE ON negotiated_prices
  FOR EACH ROW EXECUTE FUNCTION tamkin_price_decision_update();
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_no_delete BEFORE DELETE ON negotiated_prices
  FOR EACH ROW EXECUTE FUNCTION tamkin_prices_append_only();
--> statement-breakpoint
-- At commit (the notice is inserted after its decision): an inserted decision that is an increase
-- over the version before it needs a timely notice, and so does the version scheduled next after
-- an inserted or withdrawn one, if it is now an increase and not yet in force.
CREATE OR REPLACE FUNCTION tamkin_price_chain_check() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  cur negotiated_prices;
  nxt negotiated_prices;
BEGIN
  IF app_is_history_writer() THEN
    RETURN NULL;
  END IF;
  SELECT * INTO cur FROM negotiated_prices WHERE id = NEW.id;
  IF TG_OP = 'INSERT' AND cur.withdrawn_at IS NULL AND app_price_unannounced_increase(cur) THEN
    RAISE EXCEPTION 'an increase needs a notice recorded its notice period before it takes effect'
      USING ERRCODE = 'TK109', HINT = 'increaseNeedsNotice';
  END IF;
  nxt := app_price_after(cur.commune_org_id, cur.product_id, cur.effective_on, cur.created_at, cur.id);
  IF nxt.id IS NOT NULL AND nxt.effective_on >= app_committee_date(now()) AND app_price_unannounced_increase(nxt) THEN
    RAISE EXCEPTION 'the price scheduled from % would become an unannounced increase', nxt.effective_on
      USING ERRCODE = 'TK110', HINT = 'laterIncreaseUnannounced', DETAIL = nxt.effective_on::text;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER negotiated_prices_chain AFTER INSERT OR UPDATE ON negotiated_prices
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tamkin_price_chain_check();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- notices
ALTER TABLE price_notices ADD CONSTRAINT price_notices_channels CHECK (cardinality(channels) >= 1) NOT VALID;
--> statement-breakpoint
-- The database dates the notice (never the form) and says whether it announces an increase.
CREATE OR REPLACE FUNCTION tamkin_price_notice_insert() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  p negotiated_prices;
  prev negotiated_prices;
BEGIN
  SELECT * INTO p FROM negotiated_prices WHERE id = NEW.price_id;
  IF p.commune_org_id IS DISTINCT FROM NEW.commune_org_id THEN
    RAISE EXCEPTION 'a notice belongs to the commune of its price' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.channels IS NULL OR cardinality(NEW.channels) = 0 THEN
    RAISE EXCEPTION 'a notice names at least one channel' USING ERRCODE = 'TK111', HINT = 'noticeChannelsRequired';
  END IF;
  NEW.notice_days := coalesce((SELECT s.notice_days FROM price_settings s WHERE s.commune_org_id = NEW.commune_org_id), 7);
  NEW.effective_on := p.effective_on;
  IF app_is_history_writer() THEN
    RETURN NEW;
  END IF;
  NEW.recorded_at := clock_timestamp();
  NEW.published_on := app_committee_date(NEW.recorded_at);
  prev := app_price_before(p.commune_org_id, p.product_id, p.effective_on, p.created_at, p.id);
  NEW.is_increase := prev.id IS NOT NULL AND p.selling_price > prev.selling_price;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER price_notices_before_insert BEFORE INSERT ON price_notices
  FOR EACH ROW EXECUTE FUNCTION tamkin_price_notice_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_price_notice_has_village() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM price_notice_villages v WHERE v.notice_id = NEW.id) THEN
    RAISE EXCEPTION 'a notice names at least one village' USING ERRCODE = 'TK112', HINT = 'noticeVillagesRequired';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER price_notices_village AFTER INSERT ON price_notices
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tamkin_price_notice_has_village();
--> statement-breakpoint
-- A notice's villages are settlements of the notice's commune.
CREATE OR REPLACE FUNCTION tamkin_price_notice_village_insert() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM price_notices n
    JOIN organisations o ON o.id = n.commune_org_id
    JOIN places pl ON pl.parent_id = o.territory_place_id
    WHERE n.id = NEW.notice_id AND n.commune_org_id = NEW.commune_org_id AND pl.id = NEW.village_id
  ) THEN
    RAISE EXCEPTION 'a notice names villages of its commune' USING ERRCODE = 'TK117', HINT = 'noticeVillageOutside';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER price_notice_villages_before_insert BEFORE INSERT ON price_notice_villages
  FOR EACH ROW EXECUTE FUNCTION tamkin_price_notice_village_insert();
--> statement-breakpoint
-- What was announced stays as it was.
CREATE OR REPLACE FUNCTION tamkin_price_notice_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'TK113', HINT = 'noticeImmutable';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER price_notices_append_only BEFORE UPDATE OR DELETE ON price_notices
  FOR EACH ROW EXECUTE FUNCTION tamkin_price_notice_append_only();
--> statement-breakpoint
CREATE TRIGGER price_notice_villages_append_only BEFORE UPDATE OR DELETE ON price_notice_villages
  FOR EACH ROW EXECUTE FUNCTION tamkin_price_notice_append_only();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- attendees
CREATE UNIQUE INDEX session_attendees_name_key ON session_attendees (session_id, app_attendee_key(name));
--> statement-breakpoint
-- Added to a draft session only, once per (normalised) name; the unique index above is the floor
-- under concurrent writers, this names the error.
CREATE OR REPLACE FUNCTION tamkin_attendee_write() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NOT app_is_history_writer()
     AND (SELECT s.status FROM price_sessions s WHERE s.id = NEW.session_id) <> 'draft' THEN
    RAISE EXCEPTION 'attendees are added to a draft session' USING ERRCODE = 'TK101', HINT = 'sessionClosed';
  END IF;
  IF EXISTS (
    SELECT 1 FROM session_attendees a
    WHERE a.session_id = NEW.session_id AND a.id <> NEW.id AND app_attendee_key(a.name) = app_attendee_key(NEW.name)
  ) THEN
    RAISE EXCEPTION 'this person is already an attendee of the session' USING ERRCODE = 'TK114', HINT = 'attendeeDuplicate';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_attendees_before_write BEFORE INSERT OR UPDATE ON session_attendees
  FOR EACH ROW EXECUTE FUNCTION tamkin_attendee_write();
--> statement-breakpoint
-- Once a session has decided (even a decision since withdrawn), its attendees are the record of
-- the quorum: no change, no removal.
CREATE OR REPLACE FUNCTION tamkin_attendee_locked() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM negotiated_prices p WHERE p.session_id = OLD.session_id) THEN
    RAISE EXCEPTION 'the attendees of a session that has decided are fixed' USING ERRCODE = 'TK115', HINT = 'attendeesLocked';
  END IF;
  IF NOT app_is_history_writer() AND (SELECT s.status FROM price_sessions s WHERE s.id = OLD.session_id) <> 'draft' THEN
    RAISE EXCEPTION 'the attendees of a closed session are fixed' USING ERRCODE = 'TK101', HINT = 'sessionClosed';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_attendees_locked BEFORE UPDATE OR DELETE ON session_attendees
  FOR EACH ROW EXECUTE FUNCTION tamkin_attendee_locked();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- sessions
-- A closed session is final; it closes only if none of its decisions takes effect before the day
-- it closes (its decisions become public then, never retroactively).
CREATE OR REPLACE FUNCTION tamkin_price_session_update() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF NEW.commune_org_id <> OLD.commune_org_id THEN
    RAISE EXCEPTION 'a session stays with its commune' USING ERRCODE = 'check_violation';
  END IF;
  IF app_is_history_writer() THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'closed' THEN
    RAISE EXCEPTION 'a closed session is final' USING ERRCODE = 'TK101', HINT = 'sessionClosed';
  END IF;
  IF NEW.status = 'closed' AND EXISTS (
    SELECT 1 FROM negotiated_prices p
    WHERE p.session_id = NEW.id AND p.withdrawn_at IS NULL AND p.effective_on < app_committee_date(now())
  ) THEN
    RAISE EXCEPTION 'a decision of this session would take effect before it is public' USING ERRCODE = 'TK116', HINT = 'closeRetroactive';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER price_sessions_before_update BEFORE UPDATE ON price_sessions
  FOR EACH ROW EXECUTE FUNCTION tamkin_price_session_update();
--> statement-breakpoint
-- ---------------------------------------------------------------------------- publication
-- Other organisations (NGOs, networks, the consortium) read a decision, its notice and villages
-- once its session is closed; the commune reads its drafts through its write policy.
DROP POLICY IF EXISTS negotiated_prices_read ON negotiated_prices;
--> statement-breakpoint
CREATE POLICY negotiated_prices_read ON negotiated_prices FOR SELECT USING (
  commune_org_id IN (SELECT unnest(app_readable_orgs()))
  AND session_id IN (SELECT s.id FROM price_sessions s WHERE s.status = 'closed')
);
--> statement-breakpoint
DROP POLICY IF EXISTS price_notices_read ON price_notices;
--> statement-breakpoint
CREATE POLICY price_notices_read ON price_notices FOR SELECT USING (
  commune_org_id IN (SELECT unnest(app_readable_orgs()))
  AND price_id IN (SELECT p.id FROM negotiated_prices p)
);
--> statement-breakpoint
DROP POLICY IF EXISTS price_notice_villages_read ON price_notice_villages;
--> statement-breakpoint
CREATE POLICY price_notice_villages_read ON price_notice_villages FOR SELECT USING (
  commune_org_id IN (SELECT unnest(app_readable_orgs()))
  AND notice_id IN (SELECT n.id FROM price_notices n)
);
