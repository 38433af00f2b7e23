import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assessmentGate,
  engagedTargetGate,
  engagementGate,
  providerWorkGate,
  serviceOrgGate,
} from "../../domain/policies/provider-policy";
import { engagedWorkKinds } from "../../domain/provider/engaged-work";
import { providerWorkQuery } from "../../domain/provider/provider-schemas";
import { errorBody, idParams } from "../../domain/schemas/common-schemas";
import { recordedExport } from "../commands/exports/recorded-export";
import {
  decideAssessment,
  exportProviderWorkXlsx,
  listAssessmentViews,
  providerWork,
} from "../commands/provider/assessments";
import {
  engagedCase,
  engagedSite,
  guideCase,
  myTargets,
  submitAssessment,
} from "../commands/provider/engaged-work";
import {
  createEngagement,
  endEngagement,
  engagementDetail,
  listEngagementViews,
} from "../commands/provider/engagements";
import { addServiceExpert, createServiceOrg, listServiceOrgs } from "../commands/provider/service-orgs";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { bodyByCommand, passThrough } from "./body-by-command";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

const one = z.looseObject({ id: z.string() });
const list = z.looseObject({ items: z.array(one) });
const tags = ["providers"];

/**
 * Third-party safety technical service providers (R27): organisations and experts, engagements by an office,
 * the expert's engaged sites and cases (nothing else: 404), risk assessments approved by an official, guidance
 * on cases, and provider work per organisation and period.
 */
export function providerRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/service-orgs",
      {
        config: { access: "signed_in", policy: serviceOrgGate.read },
        schema: { tags, summary: "第三方服务机构及其专家", response: { 200: list, 403: errorBody } },
      },
      async (req) => listServiceOrgs(deps, actorOf(req)),
    );
    app.post(
      "/service-orgs",
      {
        config: { access: "signed_in", policy: serviceOrgGate.manage },
        schema: {
          tags,
          summary: "登记第三方服务机构",
          response: { 201: one, 403: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => reply.status(201).send(await createServiceOrg(deps, actorOf(req), req.body)),
    );
    app.post(
      "/service-orgs/:id/experts",
      {
        config: { access: "signed_in", policy: serviceOrgGate.manage },
        schema: {
          tags,
          summary: "登记机构专家（资质、有效期、关联账号）",
          params: idParams,
          response: { 201: one, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await addServiceExpert(deps, actorOf(req), (req.params as { id: string }).id, req.body)),
    );

    app.get(
      "/engagements",
      {
        config: { access: "signed_in", policy: engagementGate.read },
        schema: {
          tags,
          summary: "委托列表（安委办、乡镇：本辖区；专家：本人的委托）",
          response: { 200: list, 403: errorBody },
        },
      },
      async (req) => listEngagementViews(deps, actorOf(req)),
    );
    app.post(
      "/engagements",
      {
        config: { access: "signed_in", policy: engagementGate.manage },
        schema: {
          tags,
          summary: "委托第三方专家（评估对象、指导案件、起止日期）",
          description:
            "422 engagement_dates_reversed（结束早于开始）· qualification_expired（专家资质不覆盖委托期）· " +
            "expert_without_account · validation_failed（对象不在委托区域内等）。全部通过才写入。",
          response: { 201: one, 403: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => reply.status(201).send(await createEngagement(deps, actorOf(req), req.body)),
    );
    app.get(
      "/engagements/:id",
      {
        config: { access: "signed_in", policy: engagementGate.read },
        schema: { tags, summary: "委托详情", params: idParams, response: { 200: one, 404: errorBody } },
      },
      async (req) => engagementDetail(deps, actorOf(req), req.params.id),
    );
    app.post(
      "/engagements/:id/end",
      {
        config: { access: "signed_in", policy: engagementGate.manage },
        schema: {
          tags,
          summary: "提前终止委托（专家即时失去访问）",
          params: idParams,
          response: { 200: one, 403: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (req) => endEngagement(deps, actorOf(req), req.params.id),
    );

    app.get(
      "/provider/targets",
      {
        config: { access: "signed_in", policy: engagedTargetGate.read },
        schema: {
          tags,
          summary: "专家：有效委托中的监管对象和案件（work：待评估 assess · 待指导 guide · 即将到期 ending）",
          querystring: z.strictObject({ work: z.enum(engagedWorkKinds).optional() }),
          response: { 200: list, 403: errorBody, 422: errorBody },
        },
      },
      async (req) => myTargets(deps, actorOf(req), req.query.work),
    );
    app.get(
      "/provider/sites/:id",
      {
        config: { access: "signed_in", policy: engagedTargetGate.read },
        schema: {
          tags,
          summary: "专家：委托中的监管对象（委托外或已结束 → 404）",
          params: idParams,
          response: { 200: one, 403: errorBody, 404: errorBody },
        },
      },
      async (req) => engagedSite(deps, actorOf(req), req.params.id),
    );
    app.post(
      "/provider/sites/:id/assessments",
      {
        config: { access: "signed_in", policy: engagedTargetGate.act },
        schema: {
          tags,
          summary: "专家：提交风险评估（红橙黄蓝与发现，待审核后才改变风险等级）",
          description: "404 target_outside_engagement · 422 qualification_expired · validation_failed",
          params: idParams,
          response: { 201: one, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await submitAssessment(deps, actorOf(req), (req.params as { id: string }).id, req.body)),
    );
    app.get(
      "/provider/cases/:id",
      {
        config: { access: "signed_in", policy: engagedTargetGate.read },
        schema: {
          tags,
          summary: "专家：委托中的案件（委托外或已结束 → 404）",
          params: idParams,
          response: { 200: one, 403: errorBody, 404: errorBody },
        },
      },
      async (req) => engagedCase(deps, actorOf(req), req.params.id),
    );
    app.post(
      "/provider/cases/:id/guidance",
      {
        config: { access: "signed_in", policy: engagedTargetGate.act },
        schema: {
          tags,
          summary: "专家：整改指导（意见与附件记入案件，不改变办理环节）",
          params: idParams,
          response: { 201: one, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await guideCase(deps, actorOf(req), (req.params as { id: string }).id, req.body)),
    );

    app.get(
      "/assessments",
      {
        config: { access: "signed_in", policy: assessmentGate.read },
        schema: {
          tags,
          summary: "风险评估（待审核、已批准、已退回）",
          querystring: z.strictObject({ status: z.enum(["submitted", "approved", "rejected"]).optional() }),
          response: { 200: list, 403: errorBody, 422: errorBody },
        },
      },
      async (req) => listAssessmentViews(deps, actorOf(req), req.query),
    );
    app.post(
      "/assessments/:id/decision",
      {
        config: { access: "signed_in", policy: assessmentGate.decide },
        schema: {
          tags,
          summary: "审核风险评估（批准后更新监管对象风险等级，记入对象档案）",
          params: idParams,
          response: { 200: one, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req) => decideAssessment(deps, actorOf(req), (req.params as { id: string }).id, req.body),
    );

    app.get(
      "/provider-work",
      {
        config: { access: "signed_in", policy: providerWorkGate.read },
        schema: {
          tags,
          summary: "第三方服务工作（按机构、时段）",
          querystring: providerWorkQuery,
          response: { 200: list, 403: errorBody, 422: errorBody },
        },
      },
      async (req) => providerWork(deps, actorOf(req), req.query),
    );
    app.get(
      "/provider-work/export.xlsx",
      {
        config: { access: "signed_in", policy: providerWorkGate.read },
        schema: {
          tags,
          summary: "导出第三方服务工作（.xlsx，含专家姓名与评估发现：须填写导出事由，记入留痕，带水印）",
          querystring: providerWorkQuery.extend(exportReasonField),
          response: { ...exportErrorResponses },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { reason, ...filter } = req.query;
        await providerWork(deps, actor, filter); // 422 before the reason is asked
        const file = await recordedExport(deps, actor, { kind: "providerWork", filter, reason }, (wm, out) =>
          exportProviderWorkXlsx(deps, actor, filter, wantsEnglish(req), wm, out),
        );
        return sendExport(reply, file, "第三方服务工作.xlsx", "provider-work.xlsx");
      },
    );
  };
}
