"use server";
import { orgAction } from "@/lib/server-action";
import { acknowledgeSchema, planSchema, rulesSchema } from "./schema";
import { acknowledgeRules, savePlan, saveRules } from "./service";

const groupsPath = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/groups`;

export const planAction = orgAction(
  { permission: "groups:write", schema: planSchema, action: "plan.save", entity: "business_plan", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const plan = await savePlan(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: plan.id, after: plan }, message: "planSaved" };
  },
);

export const rulesAction = orgAction(
  { permission: "groups:write", schema: rulesSchema, action: "rules.save", entity: "group_rules", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const rules = await saveRules(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: rules.id, after: rules }, message: "rulesSaved" };
  },
);

export const acknowledgeAction = orgAction(
  { permission: "groups:write", schema: acknowledgeSchema, action: "rules.acknowledge", entity: "rule_acknowledgement", revalidate: groupsPath },
  async ({ tx, ctx, input }) => {
    const r = await acknowledgeRules(tx, ctx.org, ctx.user.id, input);
    return {
      audit: { entityId: r.rules.id, after: { version: r.rules.version, acknowledgedOn: input.acknowledgedOn, membershipIds: r.acknowledged } },
      message: "rulesAcknowledged",
    };
  },
);
