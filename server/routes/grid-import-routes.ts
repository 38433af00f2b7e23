import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { crsList } from "../../domain/geo/coordinates";
import { gridGate, gridPolicy } from "../../domain/policies/grid-policy";
import { regionCodeSchema } from "../../domain/schemas/common-schemas";
import { gridImportMapping, gridKinds, importModes } from "../../domain/schemas/grid-schemas";
import { readGridFile } from "../commands/grids/grid-file";
import { problemView } from "../commands/grids/grid-geometry";
import { importGrids } from "../commands/grids/import-grids";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { gridSummaryView, presentGridSummary, problemSchema } from "./grid-presenter";
import { receiveUpload } from "./site-upload";

/** Largest grid layer file accepted (bytes). */
export const gridImportLimit = 20 * 1024 * 1024;

const rowError = z.object({
  row: z.number(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
const options = z.strictObject({
  mapping: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s);
      } catch {
        ctx.addIssue({ code: "custom", message: "mapping 应为 JSON" });
        return z.NEVER;
      }
    })
    .pipe(gridImportMapping),
  regionCode: regionCodeSchema.optional(),
  defaultKind: z.enum(gridKinds).default("village"),
  mode: z.enum(importModes).default("all_or_nothing"),
  crs: z.enum(crsList as ["WGS84", "GCJ02", "BD09"]).default("WGS84"),
});

export function gridImportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart);
    const canImport = (req: Parameters<typeof actorOf>[0]) => {
      const actor = actorOf(req);
      if (!actor.scope.some((s) => gridPolicy.create(actor, s))) throw new AppError("forbidden");
      return actor;
    };

    app.post(
      "/grids/import/inspect",
      {
        config: { access: "signed_in", policy: gridGate.manage },
        schema: {
          tags: ["grids"],
          summary: "读取网格图层（GeoJSON 或 Shapefile 压缩包）的字段，供字段对应",
          consumes: ["multipart/form-data"],
          response: {
            200: z.object({
              format: z.string(),
              features: z.number(),
              geometryTypes: z.record(z.string(), z.number()),
              fields: z.array(z.string()),
              sample: z.array(z.record(z.string(), z.unknown())),
              crs: z.string().nullable(),
            }),
          },
        },
      },
      async (req) => {
        canImport(req);
        const upload = await receiveUpload(req, gridImportLimit);
        try {
          const layer = await readGridFile(upload.file, upload.filename);
          const geometryTypes: Record<string, number> = {};
          for (const f of layer.features) geometryTypes[f.type] = (geometryTypes[f.type] ?? 0) + 1;
          return {
            format: layer.format,
            features: layer.features.length,
            geometryTypes,
            fields: layer.fields,
            sample: layer.features.slice(0, 5).map((f) => f.properties),
            crs: layer.crs,
          };
        } finally {
          await upload.cleanup();
        }
      },
    );

    app.post(
      "/grids/import",
      {
        config: { access: "signed_in", policy: gridGate.manage },
        schema: {
          tags: ["grids"],
          summary: "导入网格图层（multipart：file, mapping, regionCode, defaultKind, mode, crs）",
          consumes: ["multipart/form-data"],
          response: {
            200: z.object({
              mode: z.string(),
              features: z.number(),
              imported: z.number(),
              rejected: z.number(),
              errors: z.array(rowError),
              warnings: z.array(problemSchema),
              grids: z.array(gridSummaryView),
            }),
          },
        },
      },
      async (req) => {
        const actor = canImport(req);
        const en = wantsEnglish(req);
        const upload = await receiveUpload(req, gridImportLimit);
        try {
          const opts = options.safeParse(upload.fields);
          if (!opts.success)
            throw new AppError("validation_failed", {
              details: {
                issues: opts.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
              },
            });
          const layer = await readGridFile(upload.file, upload.filename);
          const result = await importGrids(deps, actor, layer, opts.data, en);
          return {
            ...result,
            warnings: result.warnings.map((w) => problemView(w, en)),
            grids: result.grids.map((g) => presentGridSummary(g, actor, en)),
          };
        } finally {
          await upload.cleanup();
        }
      },
    );
  };
}
