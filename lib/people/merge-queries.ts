import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { aidTypes, people, technicalAids } from "@/db/schema";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { findNearDuplicatePeople } from "./search";

type Org = Pick<TenantOrg, "id" | "type">;

/** The person's likely duplicates among the NGO's people still in use (not themselves). */
export async function listLikelyDuplicates(db: Queryable, org: Org, p: { id: string; name: string; birthYear: number }, settlementId?: string | null) {
  if (org.type !== "ngo") return [];
  const found = await findNearDuplicatePeople(db, org.id, { name: p.name, birthYear: p.birthYear, settlementId: settlementId ?? undefined });
  return found.filter((d) => d.id !== p.id);
}

/** Who a merged person was merged into, and who was merged into this person: ids and names, the NGO's own. */
export async function listMergeLinks(db: Queryable, org: Org, p: { id: string; mergedIntoId: string | null }) {
  if (org.type !== "ngo") return { mergedInto: null, mergedHere: [] };
  const [mergedInto] = p.mergedIntoId
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(and(eq(people.id, p.mergedIntoId), eq(people.ngoOrgId, org.id)))
    : [];
  const mergedHere = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.mergedIntoId, p.id), eq(people.ngoOrgId, org.id)))
    .orderBy(asc(people.name));
  return { mergedInto: mergedInto ?? null, mergedHere };
}

/** A person's technical aids, by kind in the reader's language, for the side-by-side comparison. */
export async function listAidsOf(db: Queryable, orgId: string, personId: string, locale: string) {
  const name = locale === "ar" ? aidTypes.nameAr : locale === "en" ? aidTypes.nameEn : aidTypes.nameFr;
  return db
    .select({ id: technicalAids.id, kind: name, receivedOn: technicalAids.receivedOn })
    .from(technicalAids)
    .innerJoin(aidTypes, eq(aidTypes.code, technicalAids.aidType))
    .where(and(eq(technicalAids.personId, personId), eq(technicalAids.ngoOrgId, orgId)))
    .orderBy(asc(technicalAids.receivedOn));
}
