import { exportRoute } from "@/lib/exports/route";
import { groupFiltersOf, groupsExport } from "@/lib/exports/groups";
import { mustSuppress } from "@/lib/privacy/suppress";

/** Download of the groups list with the page's filters: same resolver, permission, scope and query as the groups page. */
export const GET = exportRoute<{ org: string }>("groups:read", async ({ ctx, sp, er, reader }) => {
  const { table, filters } = await groupsExport(ctx, groupFiltersOf(sp), er.locale, undefined, reader);
  // Member counts of 1 to 4 are "<5" for a reader who may not see people: the note says so.
  return { table, what: "groups", disclosure: mustSuppress(reader) ? "counts" : "list", filters };
});
