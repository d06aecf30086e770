CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_boards" (
	"token" text PRIMARY KEY NOT NULL,
	"commune_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "price_settings_token_key";--> statement-breakpoint
ALTER TABLE "public_boards" ADD CONSTRAINT "public_boards_commune_org_id_organisations_id_fk" FOREIGN KEY ("commune_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rate_limits_pk" ON "rate_limits" USING btree ("bucket","window_start");--> statement-breakpoint
CREATE INDEX "rate_limits_window_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "public_boards_live_key" ON "public_boards" USING btree ("commune_org_id") WHERE "public_boards"."revoked_at" is null;--> statement-breakpoint
-- The links of 0004-0022 move to public_boards: a live one stays live, a disabled one is revoked.
INSERT INTO "public_boards" ("token", "commune_org_id", "created_at", "revoked_at")
  SELECT s.public_board_token, s.commune_org_id, s.updated_at, CASE WHEN s.public_board_enabled THEN NULL ELSE now() END
  FROM "price_settings" s WHERE s.public_board_token IS NOT NULL;--> statement-breakpoint
ALTER TABLE "price_settings" DROP COLUMN "public_board_enabled";--> statement-breakpoint
ALTER TABLE "price_settings" DROP COLUMN "public_board_token";--> statement-breakpoint
-- Hand-written (issue 11.6). The public board's token is the commune's alone: no other
-- organisation reads it, even one that reads the commune's price settings (consortium, NGOs).
SELECT app_enable_rls('public_boards');
--> statement-breakpoint
CREATE POLICY public_boards_commune ON public_boards FOR ALL
  USING (commune_org_id = (SELECT app_current_org())) WITH CHECK (commune_org_id = (SELECT app_current_org()));
--> statement-breakpoint
-- A token is killed for good: once revoked it stays revoked, a row never changes its token or
-- commune and is never deleted, so a disabled link can never come back (TK010), whoever writes.
CREATE OR REPLACE FUNCTION tamkin_public_boards_final() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.token = OLD.token AND NEW.commune_org_id = OLD.commune_org_id
     AND NEW.created_at = OLD.created_at AND OLD.revoked_at IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a public board link is revoked for good and never reused'
    USING ERRCODE = 'TK010', HINT = 'boardLinkFinal';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER public_boards_final BEFORE UPDATE OR DELETE ON public_boards
  FOR EACH ROW EXECUTE FUNCTION tamkin_public_boards_final();
--> statement-breakpoint
CREATE TRIGGER public_boards_no_truncate BEFORE TRUNCATE ON public_boards
  FOR EACH STATEMENT EXECUTE FUNCTION tamkin_public_boards_final();
--> statement-breakpoint
-- The board opens its token here, before any tenant is known: only the commune of a live token.
CREATE OR REPLACE FUNCTION app_board_commune(token text) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_catalog
AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  commune uuid;
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT b.commune_org_id INTO commune FROM public.public_boards b
  WHERE b.token = app_board_commune.token AND b.revoked_at IS NULL
  LIMIT 1;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN commune;
END;
$$;
