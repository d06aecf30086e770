"use server";
import { orgAction } from "@/lib/server-action";
import * as s from "./schema";
import * as svc from "./service";
import { saveLimits } from "./plausibility-service";
import { archiveGroup, editGroup } from "./edit-service";
import { creditSaleWrite, recordEntryWrite, repaymentWrite } from "./ledger-writes";

const groupsPath = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/groups`;

export const createGroupAction = orgAction(
  { permission: "groups:write", schema: s.createGroupSchema, action: "group.create", entity: "group", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const g = await svc.createGroup(tx, ctx.org, input);
    return { audit: { entityId: g.id, after: g }, data: { id: g.id }, message: "groupCreated" };
  },
);

export const updateGroupAction = orgAction(
  { permission: "groups:write", schema: s.updateGroupSchema, action: "group.update", entity: "group", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await svc.updateGroup(tx, ctx.org, input);
    return { audit: { entityId: r.after.id, before: r.before, after: { status: r.after.status, profitRule: r.after.profitRule } }, message: "groupUpdated" };
  },
);

export const editGroupAction = orgAction(
  { permission: "groups:write", schema: s.editGroupSchema, action: "group.edit", entity: "group", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await editGroup(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: r.group.id, before: r.before, after: r.after }, data: { version: r.group.version }, message: "recordSaved" };
  },
);

export const archiveGroupAction = orgAction(
  { permission: "groups:write", schema: s.archiveSchema, action: "group.archive", entity: "group", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await archiveGroup(tx, ctx.org, { ...input, intent: "archive" });
    return { audit: { entityId: r.group.id, before: r.before, after: r.after }, message: "recordArchivedDone" };
  },
);

export const restoreGroupAction = orgAction(
  { permission: "groups:write", schema: s.archiveSchema, action: "group.restore", entity: "group", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await archiveGroup(tx, ctx.org, { ...input, intent: "restore" });
    return { audit: { entityId: r.group.id, before: r.before, after: r.after }, message: "recordRestored" };
  },
);

export const addMemberAction = orgAction(
  { permission: "groups:write", schema: s.addMemberSchema, action: "group.add_member", entity: "group_membership", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const m = await svc.addMember(tx, ctx.org, input);
    return { audit: { entityId: m.id, after: m }, message: "groupMemberAdded" };
  },
);

export const leaveGroupAction = orgAction(
  { permission: "groups:write", schema: s.leaveGroupSchema, action: "group.member_left", entity: "group_membership", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const { before, after } = await svc.leaveGroup(tx, ctx.org, input);
    return { audit: { entityId: after.id, before, after }, message: "memberLeft" };
  },
);

export const recordEntryAction = orgAction(recordEntryWrite.def, recordEntryWrite.work);

export const correctEntryAction = orgAction(
  { permission: "groups:write", schema: s.correctEntrySchema, action: "ledger.correct", entity: "ledger_entry", revalidate: groupsPath, manager: "rows" },
  async ({ tx, ctx, input }) => {
    const r = await svc.correctEntry(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: r.entry.id, before: r.before, after: r.after }, message: "entryCorrected" };
  },
);

export const voidEntryAction = orgAction(
  { permission: "groups:write", schema: s.voidEntrySchema, action: "ledger.void", entity: "ledger_entry", revalidate: groupsPath, manager: "rows" },
  async ({ tx, ctx, input }) => {
    const r = await svc.voidEntry(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: r.entry.id, before: r.before, after: r.after }, message: "entryVoided" };
  },
);

export const creditSaleAction = orgAction(creditSaleWrite.def, creditSaleWrite.work);

export const repaymentAction = orgAction(repaymentWrite.def, repaymentWrite.work);

export const teamAction = orgAction(
  { permission: "groups:write", schema: s.teamSchema, action: "rotation.team", entity: "manager_team", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const t = await svc.createTeam(tx, ctx.org, input);
    return { audit: { entityId: t.id, after: { ...t, memberIds: input.memberIds } }, message: "teamCreated" };
  },
);

export const termAction = orgAction(
  { permission: "groups:write", schema: s.termSchema, action: "rotation.term", entity: "manager_term", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const t = await svc.addTerm(tx, ctx.org, input);
    return { audit: { entityId: t.id, after: t }, message: "termAdded" };
  },
);

export const distributionAction = orgAction(
  { permission: "groups:write", schema: s.distributionSchema, action: "profit.distribute", entity: "profit_distribution", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await svc.recordDistribution(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: r.distribution.id, after: { ...r.distribution, shares: r.shares } }, message: "distributionRecorded" };
  },
);

export const rateAction = orgAction(
  { permission: "rates:manage", schema: s.rateSchema, action: "rates.set", entity: "exchange_rate", revalidate: (ctx) => `/${ctx.org.slug}/rates` },
  async ({ tx, ctx, input }) => {
    const r = await svc.setRate(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: r.after.id, before: r.before, after: r.after }, message: "rateSaved" };
  },
);

export const aidAction = orgAction(
  { permission: "groups:write", schema: s.aidSchema, action: "person.technical_aid", entity: "technical_aid", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const a = await svc.addAid(tx, ctx.org, input);
    return { audit: { entityId: a.id, after: a }, message: "aidRecorded" };
  },
);

export const declaredFigureAction = orgAction(
  {
    permission: "groups:write",
    schema: s.declaredFigureSchema,
    action: "declared_figure.add",
    entity: "declared_figure",
    revalidate: (ctx) => `/${ctx.org.slug}/dashboard`,
  },
  async ({ tx, ctx, input }) => {
    const d = await svc.addDeclaredFigure(tx, ctx.org, input);
    return { audit: { entityId: d.id, after: d }, message: "declaredRecorded" };
  },
);

/** An NGO admin's plausibility limits and date floor (the permission of an NGO admin's ledger rules, like quarter locks). */
export const saveLimitsAction = orgAction(
  {
    permission: "quarters:lock",
    schema: s.limitsSchema,
    action: "plausibility.save",
    entity: "ngo_settings",
    revalidate: (ctx) => `/${ctx.org.slug}/groups/limits`,
  },
  async ({ tx, ctx, input }) => {
    const r = await saveLimits(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: ctx.org.id, before: r.before, after: r.after }, message: "limitsSaved" };
  },
);
