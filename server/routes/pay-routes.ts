import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  equipmentGate,
  payLineGate,
  payProfileGate,
  paySettingGate,
  paySheetGate,
} from "../../domain/policies/assessment-policy";
import { errorBody, idParams, idSchema } from "../../domain/schemas/common-schemas";
import { recordedExport } from "../commands/exports/recorded-export";
import { issueEquipment, listEquipment, returnEquipmentItem } from "../commands/pay/equipment";
import { exportPaySheetXlsx } from "../commands/pay/export-pay-sheet";
import { listMyPay, readMyPay } from "../commands/pay/my-pay";
import {
  readPayProfile,
  readPaySettings,
  updatePayProfile,
  updatePaySettings,
} from "../commands/pay/pay-settings";
import {
  approveSheet,
  excludeLine,
  generatePaySheet,
  listSheetViews,
  readSheet,
  visibleSheet,
} from "../commands/pay/pay-sheets";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { passThrough } from "./body-by-command";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

const obj = z.looseObject({});
const list = z.looseObject({ items: z.array(z.unknown()) });
const countyParams = z.strictObject({ countyCode: z.string().regex(/^\d{6}$/) });
const userParams = z.strictObject({ userId: idSchema });
const lineParams = z.strictObject({ id: idSchema, lineId: idSchema });
const changeResponses = { 200: obj, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const tags = ["pay"];

/** Grid-worker pay and information rewards, bank accounts and the equipment register (R20, issue 13.5). */
export function payRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/pay-settings/:countyCode",
      {
        config: { access: "signed_in", policy: paySettingGate.read },
        schema: {
          tags,
          summary: "县区网格员报酬标准",
          params: countyParams,
          response: { 200: obj, 404: errorBody },
        },
      },
      async (req) => readPaySettings(deps, actorOf(req), req.params.countyCode),
    );
    app.put(
      "/pay-settings/:countyCode",
      {
        config: { access: "signed_in", policy: paySettingGate.manage },
        schema: {
          tags,
          summary: "设置县区网格员报酬标准（基本报酬、绩效、信息奖励、漏巡扣减）",
          description: "金额为负、案件类型不正确或重复 → 422 validation_failed（中文说明）。",
          params: countyParams,
          response: changeResponses,
        },
        validatorCompiler: passThrough,
      },
      async (req) =>
        updatePaySettings(deps, actorOf(req), (req.params as { countyCode: string }).countyCode, req.body),
    );
    app.get(
      "/pay-profiles/:userId",
      {
        config: { access: "signed_in", policy: payProfileGate.read },
        schema: {
          tags,
          summary: "网格员报酬账户（银行账号仅财务、县区安委办可见完整号码）",
          params: userParams,
          response: { 200: obj, 404: errorBody },
        },
      },
      async (req) => readPayProfile(deps, actorOf(req), req.params.userId),
    );
    app.put(
      "/pay-profiles/:userId",
      {
        config: { access: "signed_in", policy: payProfileGate.manage },
        schema: { tags, summary: "登记网格员开户银行与账号", params: userParams, response: changeResponses },
        validatorCompiler: passThrough,
      },
      async (req) =>
        updatePayProfile(deps, actorOf(req), (req.params as { userId: string }).userId, req.body),
    );
    app.get(
      "/pay-sheets",
      {
        config: { access: "signed_in", policy: paySheetGate.read },
        schema: {
          tags,
          summary: "网格员报酬表列表",
          querystring: z.strictObject({
            region: z
              .string()
              .regex(/^\d{2,12}$/)
              .optional(),
            month: z
              .string()
              .regex(/^\d{4}-\d{2}$/)
              .optional(),
          }),
          response: { 200: list, 403: errorBody },
        },
      },
      async (req) => listSheetViews(deps, actorOf(req), req.query),
    );
    app.post(
      "/pay-sheets",
      {
        config: { access: "signed_in", policy: paySheetGate.create },
        schema: {
          tags,
          summary: "生成某县某月网格员报酬表（每次生成新版本草稿）",
          description:
            "未设置报酬标准 → 422 pay_settings_missing；无在岗网格员 → 422 pay_no_workers；当月无已发布考核 → 绩效工资标为不可用。",
          response: { 201: obj, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => reply.status(201).send(await generatePaySheet(deps, actorOf(req), req.body)),
    );
    app.get(
      "/pay-lines/mine",
      {
        config: { access: "signed_in", policy: payLineGate.mine },
        schema: {
          tags,
          summary: "我的报酬：本人在已审批发布报酬表中的各月明细（网格员）",
          response: { 200: list, 403: errorBody },
        },
      },
      async (req) => listMyPay(deps, actorOf(req)),
    );
    app.get(
      "/pay-lines/mine/:id",
      {
        config: { access: "signed_in", policy: payLineGate.mine },
        schema: {
          tags,
          summary: "我的报酬：本人某月明细（他人、未审批或已被取代的 → 404）",
          params: idParams,
          response: { 200: obj, 403: errorBody, 404: errorBody },
        },
      },
      async (req) => readMyPay(deps, actorOf(req), req.params.id),
    );
    app.get(
      "/pay-sheets/:id",
      {
        config: { access: "signed_in", policy: paySheetGate.read },
        schema: {
          tags,
          summary: "报酬表详情（逐人明细与合计）",
          params: idParams,
          response: { 200: obj, 404: errorBody },
        },
      },
      async (req) => readSheet(deps, actorOf(req), req.params.id),
    );
    app.post(
      "/pay-sheets/:id/lines/:lineId/exclude",
      {
        config: { access: "signed_in", policy: paySheetGate.create },
        schema: {
          tags,
          summary: "注明原因不予发放（如无银行账号且已离岗）",
          params: lineParams,
          response: changeResponses,
        },
        validatorCompiler: passThrough,
      },
      async (req) => {
        const p = req.params as { id: string; lineId: string };
        return excludeLine(deps, actorOf(req), p.id, p.lineId, req.body);
      },
    );
    app.post(
      "/pay-sheets/:id/approve",
      {
        config: { access: "signed_in", policy: paySheetGate.approve },
        schema: {
          tags,
          summary: "审批发布报酬表（须由生成人以外的人员审批；发布后冻结）",
          description:
            "本人审批 → 409 same_person_approval；已发布 → 409 pay_sheet_frozen；有网格员无银行账号 → 422 pay_bank_account_missing（列出姓名）。",
          params: idParams,
          response: changeResponses,
        },
      },
      async (req) => approveSheet(deps, actorOf(req), req.params.id),
    );
    app.get(
      "/pay-sheets/:id/export.xlsx",
      {
        config: { access: "signed_in", policy: paySheetGate.export },
        schema: {
          tags,
          summary: "导出报酬发放表（.xlsx，每人一行，银行账号脱敏；须填写导出事由）",
          params: idParams,
          querystring: z.strictObject(exportReasonField),
          response: { ...exportErrorResponses, 404: errorBody },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const sheet = await visibleSheet(deps.db, actor, req.params.id);
        const file = await recordedExport(
          deps,
          actor,
          { kind: "paySheet", filter: { sheet: sheet.id }, reason: req.query.reason },
          (wm, out) => exportPaySheetXlsx(deps, actor, sheet.id, wantsEnglish(req), wm, out),
        );
        return sendExport(reply, file, `网格员报酬-${sheet.month}-v${sheet.version}.xlsx`, "pay-sheet.xlsx");
      },
    );
    app.get(
      "/equipment",
      {
        config: { access: "signed_in", policy: equipmentGate.read },
        schema: {
          tags,
          summary: "网格员装备发放登记",
          querystring: z.strictObject({ userId: idSchema }),
          response: { 200: list, 404: errorBody },
        },
      },
      async (req) => listEquipment(deps, actorOf(req), req.query.userId),
    );
    app.post(
      "/equipment",
      {
        config: { access: "signed_in", policy: equipmentGate.manage },
        schema: {
          tags,
          summary: "登记发放装备（物品、数量、日期，登记人自动记录）",
          response: { 201: obj, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => reply.status(201).send(await issueEquipment(deps, actorOf(req), req.body)),
    );
    app.post(
      "/equipment/:id/return",
      {
        config: { access: "signed_in", policy: equipmentGate.manage },
        schema: { tags, summary: "登记装备归还", params: idParams, response: changeResponses },
        validatorCompiler: passThrough,
      },
      async (req) => returnEquipmentItem(deps, actorOf(req), (req.params as { id: string }).id, req.body),
    );
  };
}
