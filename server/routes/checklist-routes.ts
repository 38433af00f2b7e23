import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  checklistInput,
  checklistListQuery,
  checklistReportInput,
  checklistRunInput,
  retireChecklistInput,
} from "../../domain/checklist/checklist-schemas";
import { checklistPolicy } from "../../domain/policies/checklist-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import {
  listChecklists,
  listChecklistVersions,
  retireChecklist,
  saveChecklist,
} from "../commands/checklists/checklist-templates";
import { recordChecklistRun } from "../commands/checklists/record-checklist-run";
import { reportChecklistRun } from "../commands/checklists/report-checklist-run";
import { siteChecklistRuns } from "../commands/checklists/site-checklist-runs";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { bodyByCommand, passThrough } from "./body-by-command";
import { sendOutcome } from "./case-routes";

const idParams = z.strictObject({ id: z.string().min(1).max(80) });
const any = z.unknown();
/** What a change of a checklist or a run can answer besides its success. */
const changeErrors = { 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

/** Checklists (issue 9): the county's templates, runs filled on the phone, their report and the site's runs. */
export function checklistRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/checklists",
      {
        config: { access: "signed_in", policy: checklistPolicy.readGate },
        schema: {
          tags: ["checklists"],
          summary: "本县区适用的检查表（县区修订版，否则默认版）",
          querystring: checklistListQuery,
          response: { 200: any, 404: errorBody, 422: errorBody },
        },
      },
      async (req) => listChecklists(deps, actorOf(req), req.query),
    );

    app.get(
      "/checklists/:id/versions",
      {
        config: { access: "signed_in", policy: checklistPolicy.readGate },
        schema: {
          tags: ["checklists"],
          summary: "检查表的各个版本（最新在前）",
          params: idParams,
          querystring: checklistListQuery.pick({ region: true }),
          response: { 200: any, 404: errorBody, 422: errorBody },
        },
      },
      async (req) => listChecklistVersions(deps, actorOf(req), req.params.id, req.query.region),
    );

    app.post(
      "/checklists",
      {
        config: { access: "signed_in", policy: checklistPolicy.manageGate },
        schema: {
          tags: ["checklists"],
          summary: "新建县区检查表（县、市、省安委办）",
          description: "记入审计日志 checklist.created",
          body: checklistInput,
          response: { 201: any, ...changeErrors },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req, reply) => reply.status(201).send(await saveChecklist(deps, actorOf(req), null, req.body)),
    );

    app.put(
      "/checklists/:id",
      {
        config: { access: "signed_in", policy: checklistPolicy.manageGate },
        schema: {
          tags: ["checklists"],
          summary: "修订检查表：保存为新版本（已填写的记录保留原版本）",
          description: "默认检查表修订后成为本县区的版本；version 与当前版本不符时 409 conflict",
          params: idParams,
          body: checklistInput,
          response: { 200: any, ...changeErrors },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req) => saveChecklist(deps, actorOf(req), (req.params as { id: string }).id, req.body),
    );

    app.post(
      "/checklists/:id/retire",
      {
        config: { access: "signed_in", policy: checklistPolicy.manageGate },
        schema: {
          tags: ["checklists"],
          summary: "停用（或恢复）检查表：保存为新版本",
          params: idParams,
          body: retireChecklistInput,
          response: { 200: any, ...changeErrors },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req) => retireChecklist(deps, actorOf(req), (req.params as { id: string }).id, req.body),
    );

    app.post(
      "/checklist-runs",
      {
        config: { access: "signed_in", policy: checklistPolicy.runCreateGate },
        schema: {
          tags: ["checklists"],
          summary: "提交现场检查记录（手机离线填写，按 id 幂等）",
          description:
            "同一 id 再次提交：200 返回已存记录；同一 id 不同内容：409 idempotency_key_reused。检查表在离线期间被修订：" +
            "按填写时的版本接收并标记 checklist_changed。须拍照的检查项无照片：422 checklist_photo_required（写明检查项）。" +
            "场所在离线期间被删除或调出辖区：404 site_not_found（手机保留记录）。",
          body: checklistRunInput,
          response: { 200: any, 201: any, ...changeErrors },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => {
        const out = await recordChecklistRun(deps, actorOf(req), req.body, wantsEnglish(req));
        return reply.status(out.status as 200 | 201).send(out.body);
      },
    );

    app.post(
      "/checklist-runs/:id/report",
      {
        config: { access: "signed_in", policy: checklistPolicy.runReportGate },
        schema: {
          tags: ["checklists"],
          summary: "将检查记录中的多个不符合项一次上报为一个案件",
          description:
            "经案件上报命令生成一个案件（场所、类别、照片、位置、不符合项清单）；按 idempotencyKey 幂等；" +
            "已上报过的检查项：409 checklist_item_reported",
          params: idParams,
          body: checklistReportInput,
          response: { 200: any, 201: any, ...changeErrors },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req, reply) => {
        const out = await reportChecklistRun(
          deps,
          actorOf(req),
          (req.params as { id: string }).id,
          req.body,
          wantsEnglish(req),
        );
        return sendOutcome(reply, out);
      },
    );

    app.get(
      "/sites/:id/checklist-runs",
      {
        config: { access: "signed_in", policy: checklistPolicy.runReadGate },
        schema: {
          tags: ["checklists"],
          summary: "场所的现场检查记录（最新在前）",
          params: idParams,
          response: { 200: any, 404: errorBody },
        },
      },
      async (req) => siteChecklistRuns(deps, actorOf(req), req.params.id, wantsEnglish(req)),
    );
  };
}
