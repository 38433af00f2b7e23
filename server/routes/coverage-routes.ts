import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { gridGate } from "../../domain/policies/grid-policy";
import { siteGate } from "../../domain/policies/site-policy";
import { errorBody, pageQuery, regionCodeSchema } from "../../domain/schemas/common-schemas";
import { reassignmentApplyInput, reassignmentPreviewInput } from "../../domain/schemas/site-schemas";
import { coverageMetrics } from "../../domain/site/coverage-metrics";
import { coverage } from "../commands/coverage/coverage";
import { coverageRows, coverageWorkbook } from "../commands/coverage/coverage-rows";
import { applyReassignment, previewReassignment } from "../commands/coverage/reassignment";
import { staffing } from "../commands/coverage/staffing";
import { endWith, recordedExport } from "../commands/exports/recorded-export";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";
import { presentGridSummary } from "./grid-presenter";
import { presentSite } from "./site-presenter";

const figures = z
  .object({
    grids: z.number(),
    gridsWithoutWorker: z.number(),
    gridsWithoutOfficer: z.number(),
    sites: z.number(),
    directSites: z.number(),
    gridSites: z.number(),
    sitesWithoutGrid: z.number(),
    sitesOutsideGrids: z.number(),
    sitesWithoutLocation: z.number(),
    sitesWithoutWorker: z.number(),
    sitesWithoutDepartment: z.number(),
    workers: z.number().optional(),
    percentages: z.object({
      gridsStaffed: z.number(),
      sitesWithGrid: z.number(),
      sitesWithWorker: z.number(),
      sitesWithDepartment: z.number(),
    }),
  })
  .loose();

const num = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();
const part = z.object({
  grid: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  worker: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  direct: z.boolean(),
});

export function coverageRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/coverage",
      {
        config: { access: "signed_in", policy: gridGate.coverage },
        schema: {
          tags: ["coverage"],
          summary: "网格化覆盖情况（推进进度）",
          querystring: z.strictObject({ region: regionCodeSchema.optional() }),
          response: {
            200: z.object({
              region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
              totals: figures,
              overlaps: z.number().nullable(),
              children: z.array(figures.extend({ code: z.string(), name: z.string() })),
            }),
          },
        },
      },
      async (req) => coverage(deps, actorOf(req), req.query.region),
    );

    app.get(
      "/coverage/rows",
      {
        config: { access: "signed_in", policy: gridGate.coverage },
        schema: {
          tags: ["coverage"],
          summary: "覆盖缺口明细",
          querystring: z.strictObject({
            region: regionCodeSchema.optional(),
            metric: z.enum(coverageMetrics),
            ...pageQuery,
          }),
          response: {
            200: z.object({
              metric: z.string(),
              type: z.string(),
              items: z.array(z.unknown()),
              total: z.number(),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const en = wantsEnglish(req);
        const rows = await coverageRows(deps, actor, req.query, en);
        const items =
          rows.type === "grids"
            ? rows.items.map((g) => presentGridSummary(g, actor, en))
            : rows.type === "sites"
              ? rows.items.map((s) => presentSite(s, actor, en))
              : rows.items;
        return { metric: req.query.metric, type: rows.type, items, total: rows.total };
      },
    );

    app.get(
      "/coverage/export",
      {
        config: { access: "signed_in", policy: gridGate.coverage },
        schema: {
          tags: ["coverage"],
          summary: "导出覆盖情况（.xlsx，不含个人信息：事由可选，记入留痕，带水印）",
          querystring: z.strictObject({ region: regionCodeSchema.optional(), ...exportReasonField }),
          response: exportErrorResponses,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { reason, ...filter } = req.query;
        const file = await recordedExport(
          deps,
          actor,
          { kind: "coverage", filter, reason },
          (watermark, out) => endWith(out, coverageWorkbook(deps, actor, filter.region, watermark)),
        );
        return sendExport(reply, file, "网格化覆盖情况.xlsx", "coverage.xlsx");
      },
    );

    app.get(
      "/staffing",
      {
        config: { access: "signed_in", policy: gridGate.coverage },
        schema: {
          tags: ["coverage"],
          summary: "网格工作量与网格员配备（R5）",
          querystring: z.strictObject({
            region: regionCodeSchema.optional(),
            status: z.enum(["over", "under", "balanced"]).optional(),
            partTimeFraction: num(0, 1),
            hoursPerFte: num(1, 400),
            low: num(0, 10),
            high: num(0, 10),
            ...pageQuery,
          }),
          response: {
            200: z.object({
              settings: z.object({
                partTimeFraction: z.number(),
                hoursPerFte: z.number(),
                low: z.number(),
                high: z.number(),
              }),
              items: z.array(
                z.object({
                  grid: z.object({ id: z.string(), code: z.string(), name: z.string() }),
                  sites: z.number(),
                  workload: z.object({
                    score: z.number(),
                    patrolsPerMonth: z.number(),
                    byRisk: z.record(z.string(), z.unknown()),
                  }),
                  capacity: z.object({
                    fullTime: z.number(),
                    partTime: z.number(),
                    fte: z.number(),
                    hoursPerMonth: z.number(),
                  }),
                  status: z.string(),
                  ratio: z.number().nullable(),
                  suggestedSplit: z.number(),
                }),
              ),
              total: z.number(),
              summary: z.object({ over: z.number(), under: z.number(), balanced: z.number() }),
            }),
          },
        },
      },
      async (req) => staffing(deps, actorOf(req), req.query),
    );

    app.post(
      "/reassignment/preview",
      {
        config: { access: "signed_in", policy: siteGate.override },
        schema: {
          tags: ["coverage"],
          summary: "网格或规则调整后重新分配：预览变化",
          body: reassignmentPreviewInput,
          response: {
            200: z.object({
              region: z.string(),
              checked: z.number(),
              unchanged: z.number(),
              kept: z.number(),
              token: z.string(),
              changes: z.array(
                z.object({
                  siteId: z.string(),
                  siteName: z.string(),
                  from: part,
                  to: part,
                  reason: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => previewReassignment(deps, actorOf(req), req.body.region),
    );

    app.post(
      "/reassignment/apply",
      {
        config: { access: "signed_in", policy: siteGate.override },
        schema: {
          tags: ["coverage"],
          summary: "确认重新分配",
          body: reassignmentApplyInput,
          response: {
            200: z.object({ applied: z.number(), skipped: z.number(), stale: z.boolean() }),
            409: errorBody,
          },
        },
      },
      async (req) => applyReassignment(deps, actorOf(req), req.body),
    );
  };
}
