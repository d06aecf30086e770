-- Issue 17.5: a group manager reads the names of her own group's credit customers only. The
-- names live apart from the credits (migration 0040), with no group of their own: a name is
-- visible, updatable and deletable for a manager only when its credit is (the credits' own
-- restrictive policy of migration 0044 narrows that subquery to her group). Inserts stay as they
-- were: the name row is written by the credit's BEFORE INSERT trigger, before the credit exists,
-- and an existing credit's name (ON CONFLICT) goes through the update rule.
CREATE POLICY customer_credit_names_manager ON customer_credit_names AS RESTRICTIVE FOR SELECT
  USING ((SELECT app_current_group()) IS NULL OR credit_id IN (SELECT c.id FROM customer_credits c));
--> statement-breakpoint
CREATE POLICY customer_credit_names_manager_update ON customer_credit_names AS RESTRICTIVE FOR UPDATE
  USING ((SELECT app_current_group()) IS NULL OR credit_id IN (SELECT c.id FROM customer_credits c))
  WITH CHECK ((SELECT app_current_group()) IS NULL OR credit_id IN (SELECT c.id FROM customer_credits c));
--> statement-breakpoint
CREATE POLICY customer_credit_names_manager_delete ON customer_credit_names AS RESTRICTIVE FOR DELETE
  USING ((SELECT app_current_group()) IS NULL OR credit_id IN (SELECT c.id FROM customer_credits c));
