-- Issue 11, point 4: adding a member is one invitation by e-mail address, whether or not the
-- address has an account, so that the admin's form never tells which (lib/members/service.ts).
-- The members page shows the name the admin typed, kept here, never the account's own name.
ALTER TABLE "invitations" ADD COLUMN "name" text;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_invitation_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF OLD.status <> 'pending' OR NEW.org_id <> OLD.org_id OR NEW.user_id <> OLD.user_id OR NEW.role <> OLD.role
     OR NEW.created_at <> OLD.created_at OR NEW.invited_by_user_id IS DISTINCT FROM OLD.invited_by_user_id
     OR NEW.name IS DISTINCT FROM OLD.name THEN
    RAISE EXCEPTION 'an invitation is answered once; only its status changes' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
