-- Issue 11, point 4: an organisation's trail holds only its own records, a user reads their own
-- account records, and an existing user joins an organisation only by accepting its invitation.
CREATE TYPE "public"."invitation_status" AS ENUM('pending', 'accepted', 'declined', 'revoked');--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "member_role" NOT NULL,
	"invited_by_user_id" uuid,
	"status" "invitation_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone
);--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_pending_key" ON "invitations" USING btree ("org_id","user_id") WHERE "invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "invitations_user_idx" ON "invitations" USING btree ("user_id");--> statement-breakpoint
-- Read by the inviting organisation and by the invited user. The organisation only creates
-- pending invitations and revokes them; the user only accepts or declines their own. An answered
-- invitation is final, and nothing but its status and moment of answer ever changes.
SELECT app_enable_rls('invitations');--> statement-breakpoint
CREATE POLICY invitations_read ON invitations FOR SELECT
  USING (org_id = (SELECT app_current_org()) OR user_id = (SELECT app_current_user()));--> statement-breakpoint
CREATE POLICY invitations_invite ON invitations FOR INSERT
  WITH CHECK (org_id = (SELECT app_current_org()) AND status = 'pending');--> statement-breakpoint
CREATE POLICY invitations_revoke ON invitations FOR UPDATE
  USING (org_id = (SELECT app_current_org()) AND status = 'pending')
  WITH CHECK (org_id = (SELECT app_current_org()) AND status = 'revoked');--> statement-breakpoint
CREATE POLICY invitations_answer ON invitations FOR UPDATE
  USING (user_id = (SELECT app_current_user()) AND status = 'pending')
  WITH CHECK (user_id = (SELECT app_current_user()) AND status IN ('accepted', 'declined'));--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_invitation_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF OLD.status <> 'pending' OR NEW.org_id <> OLD.org_id OR NEW.user_id <> OLD.user_id OR NEW.role <> OLD.role
     OR NEW.created_at <> OLD.created_at OR NEW.invited_by_user_id IS DISTINCT FROM OLD.invited_by_user_id THEN
    RAISE EXCEPTION 'an invitation is answered once; only its status changes' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER invitations_guard BEFORE UPDATE ON invitations FOR EACH ROW EXECUTE FUNCTION app_invitation_guard();--> statement-breakpoint
-- The invited user creates their own membership, with the invited role, only in the transaction
-- that accepted the invitation (responded_at = now(), the transaction's start).
CREATE POLICY memberships_accept ON memberships FOR INSERT WITH CHECK (
  user_id = (SELECT app_current_user())
  AND EXISTS (SELECT 1 FROM invitations i
    WHERE i.org_id = memberships.org_id AND i.user_id = memberships.user_id AND i.role = memberships.role
      AND i.status = 'accepted' AND i.responded_at = now())
);--> statement-breakpoint
-- The trail: an organisation reads its own records only; a user reads their own records that
-- belong to no organisation (sign-ins, failed sign-ins, password and language changes). Before,
-- an organisation also read every such record of any user it added, from before the membership.
DROP POLICY IF EXISTS audit_log_read ON audit_log;--> statement-breakpoint
CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (
  org_id = (SELECT app_current_org())
  OR (org_id IS NULL AND actor_user_id = (SELECT app_current_user()))
);--> statement-breakpoint
-- The invited user records their answer in the inviting organisation's trail.
CREATE POLICY audit_log_append_invitee ON audit_log FOR INSERT WITH CHECK (
  actor_user_id = (SELECT app_current_user())
  AND org_id IN (SELECT i.org_id FROM invitations i WHERE i.user_id = (SELECT app_current_user()))
);
--> statement-breakpoint
-- No organisation makes an existing user a member by itself: a new membership is either the
-- account the organisation creates in the same transaction, or an invitation that the user
-- accepted in this transaction. Maintenance (seed, restore) and the embedded superuser are exempt.
CREATE OR REPLACE FUNCTION app_membership_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF app_is_maintenance() OR (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id AND u.created_at = now()) THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM invitations i
      WHERE i.org_id = NEW.org_id AND i.user_id = NEW.user_id AND i.role = NEW.role
        AND i.status = 'accepted' AND i.responded_at = now()) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'an existing user joins an organisation by accepting its invitation' USING ERRCODE = '42501';
END;
$$;--> statement-breakpoint
CREATE TRIGGER memberships_guard BEFORE INSERT ON memberships FOR EACH ROW EXECUTE FUNCTION app_membership_guard();
