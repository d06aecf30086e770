/**
 * Every server entry point of the portal and what it requires: the registry the authorization
 * matrix (e2e/authz-matrix.spec.ts) checks against the permission table. A page, route handler
 * or server action missing here fails lib/security/entry-points.test.ts and the matrix: add
 * it in the same change (see SECURITY.md, "adding a route / action").
 */
import type { Permission } from "@/lib/permissions";
import { previousQuarter, quarterBounds, quarterOf } from "@/lib/quarters/quarter";

const evaluationQuarter = previousQuarter(previousQuarter(quarterOf(new Date())));
import { amountKinds } from "@/lib/groups/plausibility";

export type Access =
  /** Anyone, signed in or not. */
  | { kind: "public" }
  /** Any signed-in user, whatever their organisations. */
  | { kind: "user" }
  /** A member of the organisation named by the URL slug (pages) or the `org` form field (actions). */
  | { kind: "member"; permission: Permission };

const publicAccess: Access = { kind: "public" };
const userAccess: Access = { kind: "user" };
const member = (permission: Permission): Access => ({ kind: "member", permission });

/**
 * A page. Dynamic segments besides `[org]` are filled by the matrix from the account's own
 * view: `from` names the page (pattern) whose links lead to this one; the first link matching
 * the pattern is probed. `someHaveNone`: some demo organisations have no such object (e.g. no
 * profit distribution yet); for them only the refusals are checked. `probe` is a fixed path
 * for public pages, answering `status`.
 */
export type PageEntry = Access & { from?: string; probe?: string; status?: number; someHaveNone?: boolean };

/** Pages, by their URL pattern (route groups dropped). */
export const pageEntryPoints: Record<string, PageEntry> = {
  "/": userAccess,
  "/login": publicAccess,
  // What the service worker shows offline for a page it did not keep (issue 16): nothing of anyone.
  "/offline": { ...publicAccess, probe: "/offline", status: 200 },
  "/account": userAccess,
  "/account/password": userAccess,
  "/[org]": member("org:read"),
  "/[org]/members": member("members:manage"),
  // The organisation's tokens for the read-only API (issue 14.5): its admins, like members.
  "/[org]/api-tokens": member("api:manage"),
  "/[org]/audit": member("audit:read"),
  // group businesses
  "/[org]/groups": member("groups:read"),
  "/[org]/groups/new": member("groups:write"),
  // Imports from spreadsheets and KoboToolbox (issue 14.1): the importers (each kind also needs its form's permission).
  "/[org]/import": member("imports:write"),
  // An NGO admin's plausibility limits: the permission of its other ledger rules (quarter locks).
  "/[org]/groups/limits": member("quarters:lock"),
  "/[org]/groups/[groupId]": { ...member("groups:read"), from: "/[org]/groups" },
  // Editing and archiving (issue 14.3): the supporting NGO's writers.
  "/[org]/groups/[groupId]/edit": { ...member("groups:write"), from: "/[org]/groups/[groupId]" },
  // The people list and its search (issue 14.4): person-level, an NGO's own people only.
  "/[org]/people": member("people:read"),
  // A person's record: person-level, the NGO that recorded them only (linked from its members table).
  "/[org]/people/[personId]": { ...member("people:read"), from: "/[org]/groups/[groupId]", someHaveNone: true },
  // Two of an NGO's people side by side, to merge a duplicate (issue 14.4): its writers, linked from a person's likely duplicates and from its "merge with another person" search (`?mq=`).
  "/[org]/people/[personId]/merge/[otherId]": { ...member("groups:write"), from: "/[org]/people/[personId]", someHaveNone: true },
  // Each member's share by name: person-level (issue 11.3), the supporting NGO's only.
  "/[org]/groups/[groupId]/statement/[distributionId]": { ...member("people:read"), from: "/[org]/groups/[groupId]", someHaveNone: true },
  // Issue 17: a group's business plan and its one-page sheet (group-level figures: every reader of
  // the group; the sheet only once a plan exists), its internal rules and a distribution's meeting
  // and picture statements (members' names: the supporting NGO's only).
  "/[org]/groups/[groupId]/plan": { ...member("groups:read"), from: "/[org]/groups/[groupId]" },
  // Issue 17, points 1 and 2: a group's stock (group-level quantities: every reader of the group),
  // and the supply dashboard of the groups an organisation may read.
  "/[org]/groups/[groupId]/stock": { ...member("groups:read"), from: "/[org]/groups/[groupId]" },
  "/[org]/supply": member("groups:read"),
  // Issue 17, point 5: the picture till writes a group's ledger (its writers and its manager), and
  // its pictorial daily sheet shows the day's stock and entries (every reader of the group).
  "/[org]/groups/[groupId]/till": { ...member("groups:write"), from: "/[org]/groups/[groupId]", someHaveNone: true },
  "/[org]/groups/[groupId]/till/sheet": { ...member("groups:read"), from: "/[org]/groups/[groupId]" },
  "/[org]/groups/[groupId]/plan/sheet": { ...member("groups:read"), from: "/[org]/groups/[groupId]/plan", someHaveNone: true },
  "/[org]/groups/[groupId]/rules": { ...member("people:read"), from: "/[org]/groups/[groupId]", someHaveNone: true },
  "/[org]/groups/[groupId]/distributions/[distributionId]": { ...member("people:read"), from: "/[org]/groups/[groupId]", someHaveNone: true },
  "/[org]/groups/[groupId]/distributions/[distributionId]/pictorial": {
    ...member("people:read"),
    from: "/[org]/groups/[groupId]/distributions/[distributionId]",
    someHaveNone: true,
  },
  "/[org]/ledger": member("groups:read"),
  "/[org]/dashboard": member("groups:read"),
  "/[org]/declared": member("groups:write"),
  "/[org]/rates": member("rates:manage"),
  // price committee
  "/[org]/prices": member("prices:read"),
  "/[org]/prices/[commune]": { ...member("prices:read"), from: "/[org]/prices" },
  "/[org]/prices/[commune]/board": { ...member("prices:read"), from: "/[org]/prices" },
  "/[org]/prices/[commune]/dashboard": { ...member("prices:read"), from: "/[org]/prices" },
  "/[org]/prices/[commune]/market": { ...member("prices:read"), from: "/[org]/prices" },
  "/[org]/prices/[commune]/notices": { ...member("prices:read"), from: "/[org]/prices" },
  "/[org]/prices/[commune]/settings": { ...member("prices:admin"), from: "/[org]/prices" },
  "/[org]/prices/[commune]/sessions/[id]": { ...member("prices:read"), from: "/[org]/prices/[commune]" },
  "/[org]/prices/[commune]/products/[id]": { ...member("prices:read"), from: "/[org]/prices/[commune]" },
  "/[org]/prices/[commune]/products/[id]/edit": { ...member("prices:write"), from: "/[org]/prices/[commune]/products/[id]" },
  "/[org]/prices/[commune]/suppliers/[id]": { ...member("prices:write"), from: "/[org]/prices/[commune]", someHaveNone: true },
  "/[org]/prices/[commune]/orders/[id]": { ...member("prices:read"), from: "/[org]/prices/[commune]/sessions/[id]", someHaveNone: true },
  "/board/[token]": { ...publicAccess, probe: "/board/not-a-board-token-0000000000", status: 404 },
  // cohesion, comparison, coaching
  "/[org]/cohesion": member("cohesion:read"),
  "/[org]/cohesion/surveys/new": member("cohesion:write"),
  "/[org]/compare": member("cohesion:compare"),
  "/[org]/compare/[member]": { ...member("cohesion:compare"), from: "/[org]/compare" },
  "/[org]/coaching": member("groups:read"),
  // inclusion
  "/[org]/inclusion": member("groups:read"),
  // advocacy
  "/[org]/advocacy": member("exports:read"),
};

/** Route handlers and metadata routes, by URL pattern, with a concrete path to probe. */
export const routeEntryPoints: Record<string, Access & { probe: string; status?: number }> = {
  "/api/auth/[...nextauth]": { ...publicAccess, probe: "/api/auth/session" },
  // Where pages over their rate limit send the reader: always 429 (lib/rate-limit-response.ts).
  "/too-many-requests": { ...publicAccess, probe: "/too-many-requests?retry=60", status: 429 },
  "/icon.svg": { ...publicAccess, probe: "/icon.svg" },
  "/[org]/export/cohesion/[table]": { ...member("exports:read"), probe: "/adicor/export/cohesion/trend?format=csv" },
  "/[org]/export/compare": { ...member("cohesion:compare"), probe: "/acor/export/compare?format=csv" },
  "/[org]/export/inclusion/[table]": { ...member("exports:read"), probe: "/adicor/export/inclusion/sex?format=csv" },
  "/[org]/export/groups": { ...member("exports:read"), probe: "/adicor/export/groups?format=csv" },
  "/[org]/export/ledger": { ...member("exports:read"), probe: "/adicor/export/ledger?format=csv" },
  "/[org]/export/observations/[commune]": { ...member("exports:read"), probe: "/fassala/export/observations/fassala?format=csv" },
  "/[org]/export/price-history/[commune]": { ...member("exports:read"), probe: "/fassala/export/price-history/fassala?format=csv" },
  "/[org]/export/revenue/[table]": { ...member("exports:read"), probe: "/adicor/export/revenue/by-activity?format=csv" },
  "/[org]/export/supply/[table]": { ...member("exports:read"), probe: "/adicor/export/supply/out-days?format=csv" },
  // The read-only API (issue 14.5): a bearer token, never a session (no token: 401 for anyone).
  "/api/v1/[org]/[...path]": { ...publicAccess, probe: "/api/v1/adicor/groups", status: 401 },
  "/api/v1/openapi.json": { ...publicAccess, probe: "/api/v1/openapi.json" },
  // The offline outbox's sync (issue 16): GET says whether the outbox may send, POST takes a batch.
  "/[org]/sync": { ...member("groups:write"), probe: "/adicor/sync" },
  // An import template (issue 14.1): the importers only, like the import page.
  "/[org]/import/template": { ...member("imports:write"), probe: "/adicor/import/template?kind=members&lang=fr&format=csv" },
  // A running import's progress (issue 14.1): the importers only; a key with nothing written answers { phase: null }.
  "/[org]/import/progress": { ...member("imports:write"), probe: "/adicor/import/progress?key=00000000-0000-4000-8000-000000000000" },
  // The streamed upload (issue 14.1): the importers only; GET says whether this member may upload, POST takes a file's bytes.
  "/[org]/import/upload": { ...member("imports:write"), probe: "/adicor/import/upload" },
  // The installable app (issue 16): an organisation's manifest (fetched without cookies: public,
  // the same for any slug) and the service worker built with its precache list.
  "/[org]/app.webmanifest": { ...publicAccess, probe: "/adicor/app.webmanifest" },
  "/serwist/[path]": { ...publicAccess, probe: "/serwist/sw.js" },
};

/**
 * Object kinds a server action takes by id: the matrix sends another tenant's object of that
 * kind and expects "not found". The e2e knows how to find one per kind (e2e/authz-matrix.spec.ts).
 */
export type ObjectKind =
  | "membership"
  | "group"
  | "groupMembership"
  | "person"
  | "ledgerEntry"
  | "credit"
  | "team"
  | "visit"
  | "followUp"
  | "evaluation"
  | "priceSession"
  | "decision"
  | "attendee"
  | "product"
  | "supplier"
  | "order"
  | "orderLine"
  | "village";

export interface ActionEntry {
  access: Access;
  /** The form fields the action reads (besides `org`): the fuzz test (scripts/fuzz.mjs) aims at them. */
  fields: string[];
  /**
   * Fields holding ids of objects, by kind; with `valid`, a payload the action would accept. The
   * matrix sends another tenant's object in each such field in turn, the others holding the
   * caller's own objects where it has some.
   */
  objects?: Record<string, ObjectKind>;
  /** Id fields filled with the caller's own object (or any) but not forged: a valid context. */
  fill?: Record<string, ObjectKind>;
  valid?: Record<string, string>;
  /**
   * Other things the same action does, chosen by a field of the form (an `intent`): each with the
   * payload it would accept and the id fields it reads, forged by the matrix like `objects`.
   */
  variants?: { valid: Record<string, string>; objects: Record<string, ObjectKind> }[];
}

/** Server actions, by "<file>#<export>" of their "use server" module. */
export const actionEntryPoints: Record<string, ActionEntry> = {
  "lib/auth/actions.ts#signInAction": {
    access: publicAccess,
    fields: ["email", "password"],
    valid: { email: "viewer@bassikounou.demo", password: "tamkin-demo" },
  },
  "lib/auth/actions.ts#setLocaleAction": { access: publicAccess, fields: ["locale", "back"], valid: { locale: "fr", back: "/" } },
  "lib/auth/actions.ts#signOutAction": { access: userAccess, fields: [] },
  "lib/auth/actions.ts#changePasswordAction": {
    access: userAccess,
    fields: ["currentPassword", "newPassword", "confirmPassword"],
    valid: { currentPassword: "tamkin-demo", newPassword: "another-long-pass", confirmPassword: "another-long-pass" },
  },
  // An existing user is invited; the membership exists once they accept (issue 11.4).
  "lib/invitations/actions.ts#revokeInvitationAction": { access: member("members:manage"), fields: ["invitationId"] },
  "lib/invitations/actions.ts#acceptInvitationAction": { access: userAccess, fields: ["invitationId"] },
  "lib/invitations/actions.ts#declineInvitationAction": { access: userAccess, fields: ["invitationId"] },
  "lib/api/actions.ts#createApiTokenAction": {
    access: member("api:manage"),
    fields: ["name", "expiresOn"],
    valid: { name: "Power BI", expiresOn: "" },
  },
  "lib/api/actions.ts#revokeApiTokenAction": { access: member("api:manage"), fields: ["tokenId"] },
  // Imports (issue 14.1): an upload's id is the importing organisation's alone (its own RLS).
  "lib/imports/actions.ts#uploadImportAction": { access: member("imports:write"), fields: ["kind", "mappingId", "file"] },
  "lib/imports/actions.ts#commitImportAction": { access: member("imports:write"), fields: ["uploadId", "acceptWarnings"] },
  "lib/imports/actions.ts#discardImportAction": { access: member("imports:write"), fields: ["uploadId"] },
  "lib/imports/actions.ts#saveMappingAction": { access: member("imports:write"), fields: ["uploadId", "name"] },
  "lib/members/actions.ts#addMemberAction": {
    access: member("members:manage"),
    fields: ["name", "email", "role", "temporaryPassword"],
    valid: { name: "New member", email: "new.member@example.org", role: "viewer", temporaryPassword: "a-temporary-pass" },
  },
  "lib/members/actions.ts#changeRoleAction": {
    access: member("members:manage"),
    fields: ["membershipId", "role"],
    objects: { membershipId: "membership" },
    valid: { role: "viewer" },
  },
  "lib/members/actions.ts#removeMemberAction": {
    access: member("members:manage"),
    fields: ["membershipId"],
    objects: { membershipId: "membership" },
  },
  "lib/members/actions.ts#groupManagerAction": {
    access: member("members:manage"),
    fields: ["groupId", "membershipId", "intent"],
    objects: { groupId: "group", membershipId: "membership" },
    valid: { intent: "remove" },
  },
  // group businesses (lib/groups/actions.ts)
  "lib/groups/actions.ts#createGroupAction": {
    access: member("groups:write"),
    fields: ["name", "activityType", "villageId", "startDate", "startingCapitalAmount", "startingCapitalCurrency", "profitRule", "confirm"],
    fill: { villageId: "village" },
    valid: {
      name: "New group",
      activityType: "shop",
      startDate: "2025-01-15",
      startingCapitalAmount: "1000",
      startingCapitalCurrency: "MRU",
      profitRule: "equal",
    },
  },
  "lib/groups/actions.ts#updateGroupAction": {
    access: member("groups:write"),
    fields: ["groupId", "status", "profitRule", "version"],
    objects: { groupId: "group" },
    valid: { status: "active", profitRule: "equal", version: "1" },
  },
  "lib/groups/actions.ts#editGroupAction": {
    access: member("groups:write"),
    fields: ["groupId", "version", "name", "villageId", "networkOrgId", "startingCapitalAmount", "startingCapitalCurrency", "confirm"],
    objects: { groupId: "group" },
    fill: { villageId: "village" },
    valid: { version: "1", name: "Renamed group", networkOrgId: "", startingCapitalAmount: "1000", startingCapitalCurrency: "MRU" },
  },
  "lib/groups/actions.ts#archiveGroupAction": { access: member("groups:write"), fields: ["id", "version"], objects: { id: "group" }, valid: { version: "1" } },
  "lib/groups/actions.ts#restoreGroupAction": { access: member("groups:write"), fields: ["id", "version"], objects: { id: "group" }, valid: { version: "1" } },
  "lib/people/actions.ts#editPersonAction": {
    access: member("groups:write"),
    fields: ["personId", "version", "name", "sex", "birthYear", "wgSeeing", "wgHearing", "wgWalking", "wgCognition", "wgSelfCare", "wgCommunication"],
    objects: { personId: "person" },
    valid: {
      version: "1",
      name: "Renamed person",
      sex: "female",
      birthYear: "1990",
      wgSeeing: "none",
      wgHearing: "none",
      wgWalking: "none",
      wgCognition: "none",
      wgSelfCare: "none",
      wgCommunication: "none",
    },
  },
  // No object kind for households in the matrix: the service scopes them to the NGO (tests/integration/editing.test.ts).
  "lib/people/actions.ts#editHouseholdAction": {
    access: member("groups:write"),
    fields: ["householdId", "version", "settlementId", "size", "status", "cashTransferSince"],
  },
  "lib/people/actions.ts#archivePersonAction": {
    access: member("groups:write"),
    fields: ["id", "version"],
    objects: { id: "person" },
    valid: { version: "1" },
  },
  "lib/people/actions.ts#restorePersonAction": {
    access: member("groups:write"),
    fields: ["id", "version"],
    objects: { id: "person" },
    valid: { version: "1" },
  },
  // Merging a duplicate into the person kept (issue 14.4): both are the NGO's own people, each forged in turn; each
  // `<detail>From` chooses the record a detail of the kept person comes from ("kept" when absent).
  "lib/people/actions.ts#mergePeopleAction": {
    access: member("groups:write"),
    fields: [
      "keptId",
      "keptVersion",
      "duplicateId",
      "duplicateVersion",
      "nameFrom",
      "sexFrom",
      "birthYearFrom",
      "householdFrom",
      "wgSeeingFrom",
      "wgHearingFrom",
      "wgWalkingFrom",
      "wgCognitionFrom",
      "wgSelfCareFrom",
      "wgCommunicationFrom",
      "confirmed",
    ],
    objects: { keptId: "person", duplicateId: "person" },
    valid: { keptVersion: "1", duplicateVersion: "1", confirmed: "yes" },
  },
  "lib/groups/actions.ts#addMemberAction": {
    access: member("groups:write"),
    fields: [
      "groupId",
      "mode",
      "personId",
      "name",
      "sex",
      "birthYear",
      "settlementId",
      "householdSize",
      "householdStatus",
      "cashTransferSince",
      "wgSeeing",
      "wgHearing",
      "wgWalking",
      "wgCognition",
      "wgSelfCare",
      "wgCommunication",
      "joinedOn",
    ],
    objects: { groupId: "group", personId: "person" },
    valid: { mode: "existing", joinedOn: "2025-01-15" },
  },
  "lib/groups/actions.ts#leaveGroupAction": {
    access: member("groups:write"),
    fields: ["membershipId", "leftOn"],
    objects: { membershipId: "groupMembership" },
    valid: { leftOn: "2025-03-01" },
  },
  "lib/groups/actions.ts#recordEntryAction": {
    access: member("groups:write"),
    fields: ["groupId", "kind", "occurredOn", "amount", "currency", "note", "confirm"],
    objects: { groupId: "group" },
    valid: { kind: "sale", occurredOn: "2025-01-15", amount: "1000", currency: "XOF" },
  },
  "lib/groups/actions.ts#correctEntryAction": {
    access: member("groups:write"),
    fields: ["kind", "occurredOn", "amount", "currency", "note", "confirm", "entryId", "version"],
    objects: { entryId: "ledgerEntry" },
    valid: { kind: "sale", occurredOn: "2025-01-15", amount: "1000", currency: "XOF", version: "1" },
  },
  "lib/groups/actions.ts#voidEntryAction": {
    access: member("groups:write"),
    fields: ["entryId", "reason"],
    objects: { entryId: "ledgerEntry" },
    valid: { reason: "Forged void" },
  },
  "lib/groups/actions.ts#creditSaleAction": {
    access: member("groups:write"),
    fields: ["groupId", "customerName", "community", "amount", "currency", "grantedOn", "dueOn", "confirm"],
    objects: { groupId: "group" },
    valid: { customerName: "Forged customer", community: "host", amount: "1000", currency: "XOF", grantedOn: "2025-01-15", dueOn: "2025-02-15" },
  },
  "lib/groups/actions.ts#repaymentAction": {
    access: member("groups:write"),
    fields: ["creditId", "paidOn", "amount", "confirm"],
    objects: { creditId: "credit" },
    valid: { paidOn: "2025-02-01", amount: "100" },
  },
  "lib/groups/actions.ts#teamAction": {
    access: member("groups:write"),
    fields: ["groupId", "name", "weight", "memberIds"],
    objects: { groupId: "group", "memberIds[]": "groupMembership" },
    valid: { name: "Forged team", weight: "1" },
  },
  "lib/groups/actions.ts#termAction": {
    access: member("groups:write"),
    fields: ["groupId", "teamId", "startsOn", "endsOn"],
    objects: { groupId: "group", teamId: "team" },
    valid: { startsOn: "2030-01-01", endsOn: "2030-03-31" },
  },
  // Issue 17 (lib/meetings, lib/plans): the meeting of a distribution, the NGO's quorum, a group's plan and rules.
  "lib/meetings/actions.ts#meetingAction": {
    access: member("groups:write"),
    fields: ["groupId", "distributionId", "meetingOn", "meetingPlace", "explainedBy", "explanation", "attendees", "intent"],
    objects: { groupId: "group" },
    // Any distribution id: the group is checked first (another's is not found).
    valid: { distributionId: "00000000-0000-4000-8000-000000000000", meetingOn: "2025-01-15", meetingPlace: "Fassala", explainedBy: "read_aloud" },
  },
  "lib/meetings/actions.ts#quorumAction": { access: member("quarters:lock"), fields: ["meetingQuorumPct"], valid: { meetingQuorumPct: "50" } },
  "lib/plans/actions.ts#planAction": {
    access: member("groups:write"),
    fields: ["groupId", "loadedVersion", "currency", "plannedCapital", "monthlySales", "marginPct", "reorderDays", "note"],
    objects: { groupId: "group" },
    valid: { loadedVersion: "0", currency: "MRU", plannedCapital: "10000", monthlySales: "5000", marginPct: "20", reorderDays: "30" },
  },
  "lib/plans/actions.ts#rulesAction": {
    access: member("groups:write"),
    fields: ["groupId", "loadedVersion", "body"],
    objects: { groupId: "group" },
    valid: { loadedVersion: "0", body: "Rules" },
  },
  "lib/plans/actions.ts#acknowledgeAction": {
    access: member("groups:write"),
    fields: ["groupId", "rulesId", "acknowledgedOn", "membershipIds"],
    objects: { groupId: "group" },
    valid: { rulesId: "00000000-0000-4000-8000-000000000000", acknowledgedOn: "2025-01-15", membershipIds: "00000000-0000-4000-8000-000000000000" },
  },
  // Issue 17, point 1 (lib/stock): a group's items, stock received alone, sales per item, counts, stock-outs.
  "lib/stock/actions.ts#stockItemAction": {
    access: member("groups:write"),
    fields: ["groupId", "productId", "name", "unit"],
    objects: { groupId: "group" },
    valid: { name: "Forged item", unit: "kg" },
  },
  "lib/stock/actions.ts#stockReceiveAction": {
    access: member("groups:write"),
    fields: ["groupId", "itemId", "occurredOn", "quantity", "cost", "currency", "inLedger", "confirm", "clientKey"],
    objects: { groupId: "group" },
    // Any item id: the group is checked first (another's is not found).
    valid: { itemId: "00000000-0000-4000-8000-000000000000", occurredOn: "2025-01-15", quantity: "1" },
  },
  "lib/stock/actions.ts#stockSaleAction": {
    access: member("groups:write"),
    fields: ["groupId", "itemId", "occurredOn", "quantity", "amount", "currency", "confirm", "clientKey"],
    objects: { groupId: "group" },
    valid: { itemId: "00000000-0000-4000-8000-000000000000", occurredOn: "2025-01-15", quantity: "1" },
  },
  "lib/stock/actions.ts#stockCountAction": {
    access: member("groups:write"),
    fields: ["groupId", "itemId", "countedOn", "counted"],
    objects: { groupId: "group" },
    valid: { itemId: "00000000-0000-4000-8000-000000000000", countedOn: "2025-01-15", counted: "0" },
  },
  "lib/stock/actions.ts#stockOutAction": {
    access: member("groups:write"),
    fields: ["groupId", "itemId", "on", "intent"],
    objects: { groupId: "group" },
    valid: { itemId: "00000000-0000-4000-8000-000000000000", on: "2025-01-15", intent: "out" },
  },
  "lib/groups/actions.ts#distributionAction": {
    access: member("groups:write"),
    fields: ["groupId", "periodFrom", "periodTo", "currency"],
    objects: { groupId: "group" },
    valid: { periodFrom: "2025-01-01", periodTo: "2025-03-31", currency: "XOF" },
  },
  "lib/groups/actions.ts#rateAction": {
    access: member("rates:manage"),
    fields: ["validFrom", "xofPerMru", "source"],
    valid: { validFrom: "2025-01-01", xofPerMru: "15.5", source: "BCM" },
  },
  "lib/groups/actions.ts#aidAction": {
    access: member("groups:write"),
    fields: ["personId", "aidType", "details", "receivedOn"],
    objects: { personId: "person" },
    valid: { aidType: "other", details: "Forged aid", receivedOn: "2025-01-15" },
  },
  "lib/groups/actions.ts#declaredFigureAction": {
    access: member("groups:write"),
    fields: ["metric", "label", "declaredValue", "source"],
    valid: { metric: "group_beneficiaries", label: "Declared figure", declaredValue: "10", source: "Annual report" },
  },
  "lib/groups/actions.ts#saveLimitsAction": {
    access: member("quarters:lock"),
    fields: ["dateFloor", ...amountKinds.flatMap((k) => ["MRU", "XOF"].flatMap((c) => [`ceiling_${k}_${c}`, `soft_${k}_${c}`]))],
    // The migration's defaults for sales, stock and repayments, for every kind: a form that saves.
    valid: {
      dateFloor: "2018-01-01",
      ...Object.fromEntries(
        amountKinds.flatMap((k) => [
          [`ceiling_${k}_MRU`, "5000000"],
          [`soft_${k}_MRU`, "200000"],
          [`ceiling_${k}_XOF`, "80000000"],
          [`soft_${k}_XOF`, "3200000"],
        ]),
      ),
    },
  },
  // price committee (lib/prices/actions.ts)
  "lib/prices/actions.ts#createProductAction": {
    access: member("prices:write"),
    fields: ["nameFr", "nameAr", "nameEn", "unit", "unitAr", "category", "pictogram"],
    valid: { nameFr: "Riz", nameAr: "أرز", nameEn: "Rice", unit: "kg", unitAr: "كغ", category: "staple", pictogram: "rice" },
  },
  "lib/prices/actions.ts#editProductAction": {
    access: member("prices:write"),
    fields: ["productId", "version", "nameFr", "nameAr", "nameEn", "unit", "unitAr", "unitEn", "category", "pictogram"],
    objects: { productId: "product" },
    valid: { version: "1", nameFr: "Riz", nameAr: "أرز", nameEn: "Rice", unit: "kg", category: "staple", pictogram: "rice" },
  },
  "lib/prices/actions.ts#archiveProductAction": {
    access: member("prices:write"),
    fields: ["id", "version"],
    objects: { id: "product" },
    valid: { version: "1" },
  },
  "lib/prices/actions.ts#restoreProductAction": {
    access: member("prices:write"),
    fields: ["id", "version"],
    objects: { id: "product" },
    valid: { version: "1" },
  },
  "lib/prices/actions.ts#editSupplierAction": {
    access: member("prices:write"),
    fields: ["supplierId", "version", "name", "phone"],
    objects: { supplierId: "supplier" },
    valid: { version: "1", name: "Supplier" },
  },
  "lib/prices/actions.ts#archiveSupplierAction": {
    access: member("prices:write"),
    fields: ["id", "version"],
    objects: { id: "supplier" },
    valid: { version: "1" },
  },
  "lib/prices/actions.ts#restoreSupplierAction": {
    access: member("prices:write"),
    fields: ["id", "version"],
    objects: { id: "supplier" },
    valid: { version: "1" },
  },
  "lib/prices/actions.ts#createSupplierAction": {
    access: member("prices:write"),
    fields: ["name", "phone"],
    valid: { name: "Supplier", phone: "+222 00 00 00 00" },
  },
  "lib/prices/actions.ts#createSessionAction": {
    access: member("prices:write"),
    fields: ["heldOn", "place"],
    valid: { heldOn: "2025-01-15", place: "Town hall" },
  },
  "lib/prices/actions.ts#updateSessionAction": {
    access: member("prices:write"),
    fields: ["sessionId", "version", "heldOn", "place", "minutes", "status"],
    objects: { sessionId: "priceSession" },
    valid: { version: "1", heldOn: "2025-01-15", place: "Forged place", minutes: "", status: "draft" },
  },
  "lib/prices/actions.ts#addAttendeeAction": {
    access: member("prices:write"),
    fields: ["sessionId", "name", "constituency"],
    objects: { sessionId: "priceSession" },
    valid: { name: "Forged attendee", constituency: "commune" },
  },
  "lib/prices/actions.ts#removeAttendeeAction": {
    access: member("prices:write"),
    fields: ["sessionId", "attendeeId"],
    objects: { sessionId: "priceSession", attendeeId: "attendee" },
  },
  "lib/prices/actions.ts#decidePriceAction": {
    access: member("prices:write"),
    fields: [
      "intent",
      "sessionId",
      "productId",
      "decisionId",
      "supplierId",
      "purchasePrice",
      "sellingPrice",
      "currency",
      "effectiveOn",
      "channels",
      "villages",
      "reason",
    ],
    objects: { sessionId: "priceSession", productId: "product", supplierId: "supplier" },
    // An effective date inside the commune's horizon (one year by default) from today.
    valid: { purchasePrice: "100", sellingPrice: "120", currency: "MRU", effectiveOn: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10) },
    // Correcting or withdrawing a decision of a session still open: another commune's decision is
    // "not found", even named beside one's own open session.
    variants: [
      {
        valid: {
          intent: "correct",
          reason: "Forged correction",
          purchasePrice: "100",
          sellingPrice: "120",
          currency: "MRU",
          effectiveOn: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
        },
        objects: { sessionId: "priceSession", decisionId: "decision" },
      },
      { valid: { intent: "withdraw", reason: "Forged withdrawal" }, objects: { sessionId: "priceSession", decisionId: "decision" } },
    ],
  },
  "lib/prices/actions.ts#createOrderAction": {
    access: member("prices:write"),
    fields: ["sessionId", "supplierId"],
    objects: { sessionId: "priceSession", supplierId: "supplier" },
  },
  "lib/prices/actions.ts#addOrderLineAction": {
    access: member("prices:write"),
    fields: ["orderId", "version", "groupId", "productId", "quantity"],
    objects: { orderId: "order", productId: "product" },
    fill: { groupId: "group" },
    valid: { version: "1", quantity: "1" },
  },
  "lib/prices/actions.ts#saveOrderAction": {
    access: member("prices:write"),
    fields: ["orderId", "version", "intent", "lineIds", "quantities"],
    objects: { orderId: "order", "lineIds[]": "orderLine" },
    valid: { version: "1", intent: "save", "quantities[]": "1" },
  },
  "lib/prices/actions.ts#recordObservationAction": {
    access: member("prices:observe"),
    fields: ["commune", "productId", "placeId", "observedOn", "price", "currency"],
    objects: { productId: "product" },
    fill: { placeId: "village" },
    valid: { commune: "fassala", observedOn: "2025-01-15", price: "100", currency: "MRU" },
  },
  "lib/prices/actions.ts#saveSettingsAction": {
    access: member("prices:admin"),
    fields: ["minMcpgc", "minBeneficiaries", "minCommune", "minTradersFederation", "noticeDays", "horizonDays", "stabilityThresholdPct"],
    valid: {
      minMcpgc: "1",
      minBeneficiaries: "1",
      minCommune: "1",
      minTradersFederation: "1",
      noticeDays: "7",
      horizonDays: "365",
      stabilityThresholdPct: "20",
    },
  },
  "lib/prices/actions.ts#setBoardLinkAction": { access: member("prices:admin"), fields: ["mode"], valid: { mode: "enable" } },
  // cohesion (lib/cohesion/actions.ts)
  "lib/cohesion/actions.ts#recordSurveyAction": {
    access: member("cohesion:write"),
    fields: [
      "villageId",
      "surveyedOn",
      "hostWomen",
      "hostMen",
      "refugeeWomen",
      "refugeeMen",
      "disputesReferred",
      "disputesResolved",
      "notes",
      ...["trust", "trade", "lend", "joint_meetings", "security"].flatMap((i) => ["host", "refugee"].flatMap((c) => [1, 2, 3, 4].map((l) => `${i}_${c}_${l}`))),
    ],
    fill: { villageId: "village" },
    valid: {
      surveyedOn: "2025-02-10",
      hostWomen: "1",
      hostMen: "1",
      refugeeWomen: "1",
      refugeeMen: "1",
      disputesReferred: "0",
      disputesResolved: "0",
      trust_host_3: "2",
    },
  },
  // coaching and quarter locks (lib/coaching/actions.ts)
  "lib/coaching/actions.ts#recordVisitAction": {
    access: member("groups:write"),
    fields: ["groupId", "visitedOn", "topics", "findings", "action1", "due1", "action2", "due2", "action3", "due3"],
    objects: { groupId: "group" },
    valid: { visitedOn: "2025-02-10", topics: "Forged visit", findings: "Forged" },
  },
  "lib/coaching/actions.ts#voidVisitAction": {
    access: member("groups:write"),
    fields: ["visitId", "reason"],
    objects: { visitId: "visit" },
    valid: { reason: "Forged void" },
  },
  "lib/coaching/actions.ts#completeFollowUpAction": {
    access: member("groups:write"),
    fields: ["followUpId", "doneOn"],
    objects: { followUpId: "followUp" },
    valid: { doneOn: "2025-03-01" },
  },
  "lib/coaching/actions.ts#recordEvaluationAction": {
    access: member("groups:write"),
    fields: ["groupId", "quarter", "evaluatedOn", "rulesRespected", "booksKept", "stockChecked", "score", "comments"],
    objects: { groupId: "group" },
    // A quarter two before today's: ended, and not locked by the demo data.
    valid: { quarter: evaluationQuarter, evaluatedOn: quarterBounds(evaluationQuarter).end, score: "5" },
  },
  "lib/coaching/actions.ts#voidEvaluationAction": {
    access: member("groups:write"),
    fields: ["evaluationId", "reason"],
    objects: { evaluationId: "evaluation" },
    valid: { reason: "Forged void" },
  },
  "lib/coaching/actions.ts#lockQuarterAction": { access: member("quarters:lock"), fields: ["quarter"], valid: { quarter: "2020-Q1" } },
  "lib/coaching/actions.ts#unlockQuarterAction": {
    access: member("quarters:lock"),
    fields: ["quarter", "reason"],
    valid: { quarter: "2020-Q1", reason: "Entered late" },
  },
};
