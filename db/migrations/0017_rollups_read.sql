-- The group rollups' read policy tests the owning NGO first (a column of the row, against the
-- readable organisations computed once), and only then the group's visibility: an NGO's or a
-- consortium's dashboard no longer hashes every visible group before reading its own rows.
DROP POLICY IF EXISTS ledger_rollups_read ON ledger_rollups;
--> statement-breakpoint
CREATE POLICY ledger_rollups_read ON ledger_rollups FOR SELECT USING (
  ngo_org_id = ANY ((SELECT app_readable_orgs())::uuid[])
  OR group_id IN (SELECT g.id FROM groups g)
);
