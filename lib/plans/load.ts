import "server-only";
import type { Queryable } from "@/db/client";
import { listPlanVersions } from "./service";
import { planAgainstResults } from "./results";

/** A group's plan versions (newest first) and its last quarters against them. */
export async function loadPlanPage(db: Queryable, groupId: string) {
  const versions = await listPlanVersions(db, groupId);
  const results = await planAgainstResults(
    db,
    groupId,
    versions.map((v) => v.plan),
  );
  return { versions, current: versions[0] ?? null, results };
}
