/**
 * Built-in pictograms for the price board, chosen by key: simple SVG shapes drawn in code
 * (no external assets, no dependence on an emoji font on the printing computer).
 */
export const pictogramShapes = ["sack", "bottle", "cup", "tin", "bar", "drop", "cloth", "meat", "animal", "flame", "box"] as const;
export type PictogramShape = (typeof pictogramShapes)[number];

export const pictograms = {
  rice: { shape: "sack", color: "#a16207" },
  flour: { shape: "sack", color: "#78716c" },
  sugar: { shape: "sack", color: "#0369a1" },
  millet: { shape: "sack", color: "#b45309" },
  beans: { shape: "sack", color: "#7f1d1d" },
  salt: { shape: "sack", color: "#475569" },
  pasta: { shape: "box", color: "#ca8a04" },
  oil: { shape: "bottle", color: "#ca8a04" },
  tea: { shape: "cup", color: "#15803d" },
  milk: { shape: "tin", color: "#1d4ed8" },
  soap: { shape: "bar", color: "#0e7490" },
  dye: { shape: "drop", color: "#7e22ce" },
  fabric: { shape: "cloth", color: "#be185d" },
  thread: { shape: "cloth", color: "#4d7c0f" },
  meat: { shape: "meat", color: "#b91c1c" },
  goat: { shape: "animal", color: "#57534e" },
  gas: { shape: "flame", color: "#ea580c" },
  other: { shape: "box", color: "#334155" },
} as const satisfies Record<string, { shape: PictogramShape; color: string }>;

export type PictogramKey = keyof typeof pictograms;
export const pictogramKeys = Object.keys(pictograms) as PictogramKey[];

export function pictogramOf(key: string): { shape: PictogramShape; color: string } {
  return (pictograms as Record<string, { shape: PictogramShape; color: string }>)[key] ?? pictograms.other;
}
