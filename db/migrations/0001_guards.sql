-- The last administrator of an organisation can be neither removed nor demoted.
-- The application also locks the admin rows; this trigger is the backstop.
CREATE OR REPLACE FUNCTION tamkin_keep_last_admin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.role = 'admin'
     AND (TG_OP = 'DELETE' OR NEW.role <> 'admin' OR NEW.org_id <> OLD.org_id)
     AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = OLD.org_id)
     AND NOT EXISTS (
       SELECT 1 FROM memberships m
       WHERE m.org_id = OLD.org_id AND m.role = 'admin' AND m.id <> OLD.id
     ) THEN
    RAISE EXCEPTION 'an organisation must keep at least one admin' USING ERRCODE = 'check_violation', CONSTRAINT = 'memberships_last_admin';
  END IF;
  RETURN COALESCE(NEW, OLD);
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_keep_last_admin
  BEFORE UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION tamkin_keep_last_admin();
--> statement-breakpoint
-- The audit trail is append-only.
CREATE OR REPLACE FUNCTION tamkin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION tamkin_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION tamkin_audit_append_only();
