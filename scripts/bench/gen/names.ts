/** Name parts for the bench data: illustrative, in the style of the Hodh Ech Chargui. */
export const WILAYAS = [
  "Hodh Ech Chargui",
  "Hodh El Gharbi",
  "Assaba",
  "Guidimaka",
  "Gorgol",
  "Brakna",
  "Trarza",
  "Tagant",
  "Adrar",
  "Inchiri",
  "Dakhlet Nouadhibou",
  "Tiris Zemmour",
  "Nouakchott",
];

const placeFirst = ["Hassi", "Oum", "Dar", "Bir", "Ain", "El", "Tin", "Nbeiket", "Agueilet", "Tenh", "Lekhcheb", "Bou", "Ghlig", "Aguer", "Mbout", "Tintane", "Kouva", "Lemden", "Ould", "Touil", "Gueneiba", "Seyyid", "Ajar", "Leghleyg"];
const placeSecond = ["Chegar", "Lekhcheb", "Es Salam", "Naim", "Ehl Ahmed", "Telout", "Ineguim", "Kouna", "Mbouna", "Ghaira", "Lehraijat", "Tinzah", "Agoueinit", "Boudjibiha", "Tenaha", "Zreiga", "Lemrah", "Bouhdida", "Ehl Sidi", "Ejjedida", "Lebyadh", "Azouga", "Tamcheket", "Lekreiyat", "El Atrouss", "Ehl Bouna", "Edebaye", "Legrane"];

/** A settlement or commune name from a number (stable, varied, not unique). */
export function placeName(n: number): string {
  const a = placeFirst[n % placeFirst.length];
  const b = placeSecond[Math.floor(n / placeFirst.length) % placeSecond.length];
  const round = Math.floor(n / (placeFirst.length * placeSecond.length));
  return round === 0 ? `${a} ${b}` : `${a} ${b} ${round + 1}`;
}

export const womenFirst = ["Fatimetou", "Mariem", "Aminetou", "Khadijetou", "Aicha", "Zeinabou", "Mounina", "Salka", "Toutou", "Vatma", "Lalla", "Mahjouba", "Oumou", "Hawa", "Coumba", "Selma", "Mneiha", "Tekeiber", "Nana", "Boyah", "Aminata", "Fatoumata", "Mariama", "Halima", "Safiya", "Zahra", "Khadija", "Mbarka", "Leila", "Rougiya", "Hindou", "Mama", "Noura", "Jemila", "Aissata", "Kadiatou"];
export const menFirst = ["Mohamed", "Ahmed", "Sidi", "Brahim", "Moussa", "Cheikh", "Ely", "Abdallahi", "Yacoub", "Hamady", "Mahmoud", "Salem", "Isselmou", "Oumar", "Boubacar", "Alassane", "Mohamedou", "Bah", "Lemine", "Abderrahmane", "Hamma", "Bilal"];
export const fathers = ["Ahmed", "Sidi", "Mohamed", "Brahim", "El Moctar", "Cheikh", "Abdallahi", "Mahmoud", "Bouna", "Hamoud", "Ely", "Salem", "Ag Mohamed", "Alhousseini", "Sidi Mohamed", "Yahya", "Mohamed Lemine", "Ethmane", "Ag Alhassane", "Deddah", "Babah", "Elhadj", "Maouloud", "Taleb"];

export function personName(sex: "female" | "male", n: number): string {
  const first = sex === "female" ? womenFirst[n % womenFirst.length] : menFirst[n % menFirst.length];
  const father = fathers[Math.floor(n / 37) % fathers.length];
  return `${first} ${sex === "female" ? "Mint" : "Ould"} ${father}`;
}

export const NGO_NAMES = ["Appui au Développement Rural", "Action Solidarité Sahel", "Femmes et Développement", "Initiative Tiris", "Entraide Hodh", "Santé et Avenir", "Jeunesse Active", "Eau et Vie", "Résilience Sahel", "Terre Solidaire"];
export const COACHES = ["Mariem Mint Sidi", "Ahmed Ould Salem", "Khadijetou Mint Ely", "Brahim Ould Cheikh", "Aminata Traoré", "Salka Mint Hamoud", "Oumar Ba", "Zeinabou Mint Ahmed"];

export const ACTIVITY_LABEL: Record<string, string> = {
  shop: "Boutique communautaire",
  butchery: "Boucherie villageoise",
  sewing: "Atelier de couture et teinture",
  fattening: "Embouche",
  laundry: "Blanchisserie",
};

export const NOTES = {
  sale: ["Ventes du jour", "Ventes de la semaine", "Ventes du marché hebdomadaire", "Vente en gros", "Ventes du mois"],
  saleCredit: "Vente à crédit",
  stock_purchase: { shop: ["Achat groupé", "Réapprovisionnement", "Achat de riz et sucre"], butchery: ["Achat de chèvres", "Achat d'un mouton"], sewing: ["Achat de tissu et teinture", "Achat de fil"], fattening: ["Achat d'animaux", "Achat d'aliment bétail"], laundry: ["Achat de savon et eau de javel"] } as Record<string, string[]>,
  other_expense: ["Transport", "Loyer du local", "Réparation", "Frais de marché", "Sacs et emballages", "Eau"],
  contribution: ["Cotisation des membres", "Apport d'un membre"],
  capital: "Capital de départ (projet)",
};
export const VOID_REASONS = ["Saisie en double", "Erreur de groupe", "Montant erroné, ressaisi", "Vente annulée par le client"];
export const VISIT_TOPICS = ["Cahier de caisse, inventaire", "Crédits aux clients", "Rotation de l'équipe de gestion", "Prix affichés", "Partage des bénéfices", "Stock et approvisionnement", "Hygiène de la boucherie", "Qualité des teintures"];
export const VISIT_FINDINGS = ["Caisse tenue chaque jour.", "Inventaire du mois non fait.", "Deux clients en retard de remboursement.", "Nouvelle équipe en place.", "Prix négociés affichés en arabe et en images.", "Stock bas avant la soudure.", ""];
export const FOLLOW_UPS = ["Faire l'inventaire mensuel avec l'équipe de gestion", "Relancer les clients en retard et noter les remboursements", "Afficher la prochaine hausse de prix une semaine à l'avance", "Préparer le partage des bénéfices devant les membres", "Commander avant la soudure"];
