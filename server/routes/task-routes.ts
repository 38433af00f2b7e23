import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { taskKindGate, taskRecordGate } from "../../domain/policies/task-policy";
import { errorBody, idParams, pageQuery } from "../../domain/schemas/common-schemas";
import { recordedExport } from "../commands/exports/recorded-export";
import { recordTask } from "../commands/tasks/record-task";
import { createTaskKind, editTaskKind, listTaskKinds } from "../commands/tasks/task-kinds";
import { exportTaskRecordsXlsx, listTaskRecordViews } from "../commands/tasks/task-record-list";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { bodyByCommand, passThrough } from "./body-by-command";
import { sendOutcome } from "./case-routes";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

/** Bodies are checked by the commands (after the row checks), so 404/403 come before 422. */
const kindView = z.looseObject({
  code: z.string(),
  zh: z.string(),
  builtIn: z.boolean(),
  fields: z.array(z.unknown()),
});
const regionFilter = z
  .string()
  .regex(/^\d{2,12}$/, { error: "区划代码须为数字" })
  .optional();
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "日期须为 年-月-日" })
  .optional();

export const taskRecordQuery = z.strictObject({
  region: regionFilter,
  kind: z.string().max(40).optional(),
  /** First day of the period (Asia/Shanghai), inclusive. */
  from: day,
  /** Last day of the period (Asia/Shanghai), inclusive. */
  to: day,
  ...pageQuery,
});

/** Days in Asia/Shanghai to the received-at range [from 00:00, to + 1 day 00:00). */
export function periodOf(q: { region?: string; kind?: string; from?: string; to?: string }) {
  const midnight = (d: string, plus = 0) =>
    new Date(Date.parse(`${d}T00:00:00+08:00`) + plus * 86_400_000).toISOString();
  return {
    region: q.region,
    kind: q.kind,
    from: q.from ? midnight(q.from) : undefined,
    to: q.to ? midnight(q.to, 1) : undefined,
  };
}

/** Task kinds (R14, R16, R17: forms as data) and task records from the phone, with the office's list and export. */
export function taskRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/task-kinds",
      {
        config: { access: "signed_in", policy: taskKindGate.read },
        schema: {
          tags: ["tasks"],
          summary: "任务类型（内置：宣传、协助检查；加上本县区自定义类型及其表单）",
          querystring: z.strictObject({
            region: regionFilter,
            includeRetired: z.enum(["true", "false"]).optional(),
          }),
          response: { 200: z.array(kindView), 403: errorBody, 422: errorBody },
        },
      },
      async (req) =>
        listTaskKinds(deps, actorOf(req), {
          region: req.query.region,
          includeRetired: req.query.includeRetired === "true",
        }),
    );

    app.post(
      "/task-kinds",
      {
        config: { access: "signed_in", policy: taskKindGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "新增县区自定义任务类型（县、市、省安委办）",
          response: { 201: kindView, 403: errorBody, 409: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => reply.status(201).send(await createTaskKind(deps, actorOf(req), req.body)),
    );

    app.patch(
      "/task-kinds/:id",
      {
        config: { access: "signed_in", policy: taskKindGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "修改或停用任务类型（表单修改生成新版本；离线时按旧版本填写的记录仍按旧版本校验）",
          params: idParams,
          response: { 200: kindView, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req) => editTaskKind(deps, actorOf(req), (req.params as { id: string }).id, req.body),
    );

    app.post(
      "/task-records",
      {
        config: { access: "signed_in", policy: taskRecordGate.create },
        schema: {
          tags: ["tasks"],
          summary: "记录网格任务（宣传、协助检查、县区自定义；手机离线记录，按 id 幂等）",
          description:
            "同一 id 再次提交 → 200 原记录（Idempotent-Replay）；同一 id 不同内容 → 409 idempotency_key_reused。" +
            "按手机填写时的表单版本（kindVersion）校验；类型停用后完成的记录 → 422 task_kind_retired；" +
            "场所离线期间被删除或调出网格 → 404 site_not_found（手机保留记录）。位置、精度、模拟定位、时间偏差只标记不拒绝。",
          response: {
            200: z.looseObject({ id: z.string() }),
            201: z.looseObject({ id: z.string() }),
            403: errorBody,
            404: errorBody,
            409: errorBody,
            422: errorBody,
          },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => sendOutcome(reply, await recordTask(deps, actorOf(req), req.body)),
    );

    app.get(
      "/task-records",
      {
        config: { access: "signed_in", policy: taskRecordGate.read },
        schema: {
          tags: ["tasks"],
          summary: "任务记录列表（按区划、类型、时段）",
          querystring: taskRecordQuery,
          response: {
            200: z.looseObject({ items: z.array(z.unknown()), total: z.number() }),
            403: errorBody,
            422: errorBody,
          },
        },
      },
      async (req) => {
        const { page, pageSize, ...q } = req.query;
        return listTaskRecordViews(deps, actorOf(req), periodOf(q), { page, pageSize });
      },
    );

    app.get(
      "/task-records/export.xlsx",
      {
        config: { access: "signed_in", policy: taskRecordGate.export },
        schema: {
          tags: ["tasks"],
          summary: "导出任务记录（.xlsx，含记录人姓名与位置：须填写导出事由，记入留痕，带水印）",
          querystring: taskRecordQuery.omit({ page: true, pageSize: true }).extend(exportReasonField),
          response: exportErrorResponses,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { reason, ...query } = req.query;
        const file = await recordedExport(
          deps,
          actor,
          { kind: "taskRecords", filter: query, reason },
          (wm, out) => exportTaskRecordsXlsx(deps, actor, periodOf(query), wantsEnglish(req), wm, out),
        );
        const name = `任务记录-${deps.clock.now().toISOString().slice(0, 10)}.xlsx`;
        return sendExport(reply, file, name, "task-records.xlsx");
      },
    );
  };
}
