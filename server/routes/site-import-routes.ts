import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { siteGate, sitePolicy } from "../../domain/policies/site-policy";
import { siteExportQuery, siteImportOptions } from "../../domain/schemas/site-schemas";
import { recordedExport } from "../commands/exports/recorded-export";
import { importSites } from "../commands/sites/import-sites";
import { exportSites, siteTemplate } from "../commands/sites/site-xlsx";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";
import { receiveUpload } from "./site-upload";

/** Largest import file accepted (bytes). */
export const siteImportLimit = 30 * 1024 * 1024;
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const rowError = z.object({
  row: z.number(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function siteImportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart);

    app.get(
      "/sites/import/template",
      {
        config: { access: "signed_in", policy: siteGate.read },
        schema: { tags: ["sites"], summary: "下载监督管理对象导入模板（.xlsx）" },
      },
      async (_req, reply) =>
        reply
          .header("content-type", xlsxType)
          .header("content-disposition", attachment("监督管理对象导入模板.xlsx"))
          .send(await siteTemplate()),
    );

    app.post(
      "/sites/import",
      {
        config: { access: "signed_in", policy: siteGate.override },
        schema: {
          tags: ["sites"],
          summary: "从 .xlsx / .csv 导入监督管理对象（multipart：file, mode, crs, region）",
          consumes: ["multipart/form-data"],
          response: {
            200: z.object({
              mode: z.string(),
              crs: z.string(),
              rows: z.number(),
              imported: z.number(),
              rejected: z.number(),
              kept: z.boolean(),
              errors: z.array(rowError),
              errorCount: z.number(),
              warnings: z.array(rowError),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!actor.scope.some((s) => sitePolicy.import(actor, s))) throw new AppError("forbidden");
        const upload = await receiveUpload(req, siteImportLimit);
        try {
          const opts = siteImportOptions.safeParse({ ...(req.query as object), ...upload.fields });
          if (!opts.success)
            throw new AppError("validation_failed", {
              details: {
                issues: opts.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
              },
            });
          const lower = upload.filename.toLowerCase();
          const format = lower.endsWith(".csv") ? "csv" : lower.endsWith(".xlsx") ? "xlsx" : null;
          if (!format)
            throw new AppError("unsupported_file", {
              status: 415,
              zh: "只支持 .xlsx 或 .csv 文件（.xls 请在 Excel 中另存为 .xlsx）",
              en: "Only .xlsx or .csv files (save .xls as .xlsx)",
            });
          return await importSites(deps, actor, upload.file, format, opts.data, wantsEnglish(req));
        } finally {
          await upload.cleanup();
        }
      },
    );

    app.get(
      "/sites/export",
      {
        config: { access: "signed_in", policy: siteGate.export },
        schema: {
          tags: ["sites"],
          summary: "导出筛选后的监督管理对象（.xlsx，含个人信息：须填写导出事由，记入留痕，带水印）",
          querystring: siteExportQuery.extend(exportReasonField),
          response: exportErrorResponses,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { reason, ...filter } = req.query;
        const file = await recordedExport(deps, actor, { kind: "sites", filter, reason }, (watermark, out) =>
          exportSites(deps, actor, filter, watermark, out),
        );
        return sendExport(reply, file, "监督管理对象.xlsx", "sites.xlsx");
      },
    );
  };
}
