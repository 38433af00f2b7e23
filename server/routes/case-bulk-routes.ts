import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { caseGate } from "../../domain/policies/case-policy";
import { actOnCase } from "../commands/cases/act-on-case";
import { exportCasesXlsx } from "../commands/cases/export-cases";
import { recordedExport } from "../commands/exports/recorded-export";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";
import { caseListQuery, toFilter } from "./case-list-query";
import { exportErrorResponses, exportReasonField, sendExport } from "./export-reply";

const bulkDispatchInput = z.strictObject({
  caseIds: z
    .array(z.string().min(1).max(64), { error: "请选择案件" })
    .min(1, { error: "请至少选择一个案件" })
    .max(200, { error: "一次最多派送 200 个案件" }),
  departmentId: z.string({ error: "请选择承办部门" }).min(1, { error: "请选择承办部门" }).max(64),
  note: z.string().max(2000).optional(),
});

/** Bulk dispatch (each case in its own transaction) and the .xlsx export of any list. */
export function caseBulkRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/cases/bulk/dispatch",
      {
        config: { access: "signed_in", policy: caseGate.dispatch },
        schema: { tags: ["cases"], summary: "批量派送", body: bulkDispatchInput },
      },
      async (req) => {
        const actor = actorOf(req);
        const en = wantsEnglish(req);
        const results = [];
        for (const caseId of [...new Set(req.body.caseIds)]) {
          try {
            const input = {
              departmentId: req.body.departmentId,
              ...(req.body.note ? { note: req.body.note } : {}),
            };
            const out = await actOnCase(deps, actor, caseId, "dispatch", input, { en, markSeen: true });
            results.push({ caseId, ok: true, status: 200, version: out.body.case.version });
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            results.push({
              caseId,
              ok: false,
              status: err.status,
              code: err.code,
              message: en ? err.en : err.zh,
            });
          }
        }
        return { results };
      },
    );

    app.get(
      "/cases/export.xlsx",
      {
        config: { access: "signed_in", policy: caseGate.export },
        schema: {
          tags: ["cases"],
          summary: "导出案件列表（.xlsx，含个人信息：须填写导出事由，记入留痕，带水印）",
          querystring: caseListQuery.extend(exportReasonField),
          response: exportErrorResponses,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { reason, ...query } = req.query;
        const file = await recordedExport(
          deps,
          actor,
          { kind: "cases", filter: query, reason },
          (watermark, out) =>
            exportCasesXlsx(deps, actor, toFilter(query), wantsEnglish(req), watermark, out),
        );
        const name = `案件列表-${deps.clock.now().toISOString().slice(0, 10)}.xlsx`;
        return sendExport(reply, file, name, "cases.xlsx");
      },
    );
  };
}
