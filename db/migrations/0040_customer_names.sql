CREATE TABLE "customer_credit_names" (
	"credit_id" uuid PRIMARY KEY NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"customer_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_credits" ALTER COLUMN "customer_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_credit_names" ADD CONSTRAINT "customer_credit_names_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Issue 11, point 3: customers' names are person-level. They move out of customer_credits (read by
-- every reader of the group: the consortium, the commune, the network) into customer_credit_names,
-- read and written only in the context of the NGO supporting the credit's group. Writers are
-- unchanged (the credit sale action, the demo seed, the benchmark's COPY): they still put the name
-- in customer_credits.customer_name, and a BEFORE trigger moves it at once (the column keeps null).
-- The credits' other triggers (quarter locks, plausibility, voiding with the sale) are untouched.
-- The credit's foreign key is checked at commit: the name row is written before its credit row.
-- A name goes with its credit (credits are voided, not deleted; the benchmark's reset deletes
-- them): the cascade runs at once, so deleting credits leaves no check pending on them.
ALTER TABLE customer_credit_names ADD CONSTRAINT customer_credit_names_credit_fk
  FOREIGN KEY (credit_id) REFERENCES customer_credits(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
SELECT app_enable_rls('customer_credit_names');
--> statement-breakpoint
CREATE POLICY customer_credit_names_write ON customer_credit_names FOR ALL
  USING (ngo_org_id = (SELECT app_current_org())) WITH CHECK (ngo_org_id = (SELECT app_current_org()));
--> statement-breakpoint
-- Not a definer: the writer (the NGO, or the owner in maintenance) writes the name row under its
-- own row-level security, with the NGO of the credit's group.
CREATE OR REPLACE FUNCTION app_credit_name_moves() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  INSERT INTO public.customer_credit_names (credit_id, ngo_org_id, customer_name)
  VALUES (NEW.id, (SELECT g.ngo_org_id FROM public.groups g WHERE g.id = NEW.group_id), NEW.customer_name)
  ON CONFLICT (credit_id) DO UPDATE SET customer_name = EXCLUDED.customer_name;
  NEW.customer_name := NULL;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER customer_credits_name_moves BEFORE INSERT OR UPDATE OF customer_name ON customer_credits
  FOR EACH ROW WHEN (NEW.customer_name IS NOT NULL) EXECUTE FUNCTION app_credit_name_moves();
--> statement-breakpoint
-- The names already stored move too (as the owner, in maintenance for this transaction; the
-- credits' own triggers are paused: nothing but the name changes).
SELECT set_config('app.maintenance', 'on', true);
--> statement-breakpoint
INSERT INTO customer_credit_names (credit_id, ngo_org_id, customer_name)
  SELECT c.id, g.ngo_org_id, c.customer_name FROM customer_credits c JOIN groups g ON g.id = c.group_id WHERE c.customer_name IS NOT NULL;
--> statement-breakpoint
ALTER TABLE customer_credits DISABLE TRIGGER USER;
--> statement-breakpoint
UPDATE customer_credits SET customer_name = NULL WHERE customer_name IS NOT NULL;
--> statement-breakpoint
ALTER TABLE customer_credits ENABLE TRIGGER USER;
