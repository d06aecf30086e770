/** Built-in pictograms for the price board, chosen by key (no external assets). */
export const pictograms = {
  rice: "🍚",
  flour: "🌾",
  sugar: "🧂",
  oil: "🫗",
  tea: "🍵",
  millet: "🌿",
  milk: "🥛",
  soap: "🧼",
  dye: "🎨",
  fabric: "🧣",
  meat: "🥩",
  goat: "🐐",
  sheep: "🐑",
  onion: "🧅",
  pasta: "🍝",
  beans: "🫘",
  dates: "🌴",
  salt: "🧂",
  gas: "🔥",
  thread: "🧵",
  other: "📦",
} as const;

export type PictogramKey = keyof typeof pictograms;
export const pictogramKeys = Object.keys(pictograms) as PictogramKey[];

export function pictogramOf(key: string): string {
  return (pictograms as Record<string, string>)[key] ?? pictograms.other;
}
