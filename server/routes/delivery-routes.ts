import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { deliveryGate } from "../../domain/policies/delivery-policy";
import { errorBody, idParams, noContent, pageQuery } from "../../domain/schemas/common-schemas";
import {
  createDeliveryInput,
  deliveryRecordInput,
  deliveryTargetFilter,
} from "../../domain/schemas/delivery-schemas";
import {
  createDelivery,
  previewDelivery,
  removeDeliveryTarget,
  visibleDelivery,
} from "../commands/deliveries/create-delivery";
import { deliveryWorkbook } from "../commands/deliveries/export-delivery";
import {
  deliveryFile,
  listDeliveriesFor,
  myDeliveries,
  readDelivery,
} from "../commands/deliveries/read-delivery";
import { recordDelivery } from "../commands/deliveries/record-delivery";
import { endWith, recordedExport } from "../commands/exports/recorded-export";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { bodyByCommand } from "./body-by-command";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

const progress = z.object({
  pending: z.number(),
  delivered: z.number(),
  refused: z.number(),
  removed: z.number(),
});
const listItem = z.object({
  id: z.string(),
  title: z.string(),
  regionCode: z.string(),
  departmentName: z.string().nullable(),
  dueDate: z.string().nullable(),
  createdAt: z.string(),
  filter: z.record(z.string(), z.unknown()),
  targetCount: z.number(),
  progress,
});
const recordView = z.object({
  outcome: z.enum(["delivered", "refused"]),
  reason: z.string().nullable(),
  at: z.string(),
  receivedAt: z.string(),
  location: z.object({ lng: z.number(), lat: z.number(), accuracy: z.number().nullable() }).nullable(),
  distanceM: z.number().nullable(),
  flags: z.array(z.string()),
  evidenceIds: z.array(z.string()),
  recordedBy: z.object({ id: z.string(), displayName: z.string() }),
});
const detail = listItem.omit({ departmentName: true }).extend({
  body: z.string(),
  documentEvidenceId: z.string().nullable(),
  abilities: z.object({ manage: z.boolean(), export: z.boolean() }),
  targets: z.array(
    z.object({
      siteId: z.string(),
      siteName: z.string(),
      regionCode: z.string(),
      address: z.string().nullable(),
      status: z.enum(["pending", "delivered", "refused"]),
      removed: z.boolean(),
      record: recordView.nullable(),
    }),
  ),
});
const mine = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    documentEvidenceId: z.string().nullable(),
    dueAt: z.string().nullable(),
    createdAt: z.string(),
    sites: z.array(
      z.object({
        siteId: z.string(),
        siteName: z.string(),
        address: z.string(),
        status: z.enum(["pending", "delivered", "refused"]),
      }),
    ),
  }),
);
const recorded = z.object({
  id: z.string(),
  deliveryId: z.string(),
  siteId: z.string(),
  outcome: z.enum(["delivered", "refused"]),
  receivedAt: z.string(),
  distanceM: z.number().nullable(),
  flags: z.array(z.string()),
});

/** Document delivery (R15): departments send and follow, grid workers record on site. */
export function deliveryRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/deliveries",
      {
        config: { access: "signed_in", policy: deliveryGate.read },
        schema: {
          tags: ["deliveries"],
          summary: "文件送达列表（含进度）",
          querystring: z.strictObject(pageQuery),
          response: { 200: z.object({ items: z.array(listItem), total: z.number() }) },
        },
      },
      async (req) => listDeliveriesFor(deps, actorOf(req), req.query.page, req.query.pageSize),
    );

    app.post(
      "/deliveries/preview",
      {
        config: { access: "signed_in", policy: deliveryGate.create },
        schema: {
          tags: ["deliveries"],
          summary: "送达范围预览：按条件找到的场所数（发送前确认）",
          body: deliveryTargetFilter,
          response: {
            200: z.object({
              count: z.number(),
              tooMany: z.boolean(),
              sample: z.array(z.object({ siteId: z.string(), siteName: z.string(), regionCode: z.string() })),
            }),
            403: errorBody,
            422: errorBody,
          },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req) => previewDelivery(deps, actorOf(req), req.body),
    );

    app.post(
      "/deliveries",
      {
        config: { access: "signed_in", policy: deliveryGate.create },
        schema: {
          tags: ["deliveries"],
          summary: "发起文件送达（按条件确定送达场所，发送时固定）",
          description:
            "记入留痕 delivery.created。422 delivery_no_targets · delivery_too_many_targets · " +
            "delivery_evidence_invalid；409 delivery_count_changed（与确认时的场所数不同）。",
          body: createDeliveryInput,
          response: {
            201: z.object({ id: z.string(), targetCount: z.number() }),
            403: errorBody,
            409: errorBody,
            422: errorBody,
          },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req, reply) => reply.status(201).send(await createDelivery(deps, actorOf(req), req.body)),
    );

    app.get(
      "/deliveries/mine",
      {
        config: { access: "signed_in", policy: deliveryGate.mine },
        schema: {
          tags: ["deliveries"],
          summary: "我的送达任务（网格员：本人网格内场所的送达）",
          response: { 200: mine },
        },
      },
      async (req) => myDeliveries(deps, actorOf(req)),
    );

    app.get(
      "/deliveries/:id",
      {
        config: { access: "signed_in", policy: deliveryGate.read },
        schema: {
          tags: ["deliveries"],
          summary: "文件送达详情：逐场所的送达情况",
          params: idParams,
          response: { 200: detail, 404: errorBody },
        },
      },
      async (req) => readDelivery(deps, actorOf(req), req.params.id),
    );

    app.get(
      "/deliveries/:id/export.xlsx",
      {
        config: { access: "signed_in", policy: deliveryGate.export },
        schema: {
          tags: ["deliveries"],
          summary: "导出送达情况（.xlsx，含拒收原因等个人信息：须填写事由，记入留痕，带水印）",
          params: idParams,
          querystring: z.strictObject(exportReasonField),
          response: { ...exportErrorResponses, 404: errorBody },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const d = await visibleDelivery(deps, actor, req.params.id);
        const file = await recordedExport(
          deps,
          actor,
          { kind: "deliveries", filter: { delivery: d.id, region: d.regionCode }, reason: req.query.reason },
          async (watermark, out) => {
            const detailed = await readDelivery(deps, actor, d.id);
            return endWith(out, deliveryWorkbook(detailed, watermark));
          },
        );
        return sendExport(reply, file, `文件送达情况-${d.title}.xlsx`, "deliveries.xlsx");
      },
    );

    app.delete(
      "/deliveries/:id/targets/:siteId",
      {
        config: { access: "signed_in", policy: deliveryGate.manage },
        schema: {
          tags: ["deliveries"],
          summary: "将场所移出送达范围（已登记的结果保留）",
          description: "记入留痕 delivery.target_removed。404 delivery_target_not_found。",
          params: z.strictObject({ id: z.string().min(1).max(64), siteId: z.string().min(1).max(64) }),
          response: { 204: noContent, 403: errorBody, 404: errorBody },
        },
      },
      async (req, reply) => {
        await removeDeliveryTarget(deps, actorOf(req), req.params.id, req.params.siteId);
        return reply.status(204).send();
      },
    );

    app.post(
      "/deliveries/:id/records",
      {
        config: { access: "signed_in", policy: deliveryGate.record },
        schema: {
          tags: ["deliveries"],
          summary: "登记送达结果（网格员：已送达附照片或签名，或拒收及原因）",
          description:
            "按手机生成的 id 幂等：同一 id 重发答 200 与原记录，id 相同而内容不同 409 idempotency_key_reused。" +
            "409 delivery_already_recorded（他人已登记）· delivery_target_removed（离线期间已移出送达范围）；" +
            "404 delivery_target_not_found · site_not_found（离线期间场所被删除）；403 delivery_site_not_yours；" +
            "422 delivery_evidence_invalid · validation_failed。离线期间场所调整到其他网格：由发送时所属网格的网格员" +
            "登记的仍接收并标记 site_reassigned；位置与时间的提示见 flags（far_from_site 等，不拒收）。",
          params: idParams,
          body: deliveryRecordInput,
          response: {
            200: recorded,
            201: recorded,
            403: errorBody,
            404: errorBody,
            409: errorBody,
            422: errorBody,
          },
        },
        validatorCompiler: bodyByCommand,
      },
      async (req, reply) => {
        const out = await recordDelivery(deps, actorOf(req), req.params.id, req.body);
        return reply.status(out.status as 200 | 201).send(out.body);
      },
    );

    app.get(
      "/deliveries/:id/files/:evidenceId",
      {
        config: { access: "signed_in", policy: deliveryGate.file },
        schema: {
          tags: ["deliveries"],
          summary: "下载送达文件或送达照片/签名",
          description: "文件本身：发送方与送达的网格员；照片与签名：发送方。503 evidence_store_unavailable。",
          params: z.strictObject({ id: z.string().min(1).max(64), evidenceId: z.string().min(1).max(64) }),
          response: {
            200: z.unknown().describe("文件内容 the file's bytes"),
            404: errorBody,
            503: errorBody,
          },
        },
      },
      async (req, reply) => {
        const { row, stored } = await deliveryFile(deps, actorOf(req), req.params.id, req.params.evidenceId);
        if (stored.size !== undefined) reply.header("content-length", String(stored.size));
        return reply
          .header("content-type", row.mimeType)
          .header("cache-control", "private, max-age=3600")
          .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
          .send(stored.body);
      },
    );
  };
}
