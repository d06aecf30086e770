CREATE TABLE "group_counts" (
	"ngo_org_id" uuid NOT NULL,
	"network_org_id" uuid,
	"village_id" uuid NOT NULL,
	"activity_type" text NOT NULL,
	"groups" integer NOT NULL,
	CONSTRAINT "group_counts_not_negative" CHECK ("group_counts"."groups" >= 0)
);
--> statement-breakpoint
CREATE INDEX "group_counts_ngo_idx" ON "group_counts" USING btree ("ngo_org_id");--> statement-breakpoint
CREATE INDEX "group_counts_village_idx" ON "group_counts" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "group_counts_network_idx" ON "group_counts" USING btree ("network_org_id");--> statement-breakpoint
-- Issue 10: how many groups share each set of scope keys. A consortium's dashboard counted its
-- groups, and listed its filter options, from every one of its groups (100,000 at national
-- scale, 85 and 130 ms), and the comparison counted each member's groups from every group
-- joined to the members' scope keys (650 ms); these read about a third as many rows, with the
-- cube's read policy on the keys they carry. The groups' statement-level triggers keep them in
-- the same transaction as the insert, the change of NGO, network, village or activity, or the
-- delete, whoever writes (server action, import, COPY by the owner).
CREATE UNIQUE INDEX "group_counts_key" ON "group_counts" ("ngo_org_id", "network_org_id", "village_id", "activity_type") NULLS NOT DISTINCT;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_group_counts() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  -- Each statement's changes as +1 per new row and -1 per old row, summed per set of keys: an
  -- update that keeps the keys (a new name) sums to zero and touches nothing. Keys in order, so
  -- that concurrent statements lock the same rows in the same order.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO group_counts AS c (ngo_org_id, network_org_id, village_id, activity_type, groups)
    SELECT n.ngo_org_id, n.network_org_id, n.village_id, n.activity_type, count(*) FROM tamkin_new_groups n
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (ngo_org_id, network_org_id, village_id, activity_type) DO UPDATE SET groups = c.groups + excluded.groups;
  ELSIF TG_OP = 'UPDATE' THEN
    -- The counts' check applies to the row an upsert proposes: gains are upserted, losses
    -- subtracted from the rows that hold them (the old keys').
    INSERT INTO group_counts AS c (ngo_org_id, network_org_id, village_id, activity_type, groups)
    SELECT d.ngo_org_id, d.network_org_id, d.village_id, d.activity_type, sum(d.n) FROM (
      SELECT n.ngo_org_id, n.network_org_id, n.village_id, n.activity_type, 1 AS n FROM tamkin_new_groups n
      UNION ALL
      SELECT o.ngo_org_id, o.network_org_id, o.village_id, o.activity_type, -1 FROM tamkin_old_groups o
    ) d
    GROUP BY 1, 2, 3, 4 HAVING sum(d.n) > 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (ngo_org_id, network_org_id, village_id, activity_type) DO UPDATE SET groups = c.groups + excluded.groups;
    UPDATE group_counts c SET groups = c.groups + d.n
    FROM (
      SELECT x.ngo_org_id, x.network_org_id, x.village_id, x.activity_type, sum(x.n) AS n FROM (
        SELECT n.ngo_org_id, n.network_org_id, n.village_id, n.activity_type, 1 AS n FROM tamkin_new_groups n
        UNION ALL
        SELECT o.ngo_org_id, o.network_org_id, o.village_id, o.activity_type, -1 FROM tamkin_old_groups o
      ) x
      GROUP BY 1, 2, 3, 4 HAVING sum(x.n) < 0
    ) d
    WHERE c.ngo_org_id = d.ngo_org_id AND c.network_org_id IS NOT DISTINCT FROM d.network_org_id AND c.village_id = d.village_id
      AND c.activity_type = d.activity_type;
    DELETE FROM group_counts c USING (SELECT DISTINCT o.ngo_org_id, o.village_id FROM tamkin_old_groups o) k
    WHERE c.ngo_org_id = k.ngo_org_id AND c.village_id = k.village_id AND c.groups = 0;
  ELSE
    UPDATE group_counts c SET groups = c.groups - d.n
    FROM (SELECT o.ngo_org_id, o.network_org_id, o.village_id, o.activity_type, count(*) AS n FROM tamkin_old_groups o GROUP BY 1, 2, 3, 4) d
    WHERE c.ngo_org_id = d.ngo_org_id AND c.network_org_id IS NOT DISTINCT FROM d.network_org_id AND c.village_id = d.village_id
      AND c.activity_type = d.activity_type;
    DELETE FROM group_counts c USING (SELECT DISTINCT o.ngo_org_id, o.village_id FROM tamkin_old_groups o) k
    WHERE c.ngo_org_id = k.ngo_org_id AND c.village_id = k.village_id AND c.groups = 0;
  END IF;
  PERFORM set_config('app.maintenance', prev, true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tamkin_group_counts_insert AFTER INSERT ON groups REFERENCING NEW TABLE AS tamkin_new_groups
  FOR EACH STATEMENT EXECUTE FUNCTION tamkin_group_counts();
--> statement-breakpoint
CREATE TRIGGER tamkin_group_counts_update AFTER UPDATE ON groups REFERENCING OLD TABLE AS tamkin_old_groups NEW TABLE AS tamkin_new_groups
  FOR EACH STATEMENT EXECUTE FUNCTION tamkin_group_counts();
--> statement-breakpoint
CREATE TRIGGER tamkin_group_counts_delete AFTER DELETE ON groups REFERENCING OLD TABLE AS tamkin_old_groups
  FOR EACH STATEMENT EXECUTE FUNCTION tamkin_group_counts();
--> statement-breakpoint
SELECT app_enable_rls('group_counts');
--> statement-breakpoint
CREATE POLICY group_counts_read ON group_counts FOR SELECT USING (
  ngo_org_id = ANY ((SELECT app_scope_ngos())::uuid[])
  OR network_org_id = (SELECT app_scope_network())
  OR village_id = ANY ((SELECT app_scope_villages())::uuid[])
);
--> statement-breakpoint
-- The groups already there, counted once (the triggers keep the counts from now on).
INSERT INTO group_counts (ngo_org_id, network_org_id, village_id, activity_type, groups)
SELECT g.ngo_org_id, g.network_org_id, g.village_id, g.activity_type, count(*) FROM groups g GROUP BY 1, 2, 3, 4;
