import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { tallyMetrics } from "../../domain/indicators/case-tally";
import { coverageDrills, isCoverageDrill } from "../../domain/indicators/indicator-catalogue";
import { dashboardGate } from "../../domain/policies/dashboard-policy";
import { errorBody, regionCodeSchema } from "../../domain/schemas/common-schemas";
import { dashboardCoverageRows, dashboardCoverageWorkbook } from "../commands/dashboard/coverage-figure";
import { dashboardRows, dashboardRowsWorkbook } from "../commands/dashboard/dashboard-rows";
import { regionDashboard } from "../commands/dashboard/region-dashboard";
import { endWith, recordedExport } from "../commands/exports/recorded-export";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "日期格式应为 YYYY-MM-DD" });
const periodQuery = {
  region: regionCodeSchema.optional(),
  period: z.enum(["month", "quarter", "year", "custom"], { error: "统计期无效" }).default("month"),
  from: date.optional(),
  to: date.optional(),
  workingDays: z.enum(["true", "false"]).default("false"),
};
const metric = z.enum([...tallyMetrics, ...coverageDrills], { error: "指标明细项无效" });
/** A GB/T 4754 section (门类) letter, or "none": the reports of that industry (hazards by industry). */
const industry = z
  .string()
  .regex(/^([A-T]|none)$/, { error: "行业门类须为 A 至 T 的字母，或 none（未登记行业）" })
  .optional();
const errors = {
  404: errorBody.describe("not_found：区划不存在或不在辖区内"),
  422: errorBody.describe("validation_failed：参数无效（如自定义统计期缺少日期）"),
};
const toQuery = <T extends { workingDays: "true" | "false"; industry?: string }>(
  q: T,
): Omit<T, "workingDays" | "industry"> & { workingDays: boolean; industry?: string } => ({
  ...q,
  workingDays: q.workingDays === "true",
  industry: q.industry === "none" ? "" : q.industry,
});

/**
 * Region dashboards (issue 13.2), also read by the big screen (13.3): every figure from the rollup, each
 * with its formula; the rows behind a figure, and those rows as a recorded .xlsx export.
 */
export function dashboardRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dashboard",
      {
        config: { access: "signed_in", policy: dashboardGate.read },
        schema: {
          tags: ["dashboard"],
          summary: "区域统计看板：指标（含公式、环比、同比）、漏斗、分类、下级区划、趋势、超期与督办",
          querystring: z.strictObject(periodQuery),
          response: { 200: z.object({}).loose(), ...errors },
        },
      },
      async (req) => regionDashboard(deps, actorOf(req), toQuery(req.query), wantsEnglish(req)),
    );

    app.get(
      "/dashboard/rows",
      {
        config: { access: "signed_in", policy: dashboardGate.read },
        schema: {
          tags: ["dashboard"],
          summary:
            "指标明细：构成某项数字的案件环节；台账指标为其缺口（未划入网格的场所、无网格员的网格，当前值）",
          querystring: z.strictObject({ ...periodQuery, metric, industry }),
          response: { 200: z.object({}).loose(), ...errors },
        },
      },
      async (req) => {
        const q = toQuery(req.query);
        const { metric: m } = q;
        return isCoverageDrill(m)
          ? dashboardCoverageRows(deps, actorOf(req), { region: q.region, metric: m })
          : dashboardRows(deps, actorOf(req), { ...q, metric: m }, wantsEnglish(req));
      },
    );

    app.get(
      "/dashboard/rows/export",
      {
        config: { access: "signed_in", policy: dashboardGate.export },
        schema: {
          tags: ["dashboard"],
          summary: "导出指标明细（.xlsx，记入留痕，带水印）",
          querystring: z.strictObject({ ...periodQuery, metric, industry, ...exportReasonField }),
          response: { ...exportErrorResponses, 404: errors[404] },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { reason, ...filter } = req.query;
        const file = await recordedExport(
          deps,
          actor,
          { kind: "dashboard", filter, reason },
          (watermark, out) => {
            const q = toQuery(filter);
            const { metric: m } = q;
            return endWith(
              out,
              isCoverageDrill(m)
                ? dashboardCoverageWorkbook(deps, actor, { region: q.region, metric: m }, watermark)
                : dashboardRowsWorkbook(deps, actor, { ...q, metric: m }, watermark),
            );
          },
        );
        return sendExport(reply, file, "统计指标明细.xlsx", "dashboard-rows.xlsx");
      },
    );
  };
}
