-- Issue 17.5: a group manager reads the names of her own group's credit customers only. The
-- names live apart from the credits (migration 0040), with no group of their own: for a manager a
-- name is visible, updatable and deletable only when its credit is (the credits' own restrictive
-- policy of migration 0044 narrows that subquery to her group).
--
-- One exception: a name whose credit does not exist yet. The credit's BEFORE INSERT trigger
-- writes the name first (INSERT ... ON CONFLICT, which checks the new row against the SELECT
-- policies), and the credit follows in the same statement; the foreign key, deferred to the end
-- of the transaction, makes sure it does. Whether a credit exists at all is asked as the owner
-- (a definer, in maintenance for that one lookup): under the manager's own policies a credit of
-- another group is as invisible as a missing one.
CREATE OR REPLACE FUNCTION app_credit_exists(credit uuid) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_catalog
AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
  found boolean;
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT EXISTS (SELECT 1 FROM public.customer_credits c WHERE c.id = credit) INTO found;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN found;
END;
$$;
--> statement-breakpoint
CREATE POLICY customer_credit_names_manager ON customer_credit_names AS RESTRICTIVE FOR SELECT
  USING ((SELECT app_current_group()) IS NULL OR credit_id IN (SELECT c.id FROM customer_credits c) OR NOT app_credit_exists(credit_id));
--> statement-breakpoint
CREATE POLICY customer_credit_names_manager_update ON customer_credit_names AS RESTRICTIVE FOR UPDATE
  USING ((SELECT app_current_group()) IS NULL OR credit_id IN (SELECT c.id FROM customer_credits c) OR NOT app_credit_exists(credit_id))
  WITH CHECK ((SELECT app_current_group()) IS NULL OR credit_id IN (SELECT c.id FROM customer_credits c) OR NOT app_credit_exists(credit_id));
--> statement-breakpoint
CREATE POLICY customer_credit_names_manager_delete ON customer_credit_names AS RESTRICTIVE FOR DELETE
  USING ((SELECT app_current_group()) IS NULL OR credit_id IN (SELECT c.id FROM customer_credits c));
