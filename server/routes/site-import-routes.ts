import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { siteGate, sitePolicy } from "../../domain/policies/site-policy";
import { errorBody } from "../../domain/schemas/common-schemas";
import {
  siteExportQuery,
  siteImportOptions,
  siteImportPreviewOptions,
} from "../../domain/schemas/site-schemas";
import { recordedExport } from "../commands/exports/recorded-export";
import { importSites } from "../commands/sites/import-sites";
import { previewSiteImport } from "../commands/sites/preview-site-import";
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

const previewView = z.object({
  needsSheet: z.boolean(),
  sheets: z.array(z.object({ name: z.string(), hasData: z.boolean() })),
  sheet: z.string().nullable(),
  headerRow: z.number().nullable(),
  columns: z.array(
    z.object({
      index: z.number(),
      header: z.string(),
      field: z.string().nullable(),
      source: z.enum(["mapping", "synonym"]).nullable(),
    }),
  ),
  samples: z.array(z.array(z.string())),
  rows: z.number(),
  fields: z.array(z.object({ field: z.string(), label: z.string(), required: z.boolean() })),
  missing: z.array(z.string()),
  constants: z.record(z.string(), z.string()),
  industries: z.record(z.string(), z.string()),
  unmatchedIndustries: z.array(
    z.object({
      text: z.string(),
      rows: z.number(),
      suggestions: z.array(z.object({ code: z.string(), label: z.string() })),
    }),
  ),
  remembered: z.boolean(),
});

function fileFormat(filename: string) {
  const lower = filename.toLowerCase();
  const format = lower.endsWith(".csv") ? "csv" : lower.endsWith(".xlsx") ? "xlsx" : null;
  if (!format)
    throw new AppError("unsupported_file", {
      status: 415,
      zh: "只支持 .xlsx 或 .csv 文件（.xls 请在 Excel 中另存为 .xlsx）",
      en: "Only .xlsx or .csv files (save .xls as .xlsx)",
    });
  return format;
}

function options<T>(
  schema: {
    safeParse: (
      v: unknown,
    ) =>
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  raw: unknown,
): T {
  const opts = schema.safeParse(raw);
  if (!opts.success)
    throw new AppError("validation_failed", {
      details: {
        issues: opts.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
      },
    });
  return opts.data;
}

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
      "/sites/import/preview",
      {
        config: { access: "signed_in", policy: siteGate.override },
        schema: {
          tags: ["sites"],
          summary:
            "导入映射：读取文件，给出工作表、表头行、各列对应的字段（记住的映射或同义词）和未能匹配的行业类别（不导入）",
          consumes: ["multipart/form-data"],
          response: { 200: previewView, 403: errorBody, 413: errorBody, 415: errorBody, 422: errorBody },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!actor.scope.some((s) => sitePolicy.import(actor, s))) throw new AppError("forbidden");
        const upload = await receiveUpload(req, siteImportLimit);
        try {
          const opts = options(siteImportPreviewOptions, { ...(req.query as object), ...upload.fields });
          const format = fileFormat(upload.filename);
          return await previewSiteImport(deps, actor, upload.file, format, opts, wantsEnglish(req));
        } finally {
          await upload.cleanup();
        }
      },
    );

    app.post(
      "/sites/import",
      {
        config: { access: "signed_in", policy: siteGate.override },
        schema: {
          tags: ["sites"],
          summary:
            "从 .xlsx / .csv 导入监督管理对象（multipart：file, mode, crs, region；映射步骤的 sheet, mapping, constants, industries 为 JSON）",
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
          const opts = options(siteImportOptions, { ...(req.query as object), ...upload.fields });
          const format = fileFormat(upload.filename);
          return await importSites(deps, actor, upload.file, format, opts, wantsEnglish(req));
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
