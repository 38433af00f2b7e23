import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assessmentResultGate,
  assessmentRunGate,
  assessmentSchemeGate,
} from "../../domain/policies/assessment-policy";
import { errorBody, idParams, idSchema } from "../../domain/schemas/common-schemas";
import { exportRunXlsx } from "../commands/assessment/export-run";
import {
  adjustResult,
  listRunViews,
  myResults,
  publishRun,
  readResult,
  readRun,
  reviewRun,
  runScheme,
  scoreManualItem,
  visibleRun,
} from "../commands/assessment/runs";
import {
  catalogue,
  createScheme,
  listSchemeViews,
  presentScheme,
  visibleScheme,
} from "../commands/assessment/schemes";
import { recordedExport } from "../commands/exports/recorded-export";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { passThrough } from "./body-by-command";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

const obj = z.looseObject({});
const list = z.looseObject({ items: z.array(z.unknown()) });
const resultParams = z.strictObject({ id: idSchema, resultId: idSchema });
const manualParams = z.strictObject({
  id: idSchema,
  resultId: idSchema,
  itemId: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
});
const changeResponses = { 200: obj, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

/** Assessment of the level below (R23, issue 13.4): schemes, runs, adjustments, review, publication, export. */
export function assessmentRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/assessment-indicators",
      {
        config: { access: "signed_in", policy: assessmentSchemeGate.read },
        schema: {
          tags: ["assessment"],
          summary: "考核指标目录（含计算公式）",
          response: { 200: list, 403: errorBody },
        },
      },
      async () => catalogue(),
    );
    app.get(
      "/assessment-schemes",
      {
        config: { access: "signed_in", policy: assessmentSchemeGate.read },
        schema: { tags: ["assessment"], summary: "考核方案列表", response: { 200: list, 403: errorBody } },
      },
      async (req) => listSchemeViews(deps, actorOf(req)),
    );
    app.post(
      "/assessment-schemes",
      {
        config: { access: "signed_in", policy: assessmentSchemeGate.manage },
        schema: {
          tags: ["assessment"],
          summary: "新建考核方案（市州、县区安委办为下一级制定）",
          description:
            "权重与人工评分项分值之和须为 100 → 否则 422 weights_not_100；未知指标 → 422 unknown_indicator。",
          response: { 201: obj, 403: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => reply.status(201).send(await createScheme(deps, actorOf(req), req.body)),
    );
    app.get(
      "/assessment-schemes/:id",
      {
        config: { access: "signed_in", policy: assessmentSchemeGate.read },
        schema: {
          tags: ["assessment"],
          summary: "考核方案详情",
          params: idParams,
          response: { 200: obj, 404: errorBody },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return presentScheme(actor, await visibleScheme(deps, actor, req.params.id));
      },
    );
    app.post(
      "/assessment-schemes/:id/runs",
      {
        config: { access: "signed_in", policy: assessmentRunGate.run },
        schema: {
          tags: ["assessment"],
          summary: "按月计算考核（每次生成新版本）",
          description:
            "该期已有发布版本而未填写 reason → 409 assessment_period_published；无考核对象或该期无数据 → 422 assessment_no_subjects / assessment_no_data（不保存任何结果）。",
          params: idParams,
          response: { 201: obj, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await runScheme(deps, actorOf(req), (req.params as { id: string }).id, req.body)),
    );
    app.get(
      "/assessment-runs",
      {
        config: { access: "signed_in", policy: assessmentRunGate.read },
        schema: {
          tags: ["assessment"],
          summary: "考核记录（谁在何时用哪个方案考核了谁）",
          querystring: z.strictObject({
            region: z
              .string()
              .regex(/^\d{2,12}$/)
              .optional(),
            period: z
              .string()
              .regex(/^\d{4}-\d{2}$/)
              .optional(),
          }),
          response: { 200: list, 403: errorBody, 422: errorBody },
        },
      },
      async (req) => listRunViews(deps, actorOf(req), req.query),
    );
    app.get(
      "/assessment-runs/:id",
      {
        config: { access: "signed_in", policy: assessmentRunGate.read },
        schema: {
          tags: ["assessment"],
          summary: "考核结果（排名、各项得分、调整记录）",
          params: idParams,
          response: { 200: obj, 404: errorBody },
        },
      },
      async (req) => readRun(deps, actorOf(req), req.params.id),
    );
    app.get(
      "/assessment-runs/:id/results/:resultId",
      {
        config: { access: "signed_in", policy: assessmentRunGate.read },
        schema: {
          tags: ["assessment"],
          summary: "一个考核对象的得分明细（到每条记录）",
          params: resultParams,
          response: { 200: obj, 404: errorBody },
        },
      },
      async (req) => readResult(deps, actorOf(req), req.params.id, req.params.resultId),
    );
    app.post(
      "/assessment-runs/:id/results/:resultId/adjustments",
      {
        config: { access: "signed_in", policy: assessmentRunGate.adjust },
        schema: {
          tags: ["assessment"],
          summary: "调整得分（须写明原因，记入留痕；复核或发布后 409 assessment_frozen）",
          params: resultParams,
          response: changeResponses,
        },
        validatorCompiler: passThrough,
      },
      async (req) => {
        const p = req.params as { id: string; resultId: string };
        return adjustResult(deps, actorOf(req), p.id, p.resultId, req.body);
      },
    );
    app.put(
      "/assessment-runs/:id/results/:resultId/manual/:itemId",
      {
        config: { access: "signed_in", policy: assessmentRunGate.adjust },
        schema: {
          tags: ["assessment"],
          summary: "人工评分项打分（附评分依据和佐证材料文件）",
          description:
            "evidenceIds：先经 POST /evidence 上传的佐证材料（须为本人上传、未用于其他案件或记录，或已是本结果的材料），" +
            "附于该考核结果，考核记录的查阅者和发布后的被考核对象可下载。422 evidence_not_found · evidence_missing（存储中没有该文件）。",
          params: manualParams,
          response: changeResponses,
        },
        validatorCompiler: passThrough,
      },
      async (req) => {
        const p = req.params as { id: string; resultId: string; itemId: string };
        return scoreManualItem(deps, actorOf(req), p.id, p.resultId, p.itemId, req.body);
      },
    );
    app.post(
      "/assessment-runs/:id/review",
      {
        config: { access: "signed_in", policy: assessmentRunGate.review },
        schema: {
          tags: ["assessment"],
          summary: "复核（另一人：approve 通过 / return 退回）",
          description:
            "计算、调整或人工评分者本人 → 409 same_person_review；人工评分项未评完 → 422 manual_items_pending。",
          params: idParams,
          response: changeResponses,
        },
        validatorCompiler: passThrough,
      },
      async (req) => reviewRun(deps, actorOf(req), (req.params as { id: string }).id, req.body),
    );
    app.post(
      "/assessment-runs/:id/publish",
      {
        config: { access: "signed_in", policy: assessmentRunGate.publish },
        schema: {
          tags: ["assessment"],
          summary: "发布考核结果（须先复核通过；发布后冻结）",
          params: idParams,
          response: { 200: obj, 403: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (req) => publishRun(deps, actorOf(req), req.params.id),
    );
    app.get(
      "/assessment-runs/:id/export.xlsx",
      {
        config: { access: "signed_in", policy: assessmentRunGate.export },
        schema: {
          tags: ["assessment"],
          summary: "导出考核结果（.xlsx，含排名；须填写导出事由）",
          params: idParams,
          querystring: z.strictObject(exportReasonField),
          response: { ...exportErrorResponses, 404: errorBody },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const run = await visibleRun(deps, actor, req.params.id);
        const file = await recordedExport(
          deps,
          actor,
          { kind: "assessmentResults", filter: { run: run.id }, reason: req.query.reason },
          (wm, out) => exportRunXlsx(deps, actor, run.id, wantsEnglish(req), wm, out),
        );
        return sendExport(reply, file, `考核结果-${run.period}-v${run.version}.xlsx`, "assessment.xlsx");
      },
    );
    app.get(
      "/assessment-results/mine",
      {
        config: { access: "signed_in", policy: assessmentResultGate.mine },
        schema: {
          tags: ["assessment"],
          summary: "本人（本乡镇、本部门）已发布的考核结果",
          response: { 200: list, 403: errorBody },
        },
      },
      async (req) => myResults(deps, actorOf(req)),
    );
  };
}
