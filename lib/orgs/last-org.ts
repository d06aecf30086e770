/** Remembers the organisation last opened, so that sign-in lands there. */
export const LAST_ORG_COOKIE = "tamkin_org";
