import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyRequest } from "fastify";
import { AppError } from "../../domain/errors";
import { assertCanonicalPart, multipartError } from "../http/multipart-input";

export interface Upload {
  file: string;
  filename: string;
  fields: Record<string, string>;
  cleanup(): Promise<void>;
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", {
    zh: `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限，请分批导入`,
    en: `The file exceeds the ${Math.round(maxBytes / 1024 / 1024)} MB limit; split it`,
  });

/**
 * Receives one multipart file (field `file`) into a temporary file, with the other form fields. Refuses
 * files over `maxBytes` with 413 as soon as the limit is passed (the rest is not stored), and requests
 * that are not multipart with 415 and malformed multipart bodies with 400. The caller must `cleanup()`.
 */
export async function receiveUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
  if (!req.isMultipart())
    throw new AppError("unsupported_media_type", {
      zh: "请以 multipart/form-data 上传文件（字段 file）",
      en: "Upload the file as multipart/form-data (field `file`)",
    });
  const dir = await mkdtemp(path.join(tmpdir(), "safegrid-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file = "";
  let filename = "";
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024 },
    })) {
      assertCanonicalPart(part);
      if (part.type === "file") {
        filename = part.filename || "upload";
        file = path.join(dir, "upload");
        await pipeline(part.file, createWriteStream(file));
        if (part.file.truncated) throw tooLarge(maxBytes);
      } else fields[part.fieldname] = String(part.value ?? "");
    }
  } catch (e) {
    await cleanup();
    const code = (e as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(maxBytes);
    if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
      throw new AppError("bad_request", { zh: "一次只能上传一个文件", en: "Upload one file at a time" });
    throw multipartError(e);
  }
  if (!file) {
    await cleanup();
    throw new AppError("validation_failed", {
      zh: "请选择要上传的文件（字段 file）",
      en: "No file uploaded (field `file`)",
    });
  }
  return { file, filename, fields, cleanup };
}
