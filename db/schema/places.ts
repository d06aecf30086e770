import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const placeLevel = pgEnum("place_level", ["wilaya", "moughataa", "commune", "village", "campement"]);
export const settlementCommunity = pgEnum("settlement_community", ["host", "refugee"]);

/** wilaya › moughataa › commune › village or campement (settlement). */
export const places = pgTable(
  "places",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    parentId: uuid("parent_id").references((): AnyPgColumn => places.id),
    level: placeLevel("level").notNull(),
    name: text("name").notNull(),
    pcode: text("pcode"),
    /** Host or refugee settlement; only on villages and campements. */
    community: settlementCommunity("community"),
  },
  (t) => [
    index("places_parent_idx").on(t.parentId),
    uniqueIndex("places_pcode_key").on(t.pcode),
    check("places_community_on_settlements", sql`(${t.level} in ('village','campement')) = (${t.community} is not null)`),
    check("places_parent_unless_wilaya", sql`(${t.level} = 'wilaya') = (${t.parentId} is null)`),
  ],
);
