import type { ReactNode } from "react";
import { pictogramOf, type PictogramShape } from "@/lib/prices/pictograms";

const shapes: Record<PictogramShape, (c: string) => ReactNode> = {
  sack: (c) => (
    <>
      <path d="M10 9 Q16 4 22 9 L26 27 Q16 31 6 27 Z" fill={c} />
      <path d="M11 9 H21" stroke="#fff" strokeWidth="2" />
    </>
  ),
  bottle: (c) => (
    <>
      <rect x="13" y="2" width="6" height="7" fill={c} />
      <path d="M11 9 H21 L23 14 V29 H9 V14 Z" fill={c} />
    </>
  ),
  cup: (c) => (
    <>
      <path d="M6 13 H22 V22 Q22 28 14 28 Q6 28 6 22 Z" fill={c} />
      <path d="M22 15 Q28 15 28 19 Q28 23 22 23" stroke={c} strokeWidth="2.5" fill="none" />
      <path d="M11 4 Q13 7 11 10 M16 4 Q18 7 16 10" stroke={c} strokeWidth="1.5" fill="none" />
    </>
  ),
  tin: (c) => (
    <>
      <rect x="8" y="7" width="16" height="21" rx="2" fill={c} />
      <ellipse cx="16" cy="7" rx="8" ry="3" fill={c} stroke="#fff" />
      <rect x="8" y="14" width="16" height="6" fill="#fff" opacity="0.7" />
    </>
  ),
  bar: (c) => (
    <>
      <rect x="4" y="12" width="24" height="14" rx="4" fill={c} />
      <circle cx="10" cy="7" r="2.5" fill="none" stroke={c} />
      <circle cx="18" cy="6" r="2" fill="none" stroke={c} />
    </>
  ),
  drop: (c) => <path d="M16 3 Q26 16 24 22 Q22 29 16 29 Q10 29 8 22 Q6 16 16 3 Z" fill={c} />,
  cloth: (c) => <path d="M4 6 Q10 3 16 6 Q22 9 28 6 V26 Q22 29 16 26 Q10 23 4 26 Z" fill={c} />,
  meat: (c) => (
    <>
      <ellipse cx="14" cy="17" rx="10" ry="8" fill={c} />
      <circle cx="14" cy="17" r="3" fill="#fff" />
      <rect x="22" y="15" width="7" height="4" rx="2" fill="#e7e5e4" />
    </>
  ),
  animal: (c) => (
    <>
      <ellipse cx="15" cy="17" rx="9" ry="6" fill={c} />
      <circle cx="25" cy="11" r="4" fill={c} />
      <path d="M9 22 V29 M13 22 V29 M18 22 V29 M21 22 V29" stroke={c} strokeWidth="2" />
    </>
  ),
  flame: (c) => <path d="M16 3 Q24 12 23 20 Q22 29 16 29 Q10 29 9 21 Q9 15 13 11 Q13 17 16 17 Q14 10 16 3 Z" fill={c} />,
  box: (c) => (
    <>
      <rect x="5" y="9" width="22" height="18" fill={c} />
      <path d="M5 9 L9 4 H23 L27 9 M16 9 V27" stroke="#fff" strokeWidth="1.5" fill="none" />
    </>
  ),
};

/** A product's pictogram, drawn in code; decorative (the name is always written beside it). */
export function Pictogram({ name, size = 28 }: { name: string; size?: number }) {
  const { shape, color } = pictogramOf(name);
  return (
    <svg viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" className="inline-block shrink-0 align-middle">
      {shapes[shape](color)}
    </svg>
  );
}
