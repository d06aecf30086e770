#!/usr/bin/env node
/**
 * The installed app's icons (public/icons/*.png), drawn from app/icon.svg with sharp (Next's own
 * image dependency). Run again after changing the SVG: `node scripts/make-icons.mjs`. The
 * maskable icon keeps the mark inside the safe zone (the inner 80 %) on the brand green.
 */
import { mkdirSync, readFileSync } from "node:fs";
import sharp from "sharp";

const svg = readFileSync("app/icon.svg");
const green = "#065f46";
mkdirSync("public/icons", { recursive: true });
for (const size of [192, 512]) {
  await sharp(svg, { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(`public/icons/icon-${size}.png`);
}
// Maskable: full-bleed background, the letter at 60 % of the side.
const inner = await sharp(svg, { density: (72 * 308) / 32 })
  .resize(308, 308)
  .png()
  .toBuffer();
await sharp({ create: { width: 512, height: 512, channels: 4, background: green } })
  .composite([{ input: inner, gravity: "centre" }])
  .png({ compressionLevel: 9 })
  .toFile("public/icons/maskable-512.png");
await sharp(svg, { density: (72 * 180) / 32 })
  .resize(180, 180)
  .flatten({ background: green })
  .png({ compressionLevel: 9 })
  .toFile("public/icons/apple-touch-icon.png");
console.log("public/icons written");
