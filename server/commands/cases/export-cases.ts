import ExcelJS from "exceljs";
import { type CaseListFilter, listAllCases } from "../../../db/queries/case-list-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { Deps } from "../../deps";
import { watermarkedBuffer } from "../exports/export-watermark";
import type { ExportFile } from "../exports/recorded-export";
import { loadNames, presentCaseRow } from "./present-case";

export const maxExportRows = 50_000;

const deadlineStateLabel = { none: "—", on_time: "正常", due_soon: "即将超期", overdue: "已超期" } as const;
const chinaTime = (iso: string | null) =>
  iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ") : "";

/** The list the actor sees (same queue and filters), as a watermarked .xlsx workbook with Chinese headers. */
export async function exportCasesXlsx(
  deps: Deps,
  actor: Actor,
  filter: CaseListFilter,
  en: boolean,
  watermark: string,
): Promise<ExportFile> {
  const now = deps.clock.now();
  const rows = await listAllCases(deps.db, actor, filter, now, maxExportRows);
  const names = await loadNames(deps.db, rows);
  const wb = new ExcelJS.Workbook();
  wb.creator = "SafeGrid";
  const ws = wb.addWorksheet(en ? "Cases" : "案件");
  ws.columns = [
    { header: en ? "Number" : "案件编号", key: "number", width: 20 },
    { header: en ? "Stage" : "阶段", key: "stage", width: 14 },
    { header: en ? "Type" : "类型", key: "type", width: 12 },
    { header: en ? "Category" : "行业类别", key: "category", width: 14 },
    { header: en ? "Source" : "来源", key: "source", width: 12 },
    { header: en ? "Description" : "问题描述", key: "description", width: 40 },
    { header: en ? "Region" : "所在区划", key: "region", width: 16 },
    { header: en ? "Grid" : "网格", key: "grid", width: 18 },
    { header: en ? "Site" : "场所", key: "site", width: 20 },
    { header: en ? "Department" : "承办部门", key: "department", width: 22 },
    { header: en ? "Reported at" : "上报时间", key: "reportedAt", width: 17 },
    { header: en ? "Deadline" : "办理期限", key: "deadline", width: 17 },
    { header: en ? "Deadline state" : "期限状态", key: "deadlineState", width: 10 },
    { header: en ? "Escalated" : "督办", key: "escalated", width: 8 },
    { header: en ? "Rework" : "返工次数", key: "rework", width: 9 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const v = presentCaseRow(r, names, now, en);
    ws.addRow({
      number: v.number,
      stage: v.stageLabel,
      type: v.typeLabel,
      category: v.categoryLabel,
      source: v.sourceLabel,
      description: r.description,
      region: v.regionName ?? v.regionCode,
      grid: v.gridCode ?? "",
      site: v.siteName ?? "",
      department: v.ownerDepartmentName ?? "",
      reportedAt: chinaTime(v.reportedAt),
      deadline: chinaTime(v.deadline),
      deadlineState: en ? v.deadlineState : deadlineStateLabel[v.deadlineState],
      escalated: v.escalated ? (en ? "yes" : "是") : "",
      rework: v.reworkCount,
    });
  }
  return watermarkedBuffer(wb, watermark);
}
