import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { evidenceGate } from "../../domain/policies/case-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import {
  evidenceView,
  maxEvidenceBytes,
  maxEvidenceFiles,
  readEvidence,
  uploadEvidence,
} from "../commands/cases/upload-evidence";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { assertCanonicalPart, multipartError } from "../http/multipart-input";

const tooLarge = () =>
  new AppError("evidence_too_large", {
    status: 422,
    zh: "附件不能超过 10 MB",
    en: "A file may not exceed 10 MB",
  });

const uploaded = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      sha256: z.string(),
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number(),
      uploadedBy: z.string(),
      uploadedAt: z.string(),
      url: z.string(),
    }),
  ),
});

/** Evidence upload (multipart, content-addressed, type from content, 10 MB each) and download. */
export function caseEvidenceRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, {
      limits: {
        fileSize: maxEvidenceBytes,
        files: maxEvidenceFiles,
        fields: 10,
        parts: maxEvidenceFiles + 10,
      },
    });

    app.post(
      "/evidence",
      {
        config: { access: "signed_in", policy: evidenceGate.create },
        schema: {
          tags: ["cases"],
          summary: "上传证据（照片、文件）",
          description:
            "存入配置的证据存储（本地目录、数据库或 S3，按 SHA-256 内容寻址）。422 evidence_too_large · " +
            "evidence_type_not_allowed；503 evidence_store_unavailable（证据存储不可达）；507 storage_full。",
          consumes: ["multipart/form-data"],
          response: { 201: uploaded, 422: errorBody, 503: errorBody, 507: errorBody },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        if (!req.isMultipart()) throw new AppError("unsupported_media_type");
        const files: { fileName: string; data: Buffer }[] = [];
        try {
          for await (const part of req.parts()) {
            assertCanonicalPart(part);
            if (part.type !== "file") continue;
            files.push({ fileName: part.filename, data: await part.toBuffer() });
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
          if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT")
            throw new AppError("validation_failed", {
              zh: `一次最多上传 ${maxEvidenceFiles} 个文件`,
              en: "Too many files",
            });
          throw multipartError(err);
        }
        const rows = await uploadEvidence(deps, actor, files);
        return reply.status(201).send({ items: rows.map(evidenceView) });
      },
    );

    app.get(
      "/evidence/:id",
      {
        config: { access: "signed_in", policy: evidenceGate.read },
        schema: {
          tags: ["cases"],
          summary: "下载证据文件",
          description: "从证据存储读取；503 evidence_store_unavailable（证据存储不可达）。",
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          response: { 200: z.unknown().describe("文件内容 the file's bytes"), 503: errorBody },
        },
      },
      async (req, reply) => {
        const { row, stored } = await readEvidence(deps, actorOf(req), req.params.id);
        if (stored.size !== undefined) reply.header("content-length", String(stored.size));
        return reply
          .header("content-type", row.mimeType)
          .header("x-content-sha256", row.sha256)
          .header("cache-control", "private, max-age=31536000, immutable")
          .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
          .send(stored.body);
      },
    );
  };
}
