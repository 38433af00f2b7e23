import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { tipRegions } from "../../db/queries/tip-queries";
import { AppError } from "../../domain/errors";
import { tipGate } from "../../domain/policies/tip-policy";
import { errorBody, pageQuery } from "../../domain/schemas/common-schemas";
import { tipKinds } from "../../domain/tip/tip-kinds";
import { maxTipPhotoBytes, maxTipPhotos } from "../../domain/tip/tip-schemas";
import { newChallenge } from "../commands/tips/proof-of-work";
import { submitTip } from "../commands/tips/submit-tip";
import { tipKey } from "../commands/tips/tip-crypto";
import { readInformantIdentity, tipQueue } from "../commands/tips/tip-identity";
import { readTipThread, replyToInformant } from "../commands/tips/tip-thread";
import { informantMessage, sayNotFixed, trackTip } from "../commands/tips/track-tip";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { assertCanonicalPart, multipartError } from "../http/multipart-input";
import { rateLimited } from "../http/rate-limit";
import { sourceBudget, tipIdParams, tipSummaryFields, tipThreadMessage } from "./tip-route-schemas";

const tipStatus = z.object({
  number: z.string(),
  stage: z.string(),
  stageLabel: z.string(),
  open: z.boolean(),
  reportedAt: z.string(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  canSayNotFixed: z.boolean(),
  reward: z.enum(["available", "paid"]).nullable(),
  rewardAmountYuan: z.number().nullable(),
  messages: z.array(
    z.object({ direction: z.enum(["official", "informant"]), body: z.string(), at: z.string() }),
  ),
});
const thread = z.object({
  caseId: z.string(),
  kind: z.string(),
  address: z.string().nullable(),
  happenedAt: z.string().nullable(),
  realName: z.boolean(),
  canReply: z.boolean(),
  messages: z.array(tipThreadMessage),
});
const codeBody = z.object({ code: z.string().max(100) });
const messageBody = z.object({ code: z.string().max(100), body: z.string().max(4000) });
const notFixedBody = z.object({ code: z.string().max(100), body: z.string().max(4000).optional() });

const tooLarge = () =>
  new AppError("tip_photo_rejected", {
    status: 422,
    zh: `每张照片不能超过 ${maxTipPhotoBytes / 1024 / 1024} MB`,
    en: "A photo may not exceed the size limit",
  });
const tooMany = () =>
  new AppError("tip_photo_rejected", {
    status: 422,
    zh: `最多上传 ${maxTipPhotos} 张照片`,
    en: `At most ${maxTipPhotos} photos`,
  });

/**
 * Public tips (R28). Under `/api/v1/public/…` with access "public": no session is read. Budgets per source
 * address (in memory, never written next to a tip): filing tips per hour, and tracking-code look-ups (wrong
 * codes included) per minute. Console routes: the thread of the tip a case came from, and official replies.
 */
export function tipRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    tipKey(deps.config); // made at the first start when no SAFEGRID_TIP_KEY is set
    await app.register(multipart, {
      limits: { fileSize: maxTipPhotoBytes, files: maxTipPhotos, fields: 20, parts: maxTipPhotos + 20 },
    });
    const t = deps.config.tips;
    const budget = (name: string, max: number, windowMs: number) => {
      const over = sourceBudget(app, name, max, windowMs);
      return async (req: FastifyRequest) => {
        const wait = await over(req);
        if (wait !== null) throw rateLimited(wait, name);
      };
    };
    const filing = budget("tip_filing", t.perSourcePerHour, 3_600_000);
    const tracking = budget("tip_tracking", t.trackPerSourcePerMinute, 60_000);
    const pub = { access: "public" as const };

    app.get(
      "/public/tips/form",
      {
        config: pub,
        schema: {
          tags: ["tips"],
          summary: "群众举报页：问题类型与可选乡镇（公开）",
          response: {
            200: z.object({
              kinds: z.array(z.object({ code: z.string(), label: z.string() })),
              counties: z.array(
                z.object({
                  code: z.string(),
                  name: z.string(),
                  townships: z.array(z.object({ code: z.string(), name: z.string() })),
                }),
              ),
              maxPhotos: z.number(),
              maxPhotoBytes: z.number(),
            }),
          },
        },
      },
      async () => ({
        kinds: Object.entries(tipKinds).map(([code, k]) => ({ code, label: k.zh })),
        counties: await tipRegions(deps.db),
        maxPhotos: maxTipPhotos,
        maxPhotoBytes: maxTipPhotoBytes,
      }),
    );

    app.get(
      "/public/tips/challenge",
      {
        config: pub,
        schema: {
          tags: ["tips"],
          summary: "提交举报前的计算验证题（公开，不依赖外部服务）",
          response: { 200: z.object({ challenge: z.string(), bits: z.number() }) },
        },
      },
      async (_req, reply) => {
        reply.header("cache-control", "no-store");
        return newChallenge(deps.config, deps.clock.now());
      },
    );

    app.post(
      "/public/tips",
      {
        config: pub,
        preHandler: filing,
        schema: {
          tags: ["tips"],
          summary: "提交群众举报（公开；multipart：字段 data 为 JSON，photos 为照片）",
          description:
            "照片去除 EXIF 后保存；不记录 IP 地址、浏览器或设备信息。422 validation_failed · tip_check_failed · " +
            "tip_photo_rejected · no_lead_department；429 rate_limited（同一来源提交过多）。",
          consumes: ["multipart/form-data"],
          response: {
            201: z.object({ code: z.string(), number: z.string() }),
            422: errorBody,
            429: errorBody,
            503: errorBody,
            507: errorBody,
          },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new AppError("unsupported_media_type");
        const photos: { fileName: string; data: Buffer }[] = [];
        let data: unknown;
        try {
          for await (const part of req.parts()) {
            assertCanonicalPart(part);
            if (part.type === "file") photos.push({ fileName: part.filename, data: await part.toBuffer() });
            else if (part.fieldname === "data") {
              try {
                data = JSON.parse(String(part.value));
              } catch {
                throw new AppError("invalid_json");
              }
            }
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
          if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT") throw tooMany();
          throw multipartError(err);
        }
        const made = await submitTip(deps, (data ?? {}) as Record<string, unknown>, photos);
        return reply.status(201).send(made);
      },
    );

    app.post(
      "/public/tips/track",
      {
        config: pub,
        preHandler: tracking,
        schema: {
          tags: ["tips"],
          summary: "凭查询码查看举报进展（公开；错误的查询码与不存在的一样答 404，并计入频率限制）",
          body: codeBody,
          response: { 200: tipStatus, 404: errorBody, 429: errorBody },
        },
      },
      async (req) => trackTip(deps, req.body),
    );

    app.post(
      "/public/tips/messages",
      {
        config: pub,
        preHandler: tracking,
        schema: {
          tags: ["tips"],
          summary: "举报人回复办理人员的问题（公开，凭查询码）",
          body: messageBody,
          response: { 200: tipStatus, 404: errorBody, 429: errorBody },
        },
      },
      async (req) => informantMessage(deps, req.body),
    );

    app.post(
      "/public/tips/not-fixed",
      {
        config: pub,
        preHandler: tracking,
        schema: {
          tags: ["tips"],
          summary: "举报人反馈“问题未整改”，重新打开已结案的举报（公开，凭查询码）",
          body: notFixedBody,
          response: { 200: tipStatus, 404: errorBody, 409: errorBody, 429: errorBody },
        },
      },
      async (req) => sayNotFixed(deps, req.body),
    );

    app.get(
      "/cases/:id/tip-thread",
      {
        config: { access: "signed_in", policy: tipGate.read },
        schema: {
          tags: ["tips"],
          summary: "案件来源举报的往来消息（不含举报人身份）",
          params: tipIdParams,
          response: { 200: thread, 404: errorBody },
        },
      },
      async (req) => readTipThread(deps, actorOf(req), req.params.id),
    );

    app.post(
      "/cases/:id/tip-thread/replies",
      {
        config: { access: "signed_in", policy: tipGate.reply },
        schema: {
          tags: ["tips"],
          summary: "答复或询问举报人（经查询码向举报人显示，不显示答复人姓名）",
          params: tipIdParams,
          body: z.object({ body: z.string().max(4000) }),
          response: { 200: thread, 403: errorBody, 404: errorBody },
        },
      },
      async (req) => replyToInformant(deps, actorOf(req), req.params.id, req.body),
    );

    app.get(
      "/tips",
      {
        config: { access: "signed_in", policy: tipGate.queue },
        schema: {
          tags: ["tips"],
          summary: "举报受理专员的举报队列（不含举报人身份）",
          querystring: z.object(pageQuery),
          response: {
            200: z.object({
              items: z.array(z.object(tipSummaryFields)),
            }),
          },
        },
      },
      async (req) => tipQueue(deps, actorOf(req), req.query.page, req.query.pageSize),
    );

    app.post(
      "/tips/:id/identity",
      {
        config: { access: "signed_in", policy: tipGate.identity },
        schema: {
          tags: ["tips"],
          summary: "查看实名举报人的姓名和电话（须填写事由；记入审计记录并通知本级安委办）",
          params: tipIdParams,
          body: z.object({ reason: z.string().max(2000) }),
          response: {
            200: z.object({
              tipId: z.string(),
              number: z.string(),
              name: z.string(),
              phone: z.string(),
              readAt: z.string(),
            }),
            404: errorBody,
            409: errorBody,
          },
        },
      },
      async (req, reply) => {
        reply.header("cache-control", "no-store");
        return readInformantIdentity(deps, actorOf(req), req.params.id, req.body);
      },
    );
  };
}
