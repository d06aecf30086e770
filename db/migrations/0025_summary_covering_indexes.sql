-- Covering indexes for the dashboards at national scale (issue 10; measured in BENCHMARKS.md):
-- the top groups read a scope's groups' rollups by group (the group_id array of
-- lib/groups/dashboard.ts salesSource), and an NGO's breakdown by village reads its cube rows,
-- both by index only: tens of thousands of rows without visiting the heap. The amount is in the
-- index, so a rollup update is no longer a heap-only update: one more index entry per write.
CREATE INDEX IF NOT EXISTS "ledger_rollups_group_kind_month_cover" ON "ledger_rollups" ("group_id", "kind", "month") INCLUDE ("currency", "amount", "ngo_org_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ledger_cube_ngo_cover" ON "ledger_cube" ("ngo_org_id", "kind", "month") INCLUDE ("network_org_id", "village_id", "activity_type", "currency", "amount");
