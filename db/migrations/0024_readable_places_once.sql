-- app_readable_places() (0008) read the readable organisations through a CTE that PostgreSQL
-- inlined into the organisations scan, so app_readable_orgs() ran once per organisation row:
-- about 50 ms with the 321 organisations of the national benchmark. Row-level security calls it
-- on every read of groups, people and the ledger (and the planner evaluates it once more while
-- estimating), so every such statement paid it two or three times. The same places, with the
-- readable organisations computed once (MATERIALIZED) and the roots found by index.
CREATE OR REPLACE FUNCTION app_readable_places() RETURNS uuid[] LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
  WITH RECURSIVE readable AS MATERIALIZED (SELECT app_readable_orgs() AS ids),
  commune_orgs AS MATERIALIZED (
    SELECT unnest(readable.ids) AS id FROM readable
    UNION
    SELECT oc.commune_org_id FROM public.org_communes oc, readable WHERE oc.org_id = ANY (readable.ids)
  ),
  roots AS (
    SELECT o.territory_place_id AS id FROM public.organisations o JOIN commune_orgs c ON c.id = o.id
    WHERE o.territory_place_id IS NOT NULL
  ),
  tree AS (
    SELECT roots.id FROM roots
    UNION
    SELECT p.id FROM public.places p JOIN tree ON p.parent_id = tree.id
  )
  SELECT coalesce(array_agg(tree.id), '{}'::uuid[]) FROM tree
$$;
