import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { patrolFrequencies, patrolPlanInput } from "../../domain/patrol/patrol-plan";
import { patrolGate, patrolPlanGate } from "../../domain/policies/patrol-policy";
import { errorBody, pageQuery, regionCodeSchema } from "../../domain/schemas/common-schemas";
import { patrolCheckInInput } from "../../domain/schemas/patrol-schemas";
import { checkIn } from "../commands/patrols/check-in";
import { myPatrols } from "../commands/patrols/my-patrols";
import { patrolCoverage } from "../commands/patrols/patrol-coverage";
import { patrolPlanParams, readPatrolPlan, updatePatrolPlan } from "../commands/patrols/patrol-plan";
import { sitePatrols } from "../commands/patrols/site-patrols";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { bodyByCommand } from "./body-by-command";

/** Bodies are parsed by the command (Chinese 422 messages from the shared schema). */
const bodyParsedByCommand = { validatorCompiler: bodyByCommand };

const frequency = z.enum(patrolFrequencies);
const plan = z.object({
  byRisk: z.record(z.string(), frequency),
  unrated: frequency,
  byKind: z.record(z.string(), frequency),
});
const planView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  plan,
  custom: z.boolean(),
  defaults: plan,
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  abilities: z.object({ manage: z.boolean() }),
});
const checkInResult = z.object({
  id: z.string(),
  siteId: z.string(),
  distanceM: z.number().nullable(),
  flags: z.array(z.string()),
  clientAt: z.string(),
  receivedAt: z.string(),
});
const status = z.enum(["due", "overdue", "done"]);
const figures = {
  sites: z.number(),
  done: z.number(),
  due: z.number(),
  overdue: z.number(),
  coverage: z.number().nullable(),
};

export function patrolRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/patrol-plans/:regionCode",
      {
        config: { access: "signed_in", policy: patrolPlanGate.read },
        schema: {
          tags: ["patrols"],
          summary: "县区巡查计划（按风险等级、场所类型的巡查频次）",
          params: patrolPlanParams,
          response: { 200: planView, 404: errorBody },
        },
      },
      async (req) => readPatrolPlan(deps, actorOf(req), req.params.regionCode),
    );

    app.patch(
      "/patrol-plans/:regionCode",
      {
        config: { access: "signed_in", policy: patrolPlanGate.manage },
        schema: {
          tags: ["patrols"],
          summary: "修改县区巡查计划（县、市、省安委办；提交完整计划）",
          description: "记入审计日志 patrol_plan.updated（新旧计划）",
          params: patrolPlanParams,
          body: patrolPlanInput,
          response: { 200: planView, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        ...bodyParsedByCommand,
      },
      async (req) =>
        updatePatrolPlan(deps, actorOf(req), (req.params as { regionCode: string }).regionCode, req.body),
    );

    app.post(
      "/patrols",
      {
        config: { access: "signed_in", policy: patrolGate.record },
        schema: {
          tags: ["patrols"],
          summary: "巡查签到（手机离线记录后补传；按 id 幂等）",
          description:
            "同一 id 再次提交返回 200 与已存记录；同一 id 不同内容返回 409 idempotency_key_reused。" +
            "距场所过远、定位精度差、模拟定位、无定位、手机时间超前时记录并标记（不拒绝）；以服务器时间计入巡查周期。" +
            "场所已删除或离线期间调出本人辖区：404 site_not_found（不记录，手机保留该条并提示）；" +
            "调往辖区内其他网格或已关闭的场所照常记录。",
          body: patrolCheckInInput,
          response: {
            200: checkInResult,
            201: checkInResult,
            403: errorBody,
            404: errorBody,
            409: errorBody,
            422: errorBody,
          },
        },
        ...bodyParsedByCommand,
      },
      async (req, reply) => {
        const out = await checkIn(deps, actorOf(req), req.body);
        return reply.code(out.status === 200 ? 200 : 201).send(out.body);
      },
    );

    app.get(
      "/patrols/mine",
      {
        config: { access: "signed_in", policy: patrolGate.record },
        schema: {
          tags: ["patrols"],
          summary: "我的巡查任务（本周到期、逾期、已完成）",
          response: {
            200: z.object({
              serverTime: z.string(),
              period: z.object({ from: z.string(), to: z.string(), lastDay: z.string() }),
              items: z.array(
                z.object({
                  siteId: z.string(),
                  siteName: z.string(),
                  address: z.string(),
                  riskLevel: z.string().nullable(),
                  kind: z.string(),
                  frequency,
                  dueBy: z.string(),
                  status,
                  lastVisitAt: z.string().nullable(),
                }),
              ),
              truncated: z.boolean(),
            }),
          },
        },
      },
      async (req) => myPatrols(deps, actorOf(req)),
    );

    app.get(
      "/sites/:id/patrols",
      {
        config: { access: "signed_in", policy: patrolGate.read },
        schema: {
          tags: ["patrols"],
          summary: "场所的巡查记录（最新在前）",
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          querystring: z.strictObject({ ...pageQuery }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  receivedAt: z.string(),
                  clientAt: z.string(),
                  user: z.object({ id: z.string(), displayName: z.string() }),
                  location: z
                    .object({ lng: z.number(), lat: z.number(), accuracy: z.number().nullable() })
                    .nullable(),
                  mock: z.boolean(),
                  distanceM: z.number().nullable(),
                  flags: z.array(z.object({ code: z.string(), label: z.string() })),
                  note: z.string().nullable(),
                  evidenceIds: z.array(z.string()),
                }),
              ),
              total: z.number(),
            }),
          },
        },
      },
      async (req) => sitePatrols(deps, actorOf(req), req.params.id, req.query, wantsEnglish(req)),
    );

    app.get(
      "/patrol-coverage",
      {
        config: { access: "signed_in", policy: patrolGate.coverage },
        schema: {
          tags: ["patrols"],
          summary: "巡查覆盖率（县、乡镇、网格；含下级与未巡查场所）",
          description:
            "region：县区、乡镇或村的代码（默认本人辖区）；grid：网格 id（给出时只看该网格）。" +
            "覆盖率 = 本周期已巡查场所 / 应巡查场所（在营或停业、非直接监管）；逾期 = 上一整个周期未巡查。",
          querystring: z.strictObject({
            region: regionCodeSchema.optional(),
            grid: z.string().min(1).max(64).optional(),
          }),
          response: {
            200: z.object({
              region: z.object({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
              grid: z
                .object({ id: z.string(), code: z.string(), name: z.string(), townshipCode: z.string() })
                .nullable(),
              totals: z.object(figures),
              children: z.array(
                z.object({
                  kind: z.enum(["region", "grid"]),
                  code: z.string(),
                  gridId: z.string().nullable(),
                  name: z.string(),
                  ...figures,
                }),
              ),
              missed: z.object({
                items: z.array(
                  z.object({
                    siteId: z.string(),
                    siteName: z.string(),
                    kind: z.string(),
                    riskLevel: z.string().nullable(),
                    address: z.string(),
                    gridId: z.string().nullable(),
                    gridName: z.string().nullable(),
                    frequency,
                    dueBy: z.string(),
                    status,
                    lastVisitAt: z.string().nullable(),
                  }),
                ),
                total: z.number(),
              }),
              serverTime: z.string(),
            }),
            404: errorBody,
          },
        },
      },
      async (req) => patrolCoverage(deps, actorOf(req), req.query),
    );
  };
}
