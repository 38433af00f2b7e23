import fs from "node:fs";
import type { FastifyReply } from "fastify";
import { exportReasonQuery } from "../../domain/classification/data-exports";
import { errorBody } from "../../domain/schemas/common-schemas";
import type { RecordedExportFile } from "../commands/exports/recorded-export";

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The query field every export route adds: the stated reason (required for personal or sensitive exports). */
export const exportReasonField = { reason: exportReasonQuery };

/** Error answers every export route documents (422 `export_reason_required` or `validation_failed`). */
export const exportErrorResponses = {
  403: errorBody.describe("forbidden：无导出权限"),
  422: errorBody.describe(
    "export_reason_required：导出含个人信息或敏感数据而未填写事由；validation_failed：参数无效",
  ),
};

/** Sends a recorded export: the workbook, its file name, and the sha256 and trail row that recorded it. */
export function sendExport(reply: FastifyReply, file: RecordedExportFile, name: string, asciiName: string) {
  return reply
    .header("content-type", xlsxType)
    .header(
      "content-disposition",
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header("x-export-sha256", file.sha256)
    .header("x-export-event", String(file.eventId))
    .header("content-length", String(file.bytes))
    .send(sentOnce(file.path));
}

/** The export's temporary file as a stream that removes the file once it is closed (sent or abandoned). */
function sentOnce(file: string) {
  const stream = fs.createReadStream(file);
  stream.once("close", () => fs.rm(file, { force: true }, () => {}));
  return stream;
}
