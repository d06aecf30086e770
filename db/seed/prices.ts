import type { Tx } from "../client";
import {
  marketObservations,
  negotiatedPrices,
  priceNotices,
  priceNoticeVillages,
  priceSessions,
  priceSettings,
  products,
  purchaseOrderLines,
  purchaseOrders,
  sessionAttendees,
  suppliers,
  users,
} from "../schema";
import { eq } from "drizzle-orm";
import { addDays, addMonths, monthOf, today } from "@/lib/dates";
import type { Constituency } from "@/lib/prices/quorum";
import type { DemoIds } from "./demo";

type Category = "staple" | "meat" | "fabric_dye" | "other";
/** [fr, ar, en, unit, category, pictogram, purchase price, selling price] in MRU. */
const fassalaProducts: [string, string, string, string, Category, string, number, number][] = [
  ["Riz", "أرز", "Rice", "sac 50 kg", "staple", "rice", 1350, 1450],
  ["Farine de blé", "دقيق القمح", "Wheat flour", "sac 50 kg", "staple", "flour", 1050, 1130],
  ["Sucre", "سكر", "Sugar", "kg", "staple", "sugar", 34, 38],
  ["Huile", "زيت", "Cooking oil", "litre", "staple", "oil", 62, 68],
  ["Thé vert", "شاي أخضر", "Green tea", "paquet 250 g", "staple", "tea", 52, 58],
  ["Mil", "دخن", "Millet", "kg", "staple", "millet", 22, 25],
  ["Lait en poudre", "حليب مجفف", "Milk powder", "sachet 400 g", "staple", "milk", 78, 85],
  ["Pâtes", "معكرونة", "Pasta", "paquet 500 g", "staple", "pasta", 18, 21],
  ["Niébé", "لوبيا", "Cowpeas", "kg", "staple", "beans", 40, 45],
  ["Sel", "ملح", "Salt", "kg", "staple", "salt", 8, 10],
  ["Savon", "صابون", "Soap", "morceau", "other", "soap", 12, 15],
  ["Gaz butane", "غاز البوتان", "Butane gas", "bouteille 6 kg", "other", "gas", 270, 290],
  ["Viande de chèvre", "لحم الماعز", "Goat meat", "kg", "meat", "meat", 180, 200],
  ["Chèvre sur pied", "ماعز حي", "Live goat", "tête", "meat", "goat", 1900, 2100],
  ["Teinture", "صباغ", "Dye", "sachet", "fabric_dye", "dye", 45, 55],
  ["Voile (melhfa)", "ملحفة", "Veil fabric (melhfa)", "pièce", "fabric_dye", "fabric", 450, 520],
  ["Fil à broder", "خيط التطريز", "Embroidery thread", "bobine", "fabric_dye", "thread", 15, 20],
];

const unitsAr: Record<string, string> = {
  "sac 50 kg": "كيس 50 كغ",
  kg: "كغ",
  litre: "لتر",
  "paquet 250 g": "علبة 250 غ",
  "sachet 400 g": "كيس 400 غ",
  "paquet 500 g": "علبة 500 غ",
  morceau: "قطعة",
  "bouteille 6 kg": "قنينة 6 كغ",
  tête: "رأس",
  sachet: "كيس صغير",
  pièce: "قطعة",
  bobine: "بكرة",
};

const unitsEn: Record<string, string> = {
  "sac 50 kg": "50 kg bag",
  kg: "kg",
  litre: "litre",
  "paquet 250 g": "250 g packet",
  "sachet 400 g": "400 g sachet",
  "paquet 500 g": "500 g packet",
  morceau: "bar",
  "bouteille 6 kg": "6 kg bottle",
  tête: "head",
  sachet: "sachet",
  pièce: "piece",
  bobine: "spool",
};

const attendeesBySession: [string, Constituency][][] = [
  [
    ["Sidi Ould Cheikh", "mcpgc"],
    ["Fatimetou Mint Sidi", "beneficiaries"],
    ["Aïchetou Mint Brahim", "beneficiaries"],
    ["Mohamed Ould Ahmed", "commune"],
    ["El Moustapha Ould Abdallahi", "traders_federation"],
  ],
  [
    ["Sidi Ould Cheikh", "mcpgc"],
    ["Aminata Traoré", "mcpgc"],
    ["Mariem Mint Mohamed", "beneficiaries"],
    ["Khadijetou Mint Ely", "beneficiaries"],
    ["Mohamed Ould Ahmed", "commune"],
    ["Cheikh Ould Baba", "traders_federation"],
  ],
  [
    ["Aminata Traoré", "mcpgc"],
    ["Zeinebou Mint Ahmedou", "beneficiaries"],
    ["Fatimetou Mint Sidi", "beneficiaries"],
    ["Toutou Mint Salem", "commune"],
    ["El Moustapha Ould Abdallahi", "traders_federation"],
  ],
  [
    ["Sidi Ould Cheikh", "mcpgc"],
    ["Mariem Mint Mohamed", "beneficiaries"],
    ["Oumou Diallo", "beneficiaries"],
    ["Mohamed Ould Ahmed", "commune"],
    ["Cheikh Ould Baba", "traders_federation"],
    ["El Moustapha Ould Abdallahi", "traders_federation"],
  ],
];

const at = (date: string) => new Date(`${date}T10:00:00Z`);

/** Fassala's price committee over the last year, and Bassikounou's small one (for isolation). */
export async function seedPrices(tx: Tx, ids: DemoIds) {
  const fassala = ids.orgs.fassala;
  const [editor] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "editor@fassala.demo"));
  const now = today();
  const sessionDates = [280, 190, 100, 10].map((d) => addDays(now, -d));

  await tx.insert(priceSettings).values({ communeOrgId: fassala });
  const supplierRows = await tx
    .insert(suppliers)
    .values([
      { communeOrgId: fassala, name: "Boutique El Moustapha Ould Abdallahi", phone: "+222 46 00 00 01" },
      { communeOrgId: fassala, name: "Commerce Cheikh Ould Baba", phone: "+222 46 00 00 02" },
      { communeOrgId: fassala, name: "Dépôt Tinzah" },
    ])
    .returning();
  const productRows = await tx
    .insert(products)
    .values(
      fassalaProducts.map(([nameFr, nameAr, nameEn, unit, category, pictogram], i) => ({
        communeOrgId: fassala,
        nameFr,
        nameAr,
        nameEn,
        unit,
        unitAr: unitsAr[unit] ?? null,
        unitEn: unitsEn[unit] ?? null,
        category,
        pictogram,
        sortOrder: i + 1,
      })),
    )
    .returning();
  const sessions = await tx
    .insert(priceSessions)
    .values(
      sessionDates.map((heldOn, i) => ({
        communeOrgId: fassala,
        heldOn,
        place: i % 2 === 0 ? "Mairie de Fassala" : "Boutique communautaire de Hassi Chegar",
        minutes: `Séance trimestrielle n° ${i + 1} du comité communal des prix. Revue des prix du marché, négociation avec la fédération des commerçants, commande groupée des boutiques.`,
        status: i < 3 ? ("closed" as const) : ("draft" as const),
        updatedBy: editor.id,
        updatedAt: at(heldOn),
        createdAt: at(heldOn),
      })),
    )
    .returning();
  await tx
    .insert(sessionAttendees)
    .values(sessions.flatMap((s, i) => attendeesBySession[i].map(([name, constituency]) => ({ communeOrgId: fassala, sessionId: s.id, name, constituency }))));

  const last = new Map<string, string>();
  const decide = async (session: number, productIdx: number, purchase: number, selling: number, effectiveOn: string) => {
    const productId = productRows[productIdx].id;
    const [row] = await tx
      .insert(negotiatedPrices)
      .values({
        communeOrgId: fassala,
        productId,
        sessionId: sessions[session].id,
        supplierId: supplierRows[productIdx % 2].id,
        purchasePrice: purchase,
        sellingPrice: selling,
        currency: "MRU",
        effectiveOn,
        supersedesId: last.get(productId) ?? null,
        createdBy: editor.id,
        createdAt: at(sessions[session].heldOn),
      })
      .returning();
    last.set(productId, row.id);
    return row;
  };
  const notify = async (
    priceId: string,
    publishedOn: string,
    effectiveOn: string,
    isIncrease: boolean,
    channels: ("village_meeting" | "crier" | "radio" | "printed_board")[],
    villages: string[],
  ) => {
    const [n] = await tx.insert(priceNotices).values({ communeOrgId: fassala, priceId, publishedOn, effectiveOn, isIncrease, channels }).returning();
    await tx.insert(priceNoticeVillages).values(villages.map((v) => ({ communeOrgId: fassala, noticeId: n.id, villageId: ids.places.settlements[v] })));
  };

  // Session 1: the first agreed prices of every product.
  for (const [i, p] of fassalaProducts.entries()) await decide(0, i, p[6], p[7], sessionDates[0]);
  // Session 2: sugar down at once (announced on the radio); dye up, announced only 3 days ahead
  // (recorded from the paper minutes, before the portal enforced the notice rule).
  const sugar = await decide(1, 2, 32, 36, sessionDates[1]);
  await notify(sugar.id, sessionDates[1], sessionDates[1], false, ["radio"], ["Fassala", "Hassi Chegar"]);
  const dye = await decide(1, 14, 48, 60, addDays(sessionDates[1], 3));
  await notify(dye.id, sessionDates[1], addDays(sessionDates[1], 3), true, ["crier"], ["Fassala"]);
  // Session 3: oil and milk powder cheaper.
  await decide(2, 3, 60, 65, sessionDates[2]);
  await decide(2, 6, 75, 82, sessionDates[2]);
  // Session 4: rice up, announced the day of the session, effective 15 days later (notice 7 days).
  const riceFrom = addDays(sessionDates[3], 15);
  const rice = await decide(3, 0, 1420, 1520, riceFrom);
  await notify(
    rice.id,
    sessionDates[3],
    riceFrom,
    true,
    ["village_meeting", "crier", "printed_board"],
    ["Fassala", "Hassi Chegar", "Agoueinit", "Mbouna", "Tinzah", "Campement Kouna"],
  );

  // Two grouped purchase orders for the 12 shops: one delivered (with shortfalls), one draft.
  const price = (i: number, s: number) => (s >= 2 && i === 3 ? 60 : s >= 2 && i === 6 ? 75 : s >= 1 && i === 2 ? 32 : fassalaProducts[i][6]);
  for (const [k, s] of [2, 3].entries()) {
    const [order] = await tx
      .insert(purchaseOrders)
      .values({
        communeOrgId: fassala,
        sessionId: sessions[s].id,
        supplierId: supplierRows[k].id,
        status: k === 0 ? "delivered" : "draft",
        updatedBy: editor.id,
        updatedAt: at(sessionDates[s]),
        version: k === 0 ? 3 : 1,
      })
      .returning();
    await tx.insert(purchaseOrderLines).values(
      ids.groups.shops.flatMap((groupId, g) =>
        [0, 2, 3, 4].map((pi) => {
          const quantity = pi === 0 ? 2 + (g % 3) : pi === 2 ? 25 + 5 * (g % 4) : 10 + (g % 5);
          return {
            communeOrgId: fassala,
            orderId: order.id,
            groupId,
            productId: productRows[pi].id,
            quantity,
            unitPrice: price(pi, s),
            currency: "MRU" as const,
            deliveredQuantity: k === 0 ? quantity - (g === 3 && pi === 2 ? 5 : g === 7 && pi === 0 ? 1 : 0) : null,
          };
        }),
      ),
    );
  }

  // Market observations over a year in two markets; sugar jumps 30 % in one month (the alert).
  const markets = [ids.places.settlements["Fassala"], ids.places.settlements["Mbouna"]];
  const spikeMonth = monthOf(addDays(now, -45));
  const wiggle = [0, 0.02, -0.02, 0.01, -0.01, 0.015];
  const observed = [0, 2, 3, 4, 5, 14].flatMap((pi) =>
    Array.from({ length: 15 }, (_, m) => addMonths(monthOf(now), m - 14)).flatMap((month, m) =>
      markets.map((placeId, k) => {
        const base = fassalaProducts[pi][7] * 1.1 * (1 + wiggle[(m + k + pi) % wiggle.length]);
        return {
          communeOrgId: fassala,
          productId: productRows[pi].id,
          placeId,
          observedOn: `${month}-${k === 0 ? "08" : "22"}`,
          price: Math.round(pi === 2 && month === spikeMonth ? base * 1.3 : base),
          currency: "MRU" as const,
          createdBy: editor.id,
        };
      }),
    ),
  );
  await tx.insert(marketObservations).values(observed.filter((o) => o.observedOn <= now));

  await seedBassikounou(tx, ids, addDays(now, -40));
}

async function seedBassikounou(tx: Tx, ids: DemoIds, heldOn: string) {
  const commune = ids.orgs.bassikounou;
  await tx.insert(priceSettings).values({ communeOrgId: commune, noticeDays: 10 });
  const [session] = await tx.insert(priceSessions).values({ communeOrgId: commune, heldOn, place: "Mairie de Bassikounou", status: "closed" }).returning();
  await tx.insert(sessionAttendees).values(
    (["mcpgc", "beneficiaries", "commune", "traders_federation"] as const).map((constituency, i) => ({
      communeOrgId: commune,
      sessionId: session.id,
      name: ["Brahim Ould Sidi", "Lalla Mint Ahmed", "Yacoub Ould Mahmoud", "Boubacar Sow"][i],
      constituency,
    })),
  );
  const rows = await tx
    .insert(products)
    .values([
      {
        communeOrgId: commune,
        nameFr: "Riz (Bassikounou)",
        nameAr: "أرز (باسكنو)",
        nameEn: "Rice (Bassikounou)",
        unit: "sac 50 kg",
        category: "staple" as const,
        pictogram: "rice",
        sortOrder: 1,
      },
      {
        communeOrgId: commune,
        nameFr: "Sucre (Bassikounou)",
        nameAr: "سكر (باسكنو)",
        nameEn: "Sugar (Bassikounou)",
        unit: "kg",
        category: "staple" as const,
        pictogram: "sugar",
        sortOrder: 2,
      },
      {
        communeOrgId: commune,
        nameFr: "Huile (Bassikounou)",
        nameAr: "زيت (باسكنو)",
        nameEn: "Oil (Bassikounou)",
        unit: "litre",
        category: "staple" as const,
        pictogram: "oil",
        sortOrder: 3,
      },
    ])
    .returning();
  await tx.insert(negotiatedPrices).values(
    rows.map((p, i) => ({
      communeOrgId: commune,
      productId: p.id,
      sessionId: session.id,
      purchasePrice: [1330, 33, 61][i],
      sellingPrice: [1440, 37, 67][i],
      currency: "MRU" as const,
      effectiveOn: heldOn,
    })),
  );
}
