import { and, eq, inArray } from "drizzle-orm";
import type { Db, Queryable } from "../client";
import { seedCohesion } from "./cohesion";
import { seedGroups } from "./groups";
import { consortiumMembers, groups, memberships, orgCommunes, organisations, places, users } from "../schema";
import { hashPassword } from "@/lib/auth/password";
import { seedPrices } from "./prices";
import { seedSecondNgo } from "./second-ngo";
import { seedStock } from "./stock";

export const DEMO_PASSWORD = "tamkin-demo";

export const demoOrgs = [
  { slug: "acor", name: "ACOR — Alliance pour la Cohésion Sociale et la Résilience", type: "consortium" },
  { slug: "adicor", name: "ADICOR — Appui au Développement Intégré des Communautés rurales", type: "ngo" },
  { slug: "ong-sahel", name: "ONG Sahel", type: "ngo" },
  { slug: "fassala", name: "Commune de Fassala", type: "commune" },
  { slug: "bassikounou", name: "Commune de Bassikounou", type: "commune" },
  { slug: "femmes-fassala", name: "Réseau des coopératives féminines de Fassala", type: "cooperative_network" },
  // A second NGO of Fassala, outside the consortium (db/seed/second-ngo.ts).
  { slug: "tadamoun", name: "ONG Tadamoun", type: "ngo" },
] as const;

/** Demo organisations outside the ACOR consortium. */
const notConsortiumMembers: readonly DemoSlug[] = ["acor", "tadamoun"];

export type DemoSlug = (typeof demoOrgs)[number]["slug"];

/** Fassala: 12 host villages (including the town) and 3 refugee settlements outside the camp. */
export const fassalaVillages = [
  "Fassala",
  "Hassi Chegar",
  "Agoueinit",
  "Boudjibiha",
  "Dar Es Salam",
  "Tenhamed",
  "Mbouna",
  "El Ghaira",
  "Lehraijat",
  "Tinzah",
  "Oum Lekhcheb",
  "Nbeiket Ehl Ahmed",
];
export const fassalaCampements = ["Campement Kouna", "Campement Tin Telout", "Campement Ineguim"];
export const bassikounouVillages = ["Bassikounou", "Dar Naim", "Hassi Ehl Ahmed", "Tenaha"];

export interface DemoIds {
  orgs: Record<DemoSlug, string>;
  groups: { shops: string[] };
  places: { wilaya: string; moughataa: string; fassala: string; bassikounou: string; settlements: Record<string, string> };
}

/** The demo data of the foundation: organisations, places, and three accounts per organisation. */
export async function seedDemo(db: Db): Promise<DemoIds> {
  return db.transaction(async (tx) => {
    const [wilaya] = await tx.insert(places).values({ level: "wilaya", name: "Hodh Ech Chargui" }).returning();
    const [moughataa] = await tx.insert(places).values({ level: "moughataa", name: "Bassikounou", parentId: wilaya.id }).returning();
    const [fassala, bassikounou] = await tx
      .insert(places)
      .values([
        { level: "commune", name: "Fassala", parentId: moughataa.id },
        { level: "commune", name: "Bassikounou", parentId: moughataa.id },
      ])
      .returning();
    const settlementRows = await tx
      .insert(places)
      .values([
        ...fassalaVillages.map((name) => ({ level: "village" as const, name, parentId: fassala.id, community: "host" as const })),
        ...fassalaCampements.map((name) => ({
          level: "campement" as const,
          name,
          parentId: fassala.id,
          community: "refugee" as const,
        })),
        ...bassikounouVillages.map((name) => ({
          level: "village" as const,
          name,
          parentId: bassikounou.id,
          community: "host" as const,
        })),
      ])
      .returning({ id: places.id, name: places.name, parentId: places.parentId });

    const orgRows = await tx
      .insert(organisations)
      .values(
        demoOrgs.map((o) => ({
          ...o,
          territoryPlaceId: o.slug === "fassala" ? fassala.id : o.slug === "bassikounou" ? bassikounou.id : null,
        })),
      )
      .returning({ id: organisations.id, slug: organisations.slug });
    const orgs = Object.fromEntries(orgRows.map((o) => [o.slug, o.id])) as Record<DemoSlug, string>;

    await tx
      .insert(consortiumMembers)
      .values(demoOrgs.filter((o) => !notConsortiumMembers.includes(o.slug)).map((o) => ({ consortiumId: orgs.acor, memberOrgId: orgs[o.slug] })));
    await tx.insert(orgCommunes).values([
      { orgId: orgs.adicor, communeOrgId: orgs.fassala },
      { orgId: orgs["ong-sahel"], communeOrgId: orgs.bassikounou },
      { orgId: orgs["femmes-fassala"], communeOrgId: orgs.fassala },
      { orgId: orgs.tadamoun, communeOrgId: orgs.fassala },
    ]);

    // One hash for the shared demo password: the demo accounts are public by design.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const o of demoOrgs) {
      const created = await tx
        .insert(users)
        .values(
          (["admin", "editor", "viewer"] as const).map((role) => ({
            email: `${role}@${o.slug}.demo`,
            name: `${role[0].toUpperCase()}${role.slice(1)} ${o.slug}`,
            passwordHash,
          })),
        )
        .returning({ id: users.id, email: users.email });
      await tx
        .insert(memberships)
        .values(created.map((u) => ({ userId: u.id, orgId: orgs[o.slug], role: u.email.split("@")[0] as "admin" | "editor" | "viewer" })));
    }

    // The 12 community shops of Fassala, one per village, supported by ADICOR; half are
    // affiliated to the women's cooperative network. (The group-business seed adds the rest.)
    const shopRows = await tx
      .insert(groups)
      .values(
        fassalaVillages.map((village, i) => ({
          ngoOrgId: orgs.adicor,
          networkOrgId: i % 2 === 0 ? orgs["femmes-fassala"] : null,
          activityType: "shop",
          villageId: settlementRows.find((s) => s.name === village && s.parentId === fassala.id)!.id,
          name: `Boutique communautaire de ${village}`,
          startDate: "2022-03-01",
          startingCapitalAmount: 60_000,
          startingCapitalCurrency: "MRU" as const,
        })),
      )
      .returning({ id: groups.id });

    // The first shop's manager (issue 17.5): an ADICOR editor limited to that one group.
    const [manager] = await tx.insert(users).values({ email: "gerante@adicor.demo", name: "Gérante de la boutique", passwordHash }).returning({ id: users.id });
    await tx.insert(memberships).values({ userId: manager.id, orgId: orgs.adicor, role: "editor", groupId: shopRows[0].id });

    const ids: DemoIds = {
      groups: { shops: shopRows.map((g) => g.id) },
      orgs,
      places: {
        wilaya: wilaya.id,
        moughataa: moughataa.id,
        fassala: fassala.id,
        bassikounou: bassikounou.id,
        settlements: Object.fromEntries(settlementRows.map((s) => [s.name, s.id])),
      },
    };
    await seedGroups(tx, ids);
    await seedCohesion(tx, ids);
    await seedPrices(tx, ids);
    await seedStock(tx, ids);
    await seedSecondNgo(tx, ids);
    return ids;
  });
}

/**
 * The ids `seedDemo` returned, read back from a database it seeded (the tests copy one seeded
 * database per run instead of seeding each their own: tests/global-setup.ts).
 */
export async function demoIds(db: Queryable): Promise<DemoIds> {
  const orgRows = await db
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(
      inArray(
        organisations.slug,
        demoOrgs.map((o) => o.slug),
      ),
    );
  if (orgRows.length !== demoOrgs.length) throw new Error("demoIds: this database holds no demo seed");
  const orgs = Object.fromEntries(orgRows.map((o) => [o.slug, o.id])) as Record<DemoSlug, string>;
  const one = async (level: "wilaya" | "moughataa" | "commune", name: string) => {
    const [p] = await db
      .select({ id: places.id })
      .from(places)
      .where(and(eq(places.level, level), eq(places.name, name)));
    return p.id;
  };
  const wilaya = await one("wilaya", "Hodh Ech Chargui");
  const moughataa = await one("moughataa", "Bassikounou");
  const fassala = await one("commune", "Fassala");
  const bassikounou = await one("commune", "Bassikounou");
  const named = [...fassalaVillages, ...fassalaCampements, ...bassikounouVillages];
  const settlementRows = await db
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(inArray(places.parentId, [fassala, bassikounou]), inArray(places.name, named), inArray(places.level, ["village", "campement"])));
  const shopRows = await db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(
      and(
        eq(groups.ngoOrgId, orgs.adicor),
        inArray(
          groups.name,
          fassalaVillages.map((v) => `Boutique communautaire de ${v}`),
        ),
      ),
    );
  return {
    groups: { shops: fassalaVillages.map((v) => shopRows.find((g) => g.name === `Boutique communautaire de ${v}`)!.id) },
    orgs,
    places: { wilaya, moughataa, fassala, bassikounou, settlements: Object.fromEntries(settlementRows.map((r) => [r.name, r.id])) },
  };
}
