import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { fieldWorkSetGate, uploadGate } from "../../domain/policies/field-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import {
  maxUploadBytes,
  parseContentRange,
  uploadStartInput,
  uploadState,
  workSet as workSetSchema,
} from "../../domain/schemas/field-sync-schemas";
import { putUploadPiece, startUpload, uploadStatus } from "../commands/evidence/resumable-upload";
import { workSet } from "../commands/field/work-set";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";

const gzipAsync = promisify(gzip);
const uploadParams = z.strictObject({ id: z.uuid({ error: "上传编号须为 UUID" }) });

/** The field app's sync (issue 9, FIELD-CONTRACT.md): its offline work set and resumable file uploads. */
export function fieldSyncRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // A piece of a resumable upload is raw bytes (at most the evidence limit); only these routes take them.
    app.addContentTypeParser(
      "application/octet-stream",
      { parseAs: "buffer", bodyLimit: maxUploadBytes },
      (_req, body, done) => done(null, body),
    );

    app.get(
      "/field/work-set",
      {
        config: { access: "signed_in", policy: fieldWorkSetGate.read },
        schema: {
          tags: ["field"],
          summary: "外勤工作集（手机离线使用）",
          description:
            "网格员、村/居委会成员、乡镇安监站：本人的网格（简化边界）、这些网格内本人可读的场所、可由本人复查的待复查案件、" +
            "本人上报的案件（未结案的及 30 天内有变化的），以及服务器时间。每一项都按访问表中该资源的读取规则筛选。" +
            "请求带 Accept-Encoding: gzip 时以 gzip 压缩返回。",
          response: { 200: workSetSchema, 403: errorBody },
        },
      },
      async (req, reply) => {
        const body = await workSet(deps, actorOf(req), wantsEnglish(req));
        reply.header("vary", "accept-encoding").header("cache-control", "no-store");
        // Over slow 3G the work set goes gzipped when the phone accepts it (the server compresses nothing else).
        const json = JSON.stringify(body);
        if (json.length < 1024 || !/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")))
          return reply.send(body);
        return (
          reply
            .header("content-encoding", "gzip")
            .type("application/json; charset=utf-8")
            // bytes go out as they are (the schema describes them once unzipped)
            .send((await gzipAsync(json)) as never)
        );
      },
    );

    app.post(
      "/uploads",
      {
        config: { access: "signed_in", policy: uploadGate.create },
        schema: {
          tags: ["field"],
          summary: "开始（或续传）一个可断点续传的上传",
          description:
            "按 SHA-256 和大小：本人已上传过的同一文件立即完成（offset = size，附 evidenceId）；本人未完成的同一文件从已收到的位置续传；" +
            "否则新建（offset 0）。201 新建，200 续传。422 evidence_too_large（超过 10 MB）；429 rate_limited（本人未完成的上传已达 200 个）。",
          body: uploadStartInput,
          response: { 200: uploadState, 201: uploadState, 422: errorBody, 429: errorBody },
        },
      },
      async (req, reply) => {
        const { state, created } = await startUpload(deps, actorOf(req), req.body);
        return reply.status(created ? 201 : 200).send(state);
      },
    );

    app.get(
      "/uploads/:id",
      {
        config: { access: "signed_in", policy: uploadGate.read },
        schema: {
          tags: ["field"],
          summary: "上传进度",
          description: "已收到的字节数（下一段的起点）；完成后附 evidenceId。他人的上传答 404。",
          params: uploadParams,
          response: { 200: uploadState, 404: errorBody },
        },
      },
      async (req) => uploadStatus(deps, actorOf(req), req.params.id),
    );

    app.put(
      "/uploads/:id",
      {
        config: { access: "signed_in", policy: uploadGate.read },
        bodyLimit: maxUploadBytes,
        schema: {
          tags: ["field"],
          summary: "上传一段（Content-Type: application/octet-stream，Content-Range: bytes a-b/size）",
          description:
            "a 必须等于已收到的字节数，否则 409 upload_offset_mismatch（details.offset 为当前位置）。最后一段到达后校验 SHA-256" +
            "（422 upload_hash_mismatch，会话从 0 重新开始），按证据上传的规则存入证据存储（类型检查、10 MB、内容寻址、不改动文件），" +
            "返回 evidenceId。413 payload_too_large；415 非 octet-stream；507 storage_full（磁盘已满）；503 evidence_store_unavailable。",
          params: uploadParams,
          consumes: ["application/octet-stream"],
          response: {
            200: uploadState,
            404: errorBody,
            409: errorBody,
            413: errorBody,
            415: errorBody,
            422: errorBody,
            503: errorBody,
            507: errorBody,
          },
        },
      },
      async (req) => {
        const range = parseContentRange(req.headers["content-range"]);
        if (!range)
          throw new AppError("validation_failed", {
            zh: "缺少或无法识别 Content-Range 请求头（应为 bytes a-b/size）",
            en: "Missing or malformed Content-Range (bytes a-b/size)",
          });
        if (!Buffer.isBuffer(req.body)) throw new AppError("unsupported_media_type");
        return putUploadPiece(deps, actorOf(req), req.params.id, range, req.body);
      },
    );
  };
}
