import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/lib/groups/scope";

/** An aid type's name column in a locale (aid_types: reference data named in the three languages). */
export function aidNameColumn(locale: string) {
  return sql.raw(locale === "ar" ? "name_ar" : locale === "en" ? "name_en" : "name_fr");
}

/** The kinds of technical aid, in the list's order, named in `locale` (the aid form's choices). */
export async function listAidTypes(db: Queryable, locale: string) {
  return rowsOf<{ code: string; name: string; domain: string }>(
    await db.execute(sql`select code, ${aidNameColumn(locale)} as name, domain from aid_types order by sort_order, code`),
  );
}
