import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { type CaseListFilter, iterateCases } from "../../../db/queries/case-list-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { Deps } from "../../deps";
import { watermarkFont, watermarkSheetOptions } from "../exports/export-watermark";
import { loadNames, presentCaseRow } from "./present-case";

export const maxExportRows = 50_000;

const deadlineStateLabel = { none: "—", on_time: "正常", due_soon: "即将超期", overdue: "已超期" } as const;
const chinaTime = (iso: string | null) =>
  iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ") : "";

/**
 * The list the actor sees (same queue and filters), as a watermarked .xlsx workbook with Chinese headers:
 * read from the database in batches and written row by row (exceljs WorkbookWriter), so neither the rows
 * nor the workbook are ever whole in memory. Written into `out` (the recorded export's hashed temporary file).
 */
export async function exportCasesXlsx(
  deps: Deps,
  actor: Actor,
  filter: CaseListFilter,
  en: boolean,
  watermark: string,
  out: Writable,
): Promise<number> {
  const now = deps.clock.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = "SafeGrid";
  const ws = wb.addWorksheet(en ? "Cases" : "案件", watermarkSheetOptions(watermark));
  const columns: [key: string, zh: string, en: string, width: number][] = [
    ["number", "案件编号", "Number", 20],
    ["stage", "阶段", "Stage", 14],
    ["type", "类型", "Type", 12],
    ["category", "行业类别", "Category", 14],
    ["source", "来源", "Source", 12],
    ["description", "问题描述", "Description", 40],
    ["region", "所在区划", "Region", 16],
    ["grid", "网格", "Grid", 18],
    ["site", "场所", "Site", 20],
    ["department", "承办部门", "Department", 22],
    ["reportedAt", "上报时间", "Reported at", 17],
    ["deadline", "办理期限", "Deadline", 17],
    ["deadlineState", "期限状态", "Deadline state", 10],
    ["escalated", "督办", "Escalated", 8],
    ["rework", "返工次数", "Rework", 9],
  ];
  columns.forEach(([, , , width], i) => {
    ws.getColumn(i + 1).width = width;
  });
  const mark = ws.addRow([watermark]);
  mark.getCell(1).font = watermarkFont;
  mark.commit();
  const header = ws.addRow(columns.map(([, zh, english]) => (en ? english : zh)));
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for await (const batch of iterateCases(deps.db, actor, filter, now, maxExportRows)) {
    const names = await loadNames(deps.db, batch);
    for (const r of batch) {
      rows++;
      const v = presentCaseRow(r, names, now, en);
      ws.addRow([
        v.number,
        v.stageLabel,
        v.typeLabel,
        v.categoryLabel,
        v.sourceLabel,
        r.description,
        v.regionName ?? v.regionCode,
        v.gridCode ?? "",
        v.siteName ?? "",
        v.ownerDepartmentName ?? "",
        chinaTime(v.reportedAt),
        chinaTime(v.deadline),
        en ? v.deadlineState : deadlineStateLabel[v.deadlineState],
        v.escalated ? (en ? "yes" : "是") : "",
        v.reworkCount,
      ]).commit();
    }
  }
  ws.commit();
  await wb.commit();
  return rows;
}
