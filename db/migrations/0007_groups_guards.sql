-- Terms of management of one group never overlap (inclusive dates). The group row is locked
-- first so that two concurrent inserts cannot both pass the check.
CREATE OR REPLACE FUNCTION tamkin_manager_terms_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM groups WHERE id = NEW.group_id FOR UPDATE;
  IF EXISTS (
    SELECT 1 FROM manager_terms t
    WHERE t.group_id = NEW.group_id AND t.id <> NEW.id
      AND t.starts_on <= NEW.ends_on AND NEW.starts_on <= t.ends_on
  ) THEN
    RAISE EXCEPTION 'manager terms of a group may not overlap' USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'manager_terms_no_overlap';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM manager_teams m WHERE m.id = NEW.team_id AND m.group_id = NEW.group_id) THEN
    RAISE EXCEPTION 'the team belongs to another group' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'manager_terms_team_group';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER manager_terms_no_overlap
  BEFORE INSERT OR UPDATE ON manager_terms
  FOR EACH ROW EXECUTE FUNCTION tamkin_manager_terms_no_overlap();
--> statement-breakpoint
-- A ledger entry is never deleted: it is voided with a reason (history in ledger_entry_history).
CREATE OR REPLACE FUNCTION tamkin_ledger_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are voided, never deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_delete
  BEFORE DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION tamkin_ledger_no_delete();
