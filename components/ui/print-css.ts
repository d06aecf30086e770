/**
 * Print rules of a one-page A4 sheet (the price board, the advocacy sheet): only the element of
 * class `root` is printed, from the top of the page, without the portal around it.
 */
export const onePagePrintCss = (root: string, margin: string, extra = "") => `
@page { size: A4; margin: ${margin}; }
@media print {
  html, body { background: #fff !important; }
  body * { visibility: hidden; }
  .${root}, .${root} * { visibility: visible; }
  .${root} { position: absolute; inset-inline-start: 0; top: 0; width: 100%; border: 0 !important; padding: 0 !important; }
${extra}}`;
