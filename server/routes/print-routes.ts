import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { printPolicy } from "../../domain/policies/print-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import { dutyCardBatch, dutyCardBatchQuery, dutyCardPdf, dutyCardQuery } from "../commands/print/duty-cards";
import { gridMapParams, gridMapPdf, gridMapQuery } from "../commands/print/grid-map";
import {
  handbookInput,
  handbookParams,
  handbookPdf,
  handbookPdfQuery,
  handbookVersionParams,
  readHandbook,
  readHandbookVersion,
  saveHandbook,
} from "../commands/print/handbook";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { printSettings } from "../print/print-settings";

const passThrough = () => (data: unknown) => ({ value: data });
const run = z.object({ text: z.string(), bold: z.boolean().optional() });
const blocks = z.array(
  z.union([
    z.object({ type: z.literal("heading"), level: z.number(), runs: z.array(run) }),
    z.object({ type: z.literal("paragraph"), runs: z.array(run) }),
    z.object({ type: z.literal("list"), ordered: z.boolean(), items: z.array(z.array(run)) }),
  ]),
);
const versionSummary = z.object({
  version: z.number(),
  title: z.string(),
  maxPages: z.number(),
  pages: z.number(),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
const versionView = versionSummary.extend({ source: z.string(), blocks });
const handbookView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  current: versionView.nullable(),
  versions: z.array(versionSummary),
  defaultMaxPages: z.number(),
  abilities: z.object({ manage: z.boolean() }),
});

/** The origin printed in QR codes: SAFEGRID_PUBLIC_URL, else the request's own. */
const originOf = (req: FastifyRequest) => printSettings.publicUrl ?? `${req.protocol}://${req.host}`;

function sendPdf(reply: FastifyReply, pdf: Buffer, fileName: string) {
  return reply
    .header("content-type", "application/pdf")
    .header(
      "content-disposition",
      `attachment; filename="print.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header("cache-control", "no-store")
    .send(pdf);
}

const regionErrors = { 404: errorBody.describe("not_found：县区/乡镇不存在或不在辖区") };

/** Printables (R9, R10, issue 14): the grid handbook, duty cards and grid maps, as PDF. */
export function printRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/handbooks/:regionCode",
      {
        config: { access: "signed_in", policy: printPolicy.readGate },
        schema: {
          tags: ["print"],
          summary: "网格手册（最新版本正文与全部版本）",
          params: handbookParams,
          response: { 200: handbookView, ...regionErrors },
        },
      },
      async (req) => readHandbook(deps, actorOf(req), req.params.regionCode),
    );

    app.get(
      "/handbooks/:regionCode/versions/:version",
      {
        config: { access: "signed_in", policy: printPolicy.readGate },
        schema: {
          tags: ["print"],
          summary: "网格手册的某一历史版本",
          params: handbookVersionParams,
          response: { 200: versionView, 404: errorBody.describe("not_found · handbook_version_not_found") },
        },
      },
      async (req) => readHandbookVersion(deps, actorOf(req), req.params.regionCode, req.params.version),
    );

    app.put(
      "/handbooks/:regionCode",
      {
        config: { access: "signed_in", policy: printPolicy.manageGate },
        schema: {
          tags: ["print"],
          summary: "保存网格手册的新版本（牵头部门、安委办、乡镇安监站）",
          description:
            "每次保存为新版本，旧版本可读；超过页数上限返回 422 handbook_too_long，不保存。记入留痕 handbook.saved",
          params: handbookParams,
          body: handbookInput,
          response: {
            201: handbookView,
            403: errorBody,
            404: errorBody,
            409: errorBody.describe("conflict：同时保存了同一版本，请刷新"),
            422: errorBody.describe("handbook_too_long：超过页数上限；validation_failed"),
          },
        },
        validatorCompiler: ({ httpPart }) =>
          httpPart === "body" ? passThrough() : (d: unknown) => ({ value: d }),
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await saveHandbook(
              deps,
              actorOf(req),
              (req.params as { regionCode: string }).regionCode,
              req.body,
            ),
          ),
    );

    app.get(
      "/handbooks/:regionCode/pdf",
      {
        config: { access: "signed_in", policy: printPolicy.readGate },
        schema: {
          tags: ["print"],
          summary: "下载网格手册 PDF（默认最新版本；未编写时仅含生成的章节）",
          params: handbookParams,
          querystring: handbookPdfQuery,
          response: { 404: errorBody.describe("not_found · handbook_version_not_found") },
        },
      },
      async (req, reply) => {
        const { pdf, fileName } = await handbookPdf(
          deps,
          actorOf(req),
          req.params.regionCode,
          req.query.version,
        );
        return sendPdf(reply, pdf, fileName);
      },
    );

    app.get(
      "/duty-cards/:userId/pdf",
      {
        config: { access: "signed_in", policy: printPolicy.printGate },
        schema: {
          tags: ["print"],
          summary: "网格员明白卡 PDF（A6 单张或 A4 四联）",
          params: z.strictObject({ userId: z.string().min(1).max(64) }),
          querystring: dutyCardQuery,
          response: {
            403: errorBody,
            404: errorBody.describe("not_found：网格员不存在或不在辖区"),
            422: errorBody.describe("worker_without_grid：网格员尚未配备网格；validation_failed"),
          },
        },
      },
      async (req, reply) => {
        const { pdf, fileName } = await dutyCardPdf(
          deps,
          actorOf(req),
          req.params.userId,
          req.query,
          originOf(req),
        );
        return sendPdf(reply, pdf, fileName);
      },
    );

    app.get(
      "/duty-cards/pdf",
      {
        config: { access: "signed_in", policy: printPolicy.printGate },
        schema: {
          tags: ["print"],
          summary: "批量生成县区或乡镇全部网格员明白卡（一个 PDF，默认 A4 四联）",
          description:
            "未配备网格的网格员不生成，列在最后一页；无照片的卡留空框，名单也在最后一页。响应头 x-cards、x-skipped、" +
            "x-without-photo 为张数、跳过人数与无照片张数，x-without-photo-names 为无照片者姓名（URL 编码，顿号分隔）",
          querystring: dutyCardBatchQuery,
          response: regionErrors,
        },
      },
      async (req, reply) => {
        const out = await dutyCardBatch(deps, actorOf(req), req.query, originOf(req));
        reply
          .header("x-cards", String(out.cards))
          .header("x-skipped", String(out.skipped.length))
          .header("x-without-photo", String(out.withoutPhoto.length))
          .header("x-without-photo-names", encodeURIComponent(out.withoutPhoto.slice(0, 200).join("、")));
        return sendPdf(reply, out.pdf, out.fileName);
      },
    );

    app.get(
      "/grid-maps/:regionCode/pdf",
      {
        config: { access: "signed_in", policy: printPolicy.printGate },
        schema: {
          tags: ["print"],
          summary: "网格示意图 PDF（A3/A4 横向：网格、图例表、比例尺、指北针）",
          params: gridMapParams,
          querystring: gridMapQuery,
          response: { ...regionErrors, 422: errorBody.describe("no_grids：尚未划分网格；validation_failed") },
        },
      },
      async (req, reply) => {
        const { pdf, fileName } = await gridMapPdf(deps, actorOf(req), req.params.regionCode, req.query);
        return sendPdf(reply, pdf, fileName);
      },
    );
  };
}
