import type { DemoIds } from "@/db/seed/demo";
import type { OrgType } from "@/lib/permissions";

/** A demo organisation's slug. */
export type DemoSlug = keyof DemoIds["orgs"];

/** The demo organisations' types (db/seed/demo.ts), for tests that read as each of them. */
export const demoOrgTypes: Record<DemoSlug, OrgType> = {
  acor: "consortium",
  adicor: "ngo",
  "ong-sahel": "ngo",
  tadamoun: "ngo",
  fassala: "commune",
  bassikounou: "commune",
  "femmes-fassala": "cooperative_network",
};
