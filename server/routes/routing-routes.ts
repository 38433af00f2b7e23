import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { findDepartmentByKind } from "../../db/queries/department-queries";
import { listRoutingRules } from "../../db/queries/routing-queries";
import { departmentKindLabel } from "../../domain/department/department-kinds";
import { routeSite, routingRuleInput, routingRulePatch } from "../../domain/department/routing";
import { routingGate, routingPolicy } from "../../domain/policies/routing-policy";
import { idParams, regionCodeSchema } from "../../domain/schemas/common-schemas";
import { isIndustryCode } from "../../domain/site/industry";
import { siteKinds } from "../../domain/site/site-kinds";
import {
  createRoutingRule,
  deleteRoutingRule,
  updateRoutingRule,
} from "../commands/routing/save-routing-rule";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";

const ruleView = z.object({
  id: z.string(),
  regionPrefix: z.string(),
  industryPrefix: z.string().nullable(),
  siteKind: z.string().nullable(),
  departmentKind: z.string(),
  priority: z.number(),
  note: z.string(),
  abilities: z.object({ update: z.boolean() }),
});

const resolveInput = z.strictObject({
  regionCode: regionCodeSchema,
  industryCode: z.string().trim().toUpperCase().refine(isIndustryCode, { error: "行业代码无效" }).nullable(),
  kind: z.enum(siteKinds, { error: "对象类型无效" }),
});

export function routingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/routing-rules",
      {
        config: { access: "signed_in", policy: routingGate.read },
        schema: {
          tags: ["routing"],
          summary: "行业监管分工表（三管三必须）",
          querystring: z.strictObject({ region: regionCodeSchema.optional() }),
          response: {
            200: z.object({ items: z.array(ruleView), abilities: z.object({ update: z.boolean() }) }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const rules = await listRoutingRules(deps.db, req.query.region ?? actor.scope[0]);
        return {
          items: rules.map((r) => ({ ...r, abilities: { update: routingPolicy.manage(actor, r) } })),
          abilities: { update: actor.scope.some((s) => routingPolicy.manage(actor, { regionPrefix: s })) },
        };
      },
    );

    app.post(
      "/routing-rules/resolve",
      {
        config: { access: "signed_in", policy: routingGate.read },
        schema: {
          tags: ["routing"],
          summary: "按行业和对象类型确定监管部门",
          body: resolveInput,
          response: {
            200: z.object({
              departmentKind: z.string().nullable(),
              departmentKindLabel: z.string().nullable(),
              ruleId: z.string().nullable(),
              explanation: z.string(),
              department: z.object({ id: z.string(), name: z.string() }).nullable(),
            }),
          },
        },
      },
      async (req) => {
        const en = wantsEnglish(req);
        const rules = await listRoutingRules(deps.db, req.body.regionCode);
        const result = routeSite(rules, req.body);
        if (!result)
          return {
            departmentKind: null,
            departmentKindLabel: null,
            ruleId: null,
            explanation: en ? "No rule applies" : "没有适用的分工规则",
            department: null,
          };
        const county = req.body.regionCode.slice(0, 6);
        const dep = await findDepartmentByKind(deps.db, county, result.departmentKind);
        const label = departmentKindLabel[result.departmentKind];
        return {
          departmentKind: result.departmentKind,
          departmentKindLabel: en ? label.en : label.zh,
          ruleId: result.rule.id,
          explanation: en ? result.explanation.en : result.explanation.zh,
          department: dep ? { id: dep.id, name: dep.name } : null,
        };
      },
    );

    app.post(
      "/routing-rules",
      {
        config: { access: "signed_in", policy: routingGate.manage },
        schema: {
          tags: ["routing"],
          summary: "新增分工规则",
          body: routingRuleInput.strict(),
          response: { 201: ruleView },
        },
      },
      async (req, reply) => {
        const rule = await createRoutingRule(deps, actorOf(req), req.body);
        return reply.status(201).send({ ...rule, abilities: { update: true } });
      },
    );

    app.patch(
      "/routing-rules/:id",
      {
        config: { access: "signed_in", policy: routingGate.manage },
        schema: {
          tags: ["routing"],
          summary: "修改分工规则",
          params: idParams,
          body: routingRulePatch,
          response: { 200: ruleView },
        },
      },
      async (req) => ({
        ...(await updateRoutingRule(deps, actorOf(req), req.params.id, req.body)),
        abilities: { update: true },
      }),
    );

    app.delete(
      "/routing-rules/:id",
      {
        config: { access: "signed_in", policy: routingGate.manage },
        schema: { tags: ["routing"], summary: "删除分工规则", params: idParams },
      },
      async (req, reply) => {
        await deleteRoutingRule(deps, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
