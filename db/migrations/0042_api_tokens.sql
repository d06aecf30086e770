CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by_user_id" uuid,
	CONSTRAINT "api_tokens_name_len" CHECK (char_length("api_tokens"."name") between 1 and 80),
	CONSTRAINT "api_tokens_prefix_form" CHECK ("api_tokens"."prefix" ~ '^[a-z0-9]{12}$'),
	CONSTRAINT "api_tokens_hash_form" CHECK ("api_tokens"."secret_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_revoked_by_user_id_users_id_fk" FOREIGN KEY ("revoked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_prefix_key" ON "api_tokens" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "api_tokens_org_idx" ON "api_tokens" USING btree ("org_id","created_at");--> statement-breakpoint
-- Hand-written (issue 14.5). A token is its organisation's alone: no other organisation reads it,
-- not even one that reads the organisation's data (a consortium its members').
SELECT app_enable_rls('api_tokens');
--> statement-breakpoint
CREATE POLICY api_tokens_own ON api_tokens FOR ALL
  USING (org_id = (SELECT app_current_org())) WITH CHECK (org_id = (SELECT app_current_org()));
--> statement-breakpoint
-- A token never changes its organisation, secret or dates; once revoked it stays revoked, and it
-- is never deleted (TK011), whoever writes. Only its last use and its revocation are recorded.
CREATE OR REPLACE FUNCTION tamkin_api_tokens_final() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.org_id = OLD.org_id AND NEW.name = OLD.name
     AND NEW.prefix = OLD.prefix AND NEW.secret_hash = OLD.secret_hash
     AND NEW.created_by_user_id IS NOT DISTINCT FROM OLD.created_by_user_id AND NEW.created_at = OLD.created_at
     AND NEW.expires_at IS NOT DISTINCT FROM OLD.expires_at
     AND (OLD.revoked_at IS NULL OR (NEW.revoked_at = OLD.revoked_at AND NEW.revoked_by_user_id IS NOT DISTINCT FROM OLD.revoked_by_user_id)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'an API token is revoked for good and never changed nor deleted'
    USING ERRCODE = 'TK011', HINT = 'apiTokenFinal';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_tokens_final BEFORE UPDATE OR DELETE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION tamkin_api_tokens_final();
--> statement-breakpoint
CREATE TRIGGER api_tokens_no_truncate BEFORE TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION tamkin_api_tokens_final();
--> statement-breakpoint
-- The API opens a token here, before any tenant is known: the organisation of a live token
-- (not revoked, not expired) whose prefix and secret hash both match, and its last use is noted
-- (at most once a minute). Unknown, revoked and expired tokens all give no row.
CREATE OR REPLACE FUNCTION app_api_token_org(token_prefix text, token_hash text)
  RETURNS TABLE (token_id uuid, org_id uuid, slug text, name text, type org_type)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_catalog
AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  tok uuid;
  org uuid;
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT t.id, t.org_id INTO tok, org FROM public.api_tokens t
  WHERE t.prefix = token_prefix AND t.secret_hash = token_hash
    AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now());
  IF tok IS NOT NULL THEN
    UPDATE public.api_tokens t SET last_used_at = now()
    WHERE t.id = tok AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute');
    RETURN QUERY SELECT tok, o.id, o.slug::text, o.name::text, o.type FROM public.organisations o WHERE o.id = org;
  END IF;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
