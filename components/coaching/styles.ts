export const headClass = "p-2 text-start align-bottom";
export const cellClass = "p-2 align-top";
