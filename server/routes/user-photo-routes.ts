import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { userGate } from "../../domain/policies/user-policy";
import { errorBody, idParams, noContent } from "../../domain/schemas/common-schemas";
import {
  maxUserPhotoBytes,
  photoTooLarge,
  readUserPhoto,
  removeUserPhoto,
  setUserPhoto,
} from "../commands/users/user-photo";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { assertCanonicalPart, multipartError } from "../http/multipart-input";

/** A grid worker's ID photo for the duty card (明白卡, R10): upload (JPEG/PNG, 2 MB, metadata stripped), view, remove. */
export function userPhotoRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: maxUserPhotoBytes, files: 1, fields: 5, parts: 6 } });

    app.put(
      "/users/:id/photo",
      {
        config: { access: "signed_in", policy: userGate.update },
        schema: {
          tags: ["users"],
          summary: "上传网格员证件照（明白卡用）",
          description:
            "仅 JPEG、PNG，≤ 2 MB，去除 EXIF 等元数据后存入证据存储。422 photo_too_large · photo_rejected · " +
            "photo_not_grid_worker。",
          params: idParams,
          consumes: ["multipart/form-data"],
          response: {
            200: z.object({ photoEvidenceId: z.string(), mimeType: z.string(), size: z.number() }),
            422: errorBody,
          },
        },
      },
      async (req) => {
        if (!req.isMultipart()) throw new AppError("unsupported_media_type");
        let file: { fileName: string; data: Buffer; truncated?: boolean } | undefined;
        try {
          for await (const part of req.parts()) {
            assertCanonicalPart(part);
            if (part.type !== "file") continue;
            file = { fileName: part.filename, data: await part.toBuffer() };
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === "FST_REQ_FILE_TOO_LARGE") throw photoTooLarge();
          if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT")
            throw new AppError("validation_failed", {
              zh: "一次只能上传一张照片",
              en: "One photo at a time",
            });
          throw multipartError(err);
        }
        return setUserPhoto(deps, actorOf(req), req.params.id, file);
      },
    );

    app.delete(
      "/users/:id/photo",
      {
        config: { access: "signed_in", policy: userGate.update },
        schema: {
          tags: ["users"],
          summary: "移除网格员证件照",
          params: idParams,
          response: { 204: noContent, 403: errorBody, 404: errorBody, 422: errorBody },
        },
      },
      async (req, reply) => {
        await removeUserPhoto(deps, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      "/users/:id/photo",
      {
        config: { access: "signed_in", policy: userGate.read },
        schema: {
          tags: ["users"],
          summary: "查看网格员证件照",
          params: idParams,
          response: { 200: z.unknown().describe("照片 the photo's bytes") },
        },
      },
      async (req, reply) => {
        const { row, stored } = await readUserPhoto(deps, actorOf(req), req.params.id);
        return reply
          .header("content-type", row.mimeType)
          .header("cache-control", "private, no-cache")
          .send(stored.body);
      },
    );
  };
}
