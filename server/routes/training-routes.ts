import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { countAttendance } from "../../db/queries/training-queries";
import { trainingPlanGate } from "../../domain/policies/assessment-policy";
import { trainingGate } from "../../domain/policies/task-policy";
import { errorBody, idParams, idSchema } from "../../domain/schemas/common-schemas";
import { recordedExport } from "../commands/exports/recorded-export";
import { attendTraining, exportAttendanceXlsx, trainingAttendance } from "../commands/tasks/attend-training";
import { attendeeCandidates, enterAttendees, removeAttendee } from "../commands/tasks/training-attendees";
import { myTrainingHours, trainingHoursPage } from "../commands/tasks/training-hours";
import { createTrainingPlan, listTrainingPlanViews } from "../commands/tasks/training-plans";
import { scoreAttendees } from "../commands/tasks/training-scores";
import {
  createTraining,
  listTrainingViews,
  myTrainings,
  presentTraining,
  trainingQr,
  visibleTraining,
} from "../commands/tasks/trainings";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { bodyByCommand, passThrough } from "./body-by-command";
import { sendOutcome } from "./case-routes";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

const view = z.looseObject({ id: z.string(), title: z.string() });
const list = z.looseObject({ items: z.array(view) });
const year = z.coerce
  .number({ error: "年度须为 2000 至 2100 的整数" })
  .int({ error: "年度须为 2000 至 2100 的整数" })
  .min(2000, { error: "年度须为 2000 至 2100 的整数" })
  .max(2100, { error: "年度须为 2000 至 2100 的整数" });
const attendanceList = z.looseObject({ items: z.array(z.unknown()) });

/** Training sessions (R19): created by offices and departments, attended by QR code or location. */
export function trainingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/trainings",
      {
        config: { access: "signed_in", policy: trainingGate.read },
        schema: {
          tags: ["tasks"],
          summary: "培训列表",
          querystring: z.strictObject({
            region: z
              .string()
              .regex(/^\d{2,12}$/)
              .optional(),
          }),
          response: { 200: list, 403: errorBody, 422: errorBody },
        },
      },
      async (req) => listTrainingViews(deps, actorOf(req), req.query),
    );

    app.get(
      "/training-plans",
      {
        config: { access: "signed_in", policy: trainingPlanGate.read },
        schema: {
          tags: ["tasks"],
          summary: "年度培训计划（含已举办场次）",
          querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
          response: { 200: list, 403: errorBody, 422: errorBody },
        },
      },
      async (req) => listTrainingPlanViews(deps, actorOf(req), req.query.year),
    );
    app.post(
      "/training-plans",
      {
        config: { access: "signed_in", policy: trainingPlanGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "新建年度培训计划（安委办、乡镇安监站，本辖区县或乡镇）",
          response: { 201: view, 403: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => reply.status(201).send(await createTrainingPlan(deps, actorOf(req), req.body)),
    );

    app.get(
      "/training-hours",
      {
        config: { access: "signed_in", policy: trainingPlanGate.hours },
        schema: {
          tags: ["tasks"],
          summary: "每人年度培训学时（区划内在岗网格员：已修学时、场次、平均成绩、年度计划应修学时）",
          description:
            "学时为本人签到（含组织者登记）且开始于该年的培训所计学时之和；应修学时取其所在县、乡镇当年培训计划中要求最高者，" +
            "无计划为 null。按区划、姓名排序分页，q 按姓名筛选；summary 为整个区划的汇总。区划不存在或不在辖区内 → 404 not_found。",
          querystring: z.strictObject({
            year: year.optional(),
            region: z
              .string()
              .regex(/^\d{2,12}$/, { error: "区划代码为 2 至 12 位数字" })
              .optional(),
            q: z.string().trim().max(40).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.looseObject({ year: z.number(), items: z.array(z.unknown()), total: z.number() }),
            403: errorBody,
            404: errorBody,
            422: errorBody,
          },
        },
      },
      async (req) => trainingHoursPage(deps, actorOf(req), req.query),
    );
    app.get(
      "/training-hours/mine",
      {
        config: { access: "signed_in", policy: trainingGate.attend },
        schema: {
          tags: ["tasks"],
          summary: "我的年度培训学时（本人签到的培训、学时、成绩，及年度计划应修学时）",
          querystring: z.strictObject({ year: year.optional() }),
          response: {
            200: z.looseObject({ year: z.number(), hours: z.number(), items: z.array(z.unknown()) }),
            403: errorBody,
            422: errorBody,
          },
        },
      },
      async (req) => myTrainingHours(deps, actorOf(req), req.query.year),
    );

    app.post(
      "/trainings",
      {
        config: { access: "signed_in", policy: trainingGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "新建培训（安委办、部门、乡镇安监站）",
          response: { 201: view, 403: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => reply.status(201).send(await createTraining(deps, actorOf(req), req.body)),
    );

    app.get(
      "/trainings/mine",
      {
        config: { access: "signed_in", policy: trainingGate.attend },
        schema: {
          tags: ["tasks"],
          summary: "我的培训（本人所在区划的培训，一周前至今后）",
          response: { 200: list, 403: errorBody },
        },
      },
      async (req) => myTrainings(deps, actorOf(req)),
    );

    app.get(
      "/trainings/:id",
      {
        config: { access: "signed_in", policy: trainingGate.read },
        schema: {
          tags: ["tasks"],
          summary: "培训详情",
          params: idParams,
          response: { 200: view, 404: errorBody },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const row = await visibleTraining(deps, actor, req.params.id);
        return presentTraining(actor, { ...row, attendees: await countAttendance(deps.db, row.id) });
      },
    );

    app.get(
      "/trainings/:id/qr",
      {
        config: { access: "signed_in", policy: trainingGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "签到二维码（2 分钟一换的签到码，可扫码或手工输入）",
          params: idParams,
          response: {
            200: z.object({
              token: z.string(),
              content: z.string(),
              qrDataUrl: z.string(),
              expiresAt: z.string(),
            }),
            403: errorBody,
            404: errorBody,
          },
        },
      },
      async (req) => trainingQr(deps, actorOf(req), req.params.id),
    );

    app.post(
      "/trainings/:id/attendance",
      {
        config: { access: "signed_in", policy: trainingGate.attend },
        schema: {
          tags: ["tasks"],
          summary: "培训签到（扫码/签到码，或定位；按 id 幂等）",
          description:
            "method=qr：讲师屏幕上的签到码（按手机签到时间校验，2 分钟一换，前一个仍有效）→ 否则 422 attendance_token_invalid；" +
            "method=location：距培训地点在半径内 → 否则 422 attendance_too_far。签到时间须在开始前 30 分钟至结束后 30 分钟 → 否则 422 attendance_closed。" +
            "同一人再次签到 → 200 原签到（already=true）。",
          params: idParams,
          response: {
            200: z.looseObject({ id: z.string() }),
            201: z.looseObject({ id: z.string() }),
            403: errorBody,
            404: errorBody,
            409: errorBody,
            422: errorBody,
          },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req, reply) =>
        sendOutcome(
          reply,
          await attendTraining(deps, actorOf(req), (req.params as { id: string }).id, req.body),
        ),
    );

    app.get(
      "/trainings/:id/attendance",
      {
        config: { access: "signed_in", policy: trainingGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "培训签到名单",
          params: idParams,
          response: { 200: attendanceList, 403: errorBody, 404: errorBody },
        },
      },
      async (req) => trainingAttendance(deps, actorOf(req), req.params.id),
    );

    app.get(
      "/trainings/:id/candidates",
      {
        config: { access: "signed_in", policy: trainingGate.manage },
        schema: {
          tags: ["tasks"],
          summary:
            "可录入签到的人员（培训对象区划内在岗的网格员、村（居）委会成员、乡镇安监站，按姓名查找，最多 50 人）",
          params: idParams,
          querystring: z.strictObject({ q: z.string().trim().max(40).optional() }),
          response: { 200: attendanceList, 403: errorBody, 404: errorBody },
        },
      },
      async (req) => attendeeCandidates(deps, actorOf(req), req.params.id, req.query.q),
    );

    app.post(
      "/trainings/:id/attendees",
      {
        config: { access: "signed_in", policy: trainingGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "组织者录入签到（如按纸质签到表补录；记为“组织者录入”，记入留痕）",
          description:
            "只能录入培训对象区划内在岗、本可自行签到的现场人员 → 否则 422 training_attendee_outside；" +
            "已在签到名单中（任何方式）或同一人重复选择 → 422 training_attendee_duplicate；培训开始前 30 分钟之前 → 422 training_not_started。" +
            "全部录入或全部不录入。录入的签到与本人签到一样计入学时和考核。",
          params: idParams,
          response: { 200: attendanceList, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req) => enterAttendees(deps, actorOf(req), (req.params as { id: string }).id, req.body),
    );

    app.delete(
      "/trainings/:id/attendees/:userId",
      {
        config: { access: "signed_in", policy: trainingGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "移除组织者录入的签到（连同其成绩，记入留痕）",
          description:
            "只能移除组织者录入的签到；本人扫码或定位签到 → 422 training_attendance_self；不在名单中 → 404 training_attendee_absent。" +
            "已录入成绩的，成绩随之移除，留痕中保留原成绩。",
          params: idParams.extend({ userId: idSchema }),
          response: { 200: attendanceList, 403: errorBody, 404: errorBody, 422: errorBody },
        },
      },
      async (req) => removeAttendee(deps, actorOf(req), req.params.id, req.params.userId),
    );

    app.put(
      "/trainings/:id/scores",
      {
        config: { access: "signed_in", policy: trainingGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "录入参训人员成绩（0–100，组织者；再次录入即更正，记入留痕）",
          description:
            "只能为签到名单中的人员录入 → 否则 422 training_score_not_attendee（不保存任何成绩）；成绩超出 0–100 或同一人重复 → 422 validation_failed。",
          params: idParams,
          response: { 200: attendanceList, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req) => scoreAttendees(deps, actorOf(req), (req.params as { id: string }).id, req.body),
    );

    app.get(
      "/trainings/:id/attendance/export.xlsx",
      {
        config: { access: "signed_in", policy: trainingGate.manage },
        schema: {
          tags: ["tasks"],
          summary: "导出培训签到名单（.xlsx，含姓名：须填写导出事由，记入留痕，带水印）",
          params: idParams,
          querystring: z.strictObject(exportReasonField),
          response: { ...exportErrorResponses, 404: errorBody },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const id = req.params.id;
        await trainingAttendance(deps, actor, id); // 404 / 403 before the reason is asked
        const file = await recordedExport(
          deps,
          actor,
          { kind: "trainingAttendance", filter: { training: id }, reason: req.query.reason },
          (wm, out) => exportAttendanceXlsx(deps, actor, id, wantsEnglish(req), wm, out),
        );
        return sendExport(reply, file, `培训签到-${id.slice(0, 8)}.xlsx`, "training-attendance.xlsx");
      },
    );
  };
}
