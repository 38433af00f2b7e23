import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { evidenceGate } from "../../domain/policies/case-policy";
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
        schema: { tags: ["cases"], summary: "上传证据（照片、文件）", consumes: ["multipart/form-data"] },
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
          params: z.strictObject({ id: z.string().min(1).max(64) }),
        },
      },
      async (req, reply) => {
        const { row, stored } = await readEvidence(deps, actorOf(req), req.params.id);
        return reply
          .header("content-type", row.mimeType)
          .header("x-content-sha256", row.sha256)
          .header("cache-control", "private, max-age=31536000, immutable")
          .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
          .header("content-length", String(stored.size))
          .send(stored.body);
      },
    );
  };
}
