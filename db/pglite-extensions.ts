/** The contrib extensions the migrations create (search, 0036): every PGlite that opens the data loads them. */
export async function pgliteExtensions() {
  const [{ pg_trgm }, { unaccent }] = await Promise.all([import("@electric-sql/pglite/contrib/pg_trgm"), import("@electric-sql/pglite/contrib/unaccent")]);
  return { pg_trgm, unaccent };
}
