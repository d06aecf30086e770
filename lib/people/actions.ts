"use server";
import { orgAction } from "@/lib/server-action";
import { archiveSchema } from "@/lib/groups/schema";
import { editHouseholdSchema, editPersonSchema } from "./edit-schema";
import { archivePerson, editHousehold, editPerson } from "./edit-service";
import { mergePeopleSchema } from "./merge-schema";
import { mergePeople } from "./merge-service";

const groupsPath = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/groups`;

export const editPersonAction = orgAction(
  { permission: "groups:write", schema: editPersonSchema, action: "person.edit", entity: "person", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await editPerson(tx, ctx.org, input);
    return { audit: { entityId: r.person.id, before: r.before, after: r.after }, message: "recordSaved" };
  },
);

export const editHouseholdAction = orgAction(
  { permission: "groups:write", schema: editHouseholdSchema, action: "household.edit", entity: "household", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await editHousehold(tx, ctx.org, input);
    return { audit: { entityId: r.household.id, before: r.before, after: r.after }, message: "recordSaved" };
  },
);

export const archivePersonAction = orgAction(
  { permission: "groups:write", schema: archiveSchema, action: "person.archive", entity: "person", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await archivePerson(tx, ctx.org, { ...input, intent: "archive" });
    return { audit: { entityId: r.person.id, before: r.before, after: r.after }, message: "recordArchivedDone" };
  },
);

export const restorePersonAction = orgAction(
  { permission: "groups:write", schema: archiveSchema, action: "person.restore", entity: "person", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await archivePerson(tx, ctx.org, { ...input, intent: "restore" });
    return { audit: { entityId: r.person.id, before: r.before, after: r.after }, message: "recordRestored" };
  },
);

/**
 * A duplicate merged into the person kept (issue 14.4), with the details chosen field by field: one
 * transaction, one audit record on the person kept naming both, the details taken from the
 * duplicate (before and after) and the same aid made one.
 */
export const mergePeopleAction = orgAction(
  { permission: "groups:write", schema: mergePeopleSchema, action: "person.merge", entity: "person", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await mergePeople(tx, ctx.org, input);
    return { audit: { entityId: r.keptId, before: r.audit.before, after: r.audit.after }, data: { keptId: r.keptId }, message: "peopleMerged" };
  },
);
