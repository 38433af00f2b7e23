import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { verifyTrail } from "../../db/queries/event-queries";
import { AppError } from "../../domain/errors";
import { trailGate, trailPolicy } from "../../domain/policies/trail-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import { trailBrowseQuery, trailFilterFields } from "../../domain/schemas/trail-schemas";
import { endWith, recordedExport } from "../commands/exports/recorded-export";
import { trailPage, trailWorkbook } from "../commands/trail/browse-trail";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

const trailCheck = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.object({ id: z.number(), reason: z.string() }).nullable(),
});

const eventView = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  regionCode: z.string().nullable(),
  data: z.unknown(),
  hash: z.string(),
});

export function trailRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/trail/verify",
      {
        config: { access: "signed_in", policy: trailGate.read },
        schema: { tags: ["trail"], summary: "校验留痕哈希链", response: { 200: trailCheck } },
      },
      async (req) => {
        if (!trailPolicy.verify(actorOf(req))) throw new AppError("forbidden");
        return verifyTrail(deps.db);
      },
    );

    app.get(
      "/trail/events",
      {
        config: { access: "signed_in", policy: trailGate.read },
        schema: {
          tags: ["trail"],
          summary: "留痕浏览：按操作人、对象、事件类型、时间筛选（本辖区，分页）",
          querystring: trailBrowseQuery,
          response: {
            200: z.object({
              items: z.array(eventView),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            403: errorBody,
            422: errorBody,
          },
        },
      },
      async (req) => {
        const { page, pageSize, ...filter } = req.query;
        return trailPage(deps, actorOf(req), filter, page, pageSize, wantsEnglish(req));
      },
    );

    app.get(
      "/trail/export",
      {
        config: { access: "signed_in", policy: trailGate.export },
        schema: {
          tags: ["trail"],
          summary: "导出筛选后的留痕记录（.xlsx，含个人信息：须填写导出事由，记入留痕，带水印）",
          querystring: z.strictObject({ ...trailFilterFields, ...exportReasonField }),
          response: exportErrorResponses,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { reason, ...filter } = req.query;
        const file = await recordedExport(deps, actor, { kind: "trail", filter, reason }, (watermark, out) =>
          endWith(out, trailWorkbook(deps, actor, filter, watermark)),
        );
        return sendExport(reply, file, "留痕记录.xlsx", "trail.xlsx");
      },
    );
  };
}
