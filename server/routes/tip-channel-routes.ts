import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { tipClientGate, tipGate, tipRewardGate } from "../../domain/policies/tip-policy";
import { errorBody, pageQuery } from "../../domain/schemas/common-schemas";
import { receiveWorkOrder } from "../commands/tips/hotline-intake";
import {
  type ClientKind,
  issueClient,
  listClients,
  readCategoryMap,
  revokeClient,
  saveCategoryMap,
} from "../commands/tips/tip-clients";
import { readTipForOfficer } from "../commands/tips/tip-identity";
import {
  decideReward,
  listRewards,
  payReward,
  proposeReward,
  readReward,
  readRewardRules,
  updateRewardRules,
} from "../commands/tips/tip-rewards";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { tipCountyParams, tipIdParams, tipSummaryFields, tipThreadMessage } from "./tip-route-schemas";

const client = z.object({
  id: z.string(),
  countyCode: z.string(),
  name: z.string(),
  keyHint: z.string(),
  callbackUrl: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const issued = z.object({
  id: z.string(),
  countyCode: z.string(),
  name: z.string(),
  key: z.string(),
  keyHint: z.string(),
  callbackUrl: z.string().nullable(),
  callbackSecret: z.string().nullable(),
});
const reward = z.object({
  id: z.string(),
  tipId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  rule: z.string(),
  ruleLabel: z.string(),
  fineYuan: z.number().nullable(),
  concealedDeaths: z.number().nullable(),
  amountYuan: z.number(),
  basis: z.string(),
  status: z.enum(["proposed", "approved", "rejected", "paid"]),
  statusLabel: z.string(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  paidAt: z.string().nullable(),
  payoutRef: z.string().nullable(),
  abilities: z.object({ decide: z.boolean(), pay: z.boolean() }),
});
const rulesView = z.object({
  countyCode: z.string(),
  national: z.boolean(),
  rules: z.object({
    finePercent: z.number(),
    minYuan: z.number(),
    maxYuan: z.number(),
    perDeathYuan: z.record(z.string(), z.number()),
    concealedMaxYuan: z.number(),
  }),
});
const categoryMap = z.object({
  countyCode: z.string(),
  kinds: z.array(z.object({ code: z.string(), label: z.string() })),
  rows: z.array(z.object({ categoryText: z.string(), kind: z.string(), kindLabel: z.string() })),
});
const anyBody = z.unknown();

/**
 * Tip channels and rewards (R20, R28): Open311 client keys and forwarding-platform keys (issued and revoked
 * by the offices), the county's category mapping, the 12345 work-order intake (authenticated by the
 * platform's key, not a session), the tip officer's view of one tip, and rewards (propose → a second
 * person approves → finance pays; readable only by the tip officer and finance).
 */
export function tipChannelRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const keys = (kind: ClientKind, path: string, label: string) => {
      app.get(
        path,
        {
          config: { access: "signed_in", policy: tipClientGate.manage },
          schema: {
            tags: ["tips"],
            summary: `${label}列表（仅显示密钥末四位）`,
            response: { 200: z.object({ items: z.array(client) }) },
          },
        },
        async (req) => listClients(deps, actorOf(req), kind),
      );
      app.post(
        path,
        {
          config: { access: "signed_in", policy: tipClientGate.manage },
          schema: {
            tags: ["tips"],
            summary: `签发${label}（密钥只显示这一次，只保存其哈希）`,
            body: anyBody,
            response: { 201: issued, 403: errorBody, 422: errorBody },
          },
        },
        async (req, reply) => reply.status(201).send(await issueClient(deps, actorOf(req), kind, req.body)),
      );
      app.post(
        `${path}/:id/revoke`,
        {
          config: { access: "signed_in", policy: tipClientGate.manage },
          schema: {
            tags: ["tips"],
            summary: `吊销${label}（立即失效）`,
            params: tipIdParams,
            response: {
              200: z.object({ id: z.string(), revokedAt: z.string() }),
              404: errorBody,
              409: errorBody,
            },
          },
        },
        async (req) => revokeClient(deps, actorOf(req), kind, req.params.id),
      );
    };
    keys("open311", "/tip-clients/open311", "Open311 客户端密钥");
    keys("hotline", "/tip-clients/platforms", "12345 等转办平台密钥");

    app.get(
      "/tip-category-maps/:countyCode",
      {
        config: { access: "signed_in", policy: tipClientGate.categories },
        schema: {
          tags: ["tips"],
          summary: "转办工单分类与举报问题类型对照表",
          params: tipCountyParams,
          response: { 200: categoryMap, 404: errorBody },
        },
      },
      async (req) => readCategoryMap(deps, actorOf(req), req.params.countyCode),
    );
    app.put(
      "/tip-category-maps/:countyCode",
      {
        config: { access: "signed_in", policy: tipClientGate.categories },
        schema: {
          tags: ["tips"],
          summary: "修改转办工单分类对照表（整表替换）",
          params: tipCountyParams,
          body: anyBody,
          response: { 200: categoryMap, 404: errorBody, 422: errorBody },
        },
      },
      async (req) => saveCategoryMap(deps, actorOf(req), req.params.countyCode, req.body),
    );

    app.post(
      "/intake/work-orders",
      {
        config: { access: "public" },
        schema: {
          tags: ["tips"],
          summary: "接收 12345 热线等平台转办的工单（平台密钥：Authorization: Bearer <key>）",
          description:
            "同一工单编号再次发送视为同一举报（200，返回原案件）；首次 201。来电人联系方式作为受保护身份加密保存。" +
            "状态变化经平台登记的回调地址推送（签名、重试，遵守出站规则）。",
          body: anyBody,
          response: {
            200: z.object({
              workOrderNumber: z.string(),
              caseNumber: z.string(),
              status: z.enum(["open", "closed"]),
              stage: z.string(),
            }),
            201: z.object({
              workOrderNumber: z.string(),
              caseNumber: z.string(),
              status: z.enum(["open", "closed"]),
              stage: z.string(),
            }),
            401: errorBody,
            422: errorBody,
          },
        },
      },
      async (req, reply) => {
        const r = await receiveWorkOrder(deps, req.headers as Record<string, unknown>, req.body);
        return reply.status(r.created ? 201 : 200).send(r.body);
      },
    );

    app.get(
      "/tips/:id",
      {
        config: { access: "signed_in", policy: tipGate.queue },
        schema: {
          tags: ["tips"],
          summary: "举报详情（举报受理专员；不含举报人身份）",
          params: tipIdParams,
          response: {
            200: z.object({
              ...tipSummaryFields,
              channel: z.string(),
              happenedAt: z.string().nullable(),
              description: z.string(),
              closeReason: z.string().nullable(),
              canProposeReward: z.boolean(),
              rewardId: z.string().nullable(),
              messages: z.array(tipThreadMessage),
            }),
            404: errorBody,
          },
        },
      },
      async (req) => readTipForOfficer(deps, actorOf(req), req.params.id),
    );

    app.get(
      "/tip-rewards",
      {
        config: { access: "signed_in", policy: tipRewardGate.read },
        schema: {
          tags: ["tips"],
          summary: "举报奖励（仅举报受理专员与财务人员）",
          querystring: z.object(pageQuery),
          response: { 200: z.object({ items: z.array(reward) }) },
        },
      },
      async (req) => listRewards(deps, actorOf(req), req.query.page, req.query.pageSize),
    );
    app.get(
      "/tip-rewards/:id",
      {
        config: { access: "signed_in", policy: tipRewardGate.read },
        schema: {
          tags: ["tips"],
          summary: "一项举报奖励",
          params: tipIdParams,
          response: { 200: reward, 404: errorBody },
        },
      },
      async (req) => readReward(deps, actorOf(req), req.params.id),
    );
    app.post(
      "/tips/:id/rewards",
      {
        config: { access: "signed_in", policy: tipRewardGate.propose },
        schema: {
          tags: ["tips"],
          summary: "提出举报奖励（按本县奖励规则计算；每一事项只奖励第一位有效实名举报人）",
          params: tipIdParams,
          body: anyBody,
          response: { 201: reward, 404: errorBody, 409: errorBody, 422: errorBody },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await proposeReward(deps, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      "/tip-rewards/:id/decision",
      {
        config: { access: "signed_in", policy: tipRewardGate.approve },
        schema: {
          tags: ["tips"],
          summary: "审批举报奖励（须由提出人以外的受理专员或财务人员）",
          params: tipIdParams,
          body: anyBody,
          response: { 200: reward, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
        },
      },
      async (req) => decideReward(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      "/tip-rewards/:id/payout",
      {
        config: { access: "signed_in", policy: tipRewardGate.pay },
        schema: {
          tags: ["tips"],
          summary: "登记奖励发放（财务人员）",
          params: tipIdParams,
          body: anyBody,
          response: { 200: reward, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
        },
      },
      async (req) => payReward(deps, actorOf(req), req.params.id, req.body),
    );
    app.get(
      "/tip-reward-rules/:countyCode",
      {
        config: { access: "signed_in", policy: tipRewardGate.rules },
        schema: {
          tags: ["tips"],
          summary: "本县举报奖励规则（未设置时为国家默认：罚款 15%，3,000–300,000 元）",
          params: tipCountyParams,
          response: { 200: rulesView, 404: errorBody },
        },
      },
      async (req) => readRewardRules(deps, actorOf(req), req.params.countyCode),
    );
    app.put(
      "/tip-reward-rules/:countyCode",
      {
        config: { access: "signed_in", policy: tipRewardGate.manageRules },
        schema: {
          tags: ["tips"],
          summary: "修改本县举报奖励规则（县、市、省安委办）",
          params: tipCountyParams,
          body: anyBody,
          response: { 200: rulesView, 403: errorBody, 404: errorBody, 422: errorBody },
        },
      },
      async (req) => updateRewardRules(deps, actorOf(req), req.params.countyCode, req.body),
    );
  };
}
